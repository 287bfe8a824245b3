"""`{{ case.case_type|localized:"name" }}`: a catalogue text in the visitor's language
(cases.translation)."""

from django import template
from django.utils.safestring import SafeString

from cases.translation import localized as localized_text
from portal.dates import time_html

register = template.Library()


@register.filter
def localized(obj, field: str) -> SafeString | str:
    # HTML already: the template engine would str() an object (losing the markup).
    if obj is None:
        return ""
    return localized_text(obj, field).__html__()


@register.filter
def time_tag(value) -> SafeString | str:
    """`<time datetime="2026-12-03">3 december 2026</time>` for a date or a datetime
    (in local time), the way every citizen page shows a date (portal.dates)."""
    return time_html(value)


@register.filter
def datetime_tag(value) -> SafeString | str:
    """`<time datetime="2026-12-03T10:15:00+01:00">3 december 2026, 10:15</time>`:
    a moment in local time (portal.dates)."""
    return time_html(value, with_time=True)
