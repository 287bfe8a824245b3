"""portal.dates writes exactly what Django's date filter wrote, faster."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.dates import long_date, time_html

MOMENTS = [
    datetime(2026, 1, 1, 0, 5, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("UTC")),  # the night summer time starts
    datetime(2026, 12, 31, 23, 59, 59, 123456, tzinfo=ZoneInfo("UTC")),  # next year locally
]


# What the pages wrote before, through the template engine (which converts
# to local time before the date filter sees the value).
BEFORE_WITH_TIME = Template(
    """<time datetime="{{ m|date:'c' }}">{{ m|date:"j F Y, H:i" }}</time>"""
)
BEFORE_DATE = Template("""<time datetime="{{ d|date:'Y-m-d' }}">{{ d|date:"j F Y" }}</time>""")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("moment", MOMENTS)
def test_the_same_as_the_date_filter(language, moment):
    with translation.override(language):
        assert time_html(moment, with_time=True) == BEFORE_WITH_TIME.render(Context({"m": moment}))
        assert time_html(moment) == BEFORE_DATE.render(Context({"d": moment}))
        day = moment.date()
        assert time_html(day) == BEFORE_DATE.render(Context({"d": day}))


def test_month_names_follow_the_language():
    day = date(2026, 10, 3)
    with translation.override("nl"):
        assert long_date(day) == "3 oktober 2026"
    with translation.override("en"):
        assert long_date(day) == "3 October 2026"


def test_nothing_for_no_date():
    assert time_html(None) == ""
    assert time_html(None, with_time=True) == ""
