"""Decision records (docs/decisions/NNNN-slug.md): each heading carries its
file's number, and no two files share one, so "decision 0012" names one file."""

import re
from collections import Counter
from pathlib import Path

DECISIONS = Path(__file__).resolve().parent.parent / "docs" / "decisions"
FILE_NAME = re.compile(r"(\d{4})-[a-z0-9-]+\.md")


def _records() -> list[Path]:
    return sorted(DECISIONS.glob("*.md"))


def test_every_record_is_named_number_slug():
    assert _records()
    assert [p.name for p in _records() if not FILE_NAME.fullmatch(p.name)] == []


def test_each_heading_carries_its_file_number():
    wrong = []
    for path in _records():
        number = path.name[:4]
        heading = path.read_text(encoding="utf-8").splitlines()[0]
        if not re.match(rf"# {number}\b", heading):
            wrong.append(f"{path.name}: {heading}")
    assert wrong == []


def test_no_two_records_share_a_number():
    counts = Counter(path.name[:4] for path in _records())
    assert [number for number, count in counts.items() if count > 1] == []
