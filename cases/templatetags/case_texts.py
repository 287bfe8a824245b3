"""`{{ case.case_type|localized:"name" }}`: a catalogue text in the visitor's language
(cases.translation)."""

from django import template

from cases.translation import LocalizedText
from cases.translation import localized as localized_text

register = template.Library()


@register.filter
def localized(obj, field: str) -> LocalizedText | str:
    if obj is None:
        return ""
    return localized_text(obj, field)
