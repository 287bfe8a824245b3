"""Every interface text has its English translation (the interface is Dutch first)."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(source: str):
    for block in source.strip().split("\n\n"):
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        msgstr = (
            "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1])) if "msgstr" in block else ""
        )
        yield block, msgid, msgstr


def test_every_message_has_an_english_translation():
    untranslated = [
        msgid
        for block, msgid, msgstr in _entries(PO.read_text(encoding="utf-8"))
        if msgid and ("#, fuzzy" in block or not msgstr)
    ]
    assert not untranslated, f"Untranslated or fuzzy in {PO.name}: {untranslated}"
