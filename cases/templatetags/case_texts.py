"""`{{ case.case_type|localized:"name" }}`: a catalogue text in the visitor's language
(cases.translation)."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cases.translation import localized as localized_text

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
    (in local time), the way every citizen page shows a date."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "j F Y")
    )
