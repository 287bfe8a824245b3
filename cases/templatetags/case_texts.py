"""`{{ case.case_type|localized:"name" }}`: a catalogue text in the visitor's language
(cases.translation)."""

from django import template
from django.utils.safestring import SafeString

from cases.translation import localized as localized_text

register = template.Library()


@register.filter
def localized(obj, field: str) -> SafeString | str:
    # HTML already: the template engine would str() an object (losing the markup).
    if obj is None:
        return ""
    return localized_text(obj, field).__html__()
