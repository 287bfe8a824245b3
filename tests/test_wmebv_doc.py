"""docs/wmebv.md maps each Wmebv/Awb article to code and to the test that guards
it; a renamed or deleted test would leave the page citing nothing. Every cited
test function, test file and source file must exist.

Citations are in backticks: `path/to/test_x.py::test_name` (the file becomes the
current one), `…::test_name` (a test in the current file), `…fragment` (a test
in the current file whose name contains the fragment), `path/to/file.py` or
`.html` (the file exists)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "wmebv.md"
CODE = re.compile(r"`([^`]+)`")
FILE = re.compile(r"[\w./-]+\.(?:py|html|md)")


def _is_test_file(path: str) -> bool:
    return "tests/" in path and Path(path).name.startswith("test_")


def _test_names(path: str) -> set[str]:
    text = (ROOT / path).read_text(encoding="utf-8")
    return set(re.findall(r"^(?:async )?def (test_\w+)\(", text, flags=re.MULTILINE))


def _citations() -> list[tuple[str, str]]:
    """(file, test name or "…fragment" or "") for each cited test, in page order."""
    cited: list[tuple[str, str]] = []
    current = ""
    for span in CODE.findall(PAGE.read_text(encoding="utf-8")):
        span = span.split(" ")[0]
        path, _, name = span.partition("::")
        if path == "…" and name:
            cited.append((current, name))
        elif path.startswith("…") and path != "…" and not name:
            cited.append((current, path))
        elif FILE.fullmatch(path):
            if _is_test_file(path):
                current = path
            cited.append((path, name if _is_test_file(path) else ""))
    return cited


def test_the_page_cites_tests():
    tests = [(path, name) for path, name in _citations() if name]
    assert len(tests) >= 40


def test_every_cited_file_and_test_exists():
    missing = []
    for path, name in _citations():
        if not path or not (ROOT / path).is_file():
            missing.append(f"{path or '(no file before it)'} {name}".strip())
            continue
        if not name:
            continue
        names = _test_names(path)
        if name.startswith("…"):
            fragment = name.strip("…")
            if not any(fragment in test for test in names):
                missing.append(f"{path}: no test containing {fragment!r}")
        elif name not in names:
            missing.append(f"{path}::{name}")
    assert missing == [], missing
