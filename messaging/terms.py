"""Legal terms, as pure functions, used alike by the forms, the countdowns and
the caseworker's deadlines (docs/decisions/0030, point 5).

- Algemene termijnenwet (Atw) art. 1 lid 1: a term set by law that ends on a
  Saturday, Sunday or generally recognised holiday runs to the next day that is
  none of these. Art. 2: a term of at least three days is extended so that it
  holds at least two such working days. Art. 3 lid 1 lists the holidays
  (Nieuwjaarsdag, tweede Paas- en Pinksterdag, beide Kerstdagen, Hemelvaartsdag,
  Koningsdag, 5 mei); art. 3 lid 2 equates Goede Vrijdag; art. 3 lid 3 lets a
  Royal Decree equate other days (published per period in the Staatscourant):
  those go in settings.ATW_EQUATED_DAYS as ISO dates.
- Awb 6:7: the objection term is six weeks; 6:8 lid 1: it starts the day after
  the decision was made known (sent). So its last day is the sending day plus
  six weeks, then Atw.
- Awb 4:17 lid 3: after a notice of default (ingebrekestelling) the body has
  two weeks; the penalty (dwangsom) is owed from the day after.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from django.conf import settings

OBJECTION_TERM = timedelta(weeks=6)  # Awb 6:7
DEFAULT_TERM = timedelta(weeks=2)  # Awb 4:17 lid 3


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """Koningsdag: 27 April, or 26 April when the 27th is a Sunday (Besluit
    van 2013 on the celebration of the King's birthday)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def atw_holidays(year: int) -> frozenset[date]:
    """Atw art. 3 lid 1 and lid 2, for one year."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            easter - timedelta(days=2),  # Goede Vrijdag (art. 3 lid 2)
            easter + timedelta(days=1),  # tweede Paasdag
            kings_day(year),
            date(year, 5, 5),  # de vijfde mei
            easter + timedelta(days=39),  # Hemelvaartsdag
            easter + timedelta(days=50),  # tweede Pinksterdag
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def _equated_days() -> frozenset[date]:
    return frozenset(date.fromisoformat(day) for day in getattr(settings, "ATW_EQUATED_DAYS", ()))


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday, Atw holiday or day equated to one."""
    return day.weekday() < 5 and day not in atw_holidays(day.year) and day not in _equated_days()


def extend_to_working_day(last_day: date) -> date:
    """Atw art. 1 lid 1: a term ending on a non-working day runs to the next working day."""
    while not is_working_day(last_day):
        last_day += timedelta(days=1)
    return last_day


def statutory_term_end(start_day: date, term: timedelta) -> date:
    """The last day of a term set by law that starts on `start_day` (the first
    day counted), with Atw art. 1 and art. 2 applied."""
    last_day = extend_to_working_day(start_day + term - timedelta(days=1))
    if term >= timedelta(days=3):
        # Atw art. 2: at least two working days inside the term.
        while (
            sum(
                is_working_day(start_day + timedelta(days=n))
                for n in range((last_day - start_day).days + 1)
            )
            < 2
        ):
            last_day = extend_to_working_day(last_day + timedelta(days=1))
    return last_day


def objection_last_day(decision_sent_on: date) -> date:
    """Awb 6:7/6:8: six weeks from the day after the decision was sent."""
    return statutory_term_end(decision_sent_on + timedelta(days=1), OBJECTION_TERM)


def default_last_day(notice_received_on: date) -> date:
    """Awb 4:17 lid 3: the body has two weeks after receiving the notice of default;
    after this day a penalty may accrue."""
    return statutory_term_end(notice_received_on + timedelta(days=1), DEFAULT_TERM)


def views_last_day(opened_on: date, days: int) -> date:
    """The last day for a view (zienswijze) on a draft decision (Awb 4:8 / 3:16:
    the term the body set, six weeks in the uniform procedure), then Atw."""
    return statutory_term_end(opened_on + timedelta(days=1), timedelta(days=days))


def days_left(last_day: date, today: date) -> int:
    """Whole days from today to the last day (0 on the last day, negative after)."""
    return (last_day - today).days


def add_working_days(start: date, working_days: int) -> date:
    """The day `working_days` working days after `start` (for "unread after N
    working days" escalations, issue 18)."""
    day = start
    while working_days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            working_days -= 1
    return day
