"""Fill empty English msgstr entries from a `Dutch = English` text file.

    python scripts/po_fill.py translations.txt [path/to/django.po ...]

Each line of the file is `Dutch text = English text`. Entries already
translated are left alone. portal/tests/test_translations.py fails while any
entry is empty or fuzzy, so new interface text cannot ship untranslated.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def fill(mapping_file: str, po: Path) -> None:
    mapping = {}
    for line in Path(mapping_file).read_text(encoding="utf-8").splitlines():
        if " = " in line:
            dutch, english = line.split(" = ", 1)
            mapping[dutch.strip()] = english.strip()
    source = po.read_text(encoding="utf-8")
    pattern = re.compile(r'^msgid "(?P<id>(?:[^"\\]|\\.)+)"\nmsgstr ""\n(?!")', re.MULTILINE)

    def replace(match: re.Match) -> str:
        msgid = match.group("id").encode().decode("unicode_escape").encode("latin-1").decode()
        english = mapping.get(msgid)
        if english is None:
            return match.group(0)
        return f'msgid "{match.group("id")}"\nmsgstr "{_quote(english)}"\n'

    po.write_text(pattern.sub(replace, source), encoding="utf-8")


if __name__ == "__main__":
    targets = [Path(p) for p in sys.argv[2:]] or [
        *sorted(
            p for p in ROOT.glob("*/locale/en/LC_MESSAGES/django.po") if ".venv" not in p.parts
        ),
        ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po",
    ]
    for target in targets:
        fill(sys.argv[1], target)
