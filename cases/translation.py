"""The catalogue's citizen-facing texts in the visitor's language.

Case types and status types carry their Dutch text and, in a `<field>_en`
column, an English one (docs/decisions/0025). `localized(obj, "name")` returns
the English on English pages and the Dutch everywhere else. Where the English is
missing the Dutch stands in, marked `lang="nl"` so screen readers switch voice
(WCAG 3.1.2 Language of Parts), with a visible "(Dutch only)" note.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

DUTCH = "nl"
ENGLISH = "en"


@dataclass(frozen=True)
class LocalizedText:
    """A text and, when it is a fallback, the language it is really in.

    str() is the plain text (for e-mail, the API, comparisons); __html__() is
    the markup, with the fallback marked up (templates: the `localized` filter).
    """

    text: str
    fallback_language: str | None = None

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    def __html__(self) -> SafeString:
        if not self.fallback_language:
            return format_html("{}", self.text)
        return format_html(
            '<span lang="{}">{}</span> <span class="ol-untranslated">{}</span>',
            self.fallback_language,
            self.text,
            _("(alleen in het Nederlands)"),
        )


def wants_english() -> bool:
    return (get_language() or DUTCH).split("-")[0] == ENGLISH


def localized(obj, field: str) -> LocalizedText:
    """`obj.<field>` in the active language: `<field>_en` in English when filled."""
    dutch = getattr(obj, field) or ""
    if not wants_english():
        return LocalizedText(dutch)
    english = getattr(obj, f"{field}_en", "") or ""
    if english:
        return LocalizedText(english)
    return LocalizedText(dutch, fallback_language=DUTCH if dutch else None)
