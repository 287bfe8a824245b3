"""The error summary comes after the page's h1 in every template that shows one.

Its h2 ("Er is een probleem") read before the h1 breaks the heading order on every
form error page (WCAG 1.3.1). The browser tests check the pages they visit
(`assert_accessible`); this check covers every template, visited or not.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = "portal/includes/error_summary.html"


def templates_with_error_summary() -> list[Path]:
    return [
        path
        for path in ROOT.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and INCLUDE in path.read_text(encoding="utf-8")
    ]


def test_some_templates_include_the_error_summary():
    assert len(templates_with_error_summary()) >= 5


def test_the_error_summary_follows_the_h1():
    misplaced = []
    for path in templates_with_error_summary():
        text = path.read_text(encoding="utf-8")
        h1 = text.find("<h1")
        if h1 == -1:
            continue  # the h1 comes from a parent template, before the content block
        if text.find(INCLUDE) < h1:
            misplaced.append(str(path.relative_to(ROOT)))
    assert not misplaced, f"error summary before the h1 in: {misplaced}"
