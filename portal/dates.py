"""Dates the way every citizen page shows them, without the date filter's cost.

`{{ value|date:"j F Y" }}` parses its format string and looks up a translated
month name on every call (~30 µs); a case page shows a dozen dates, the history
twice each (docs/performance.md, issue 21). Here the month names are translated
once per language and process, and the two shapes the pages use are written
directly. The output is exactly Django's "j F Y" and "j F Y, H:i", in local time.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

_MONTH_NAMES: dict[str, dict[int, str]] = {}


def month_name(month: int) -> str:
    """The month's name in the active language ("december")."""
    language = get_language() or ""
    names = _MONTH_NAMES.get(language)
    if names is None:
        names = _MONTH_NAMES[language] = {number: str(name) for number, name in MONTHS.items()}
    return names[month]


def long_date(day: date) -> str:
    """ "3 december 2026" (Django's "j F Y")."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def time_html(value: date | datetime | None, *, with_time: bool = False) -> SafeString | str:
    """`<time datetime="2026-12-03">3 december 2026</time>` for a date or a
    datetime (in local time); with `with_time`, the moment as well:
    `<time datetime="2026-12-03T10:15:00+01:00">3 december 2026, 10:15</time>`."""
    if not value:
        return ""
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        if with_time:
            text = f"{long_date(moment)}, {moment:%H:%M}"
            return _tag(moment.isoformat(), text)
        value = moment.date()
    return _tag(value.isoformat(), long_date(value))


def _tag(machine: str, text: str) -> SafeString:
    # ISO digits and a month name from Django's own translations; escaped anyway.
    return mark_safe(f'<time datetime="{escape(machine)}">{escape(text)}</time>')  # noqa: S308
