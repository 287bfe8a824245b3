"""Every interface text has its English translation (the interface is Dutch first)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The project's own catalogue (portal/, templates/) and one per app.
CATALOGUES = [
    ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po",
    *sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")),
]


def _entries(source: str):
    for block in source.strip().split("\n\n"):
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        msgstr = (
            "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1])) if "msgstr" in block else ""
        )
        yield block, msgid, msgstr


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_has_an_english_translation(po):
    untranslated = [
        msgid
        for block, msgid, msgstr in _entries(po.read_text(encoding="utf-8"))
        if msgid and ("#, fuzzy" in block or not msgstr)
    ]
    assert not untranslated, f"Untranslated or fuzzy in {po}: {untranslated}"
