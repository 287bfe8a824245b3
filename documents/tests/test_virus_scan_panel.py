"""Issue 15.11: the dashboard warning about a missing virus scanner points to a
decision file that exists."""

import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


def test_scanner_off_warning_names_an_existing_decision_file():
    with translation.override("nl"):
        html = render_to_string("documents/admin/virus_scan_panel.html", {"enabled": False})
    paths = re.findall(r"docs/decisions/[\w.-]+\.md", html)
    assert paths
    for path in paths:
        assert (ROOT / path).is_file(), path
