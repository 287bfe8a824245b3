"""Every English catalogue is complete: no untranslated and no fuzzy entry.

A fuzzy entry is makemessages' guess from a similar text (it once turned
"gemachtigde" into "gender"); msgfmt leaves it out, so the English page shows
Dutch. Parallel branches merged into one catalogue are where this happens."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (scripts/bootstrap.sh installs it)"
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [msgfmt, "--statistics", "--check-format", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    assert "fuzzy" not in statistics, statistics
    assert "untranslated" not in statistics, statistics
