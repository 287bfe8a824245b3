"""The terms of Awb 6:7/6:8 and 4:17 with the Algemene termijnenwet."""

from datetime import date

import pytest

from messaging import terms


@pytest.mark.parametrize(
    "year, easter",
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter(year, easter):
    assert terms.easter_sunday(year) == easter


def test_atw_holidays_2026_include_good_friday_and_fifth_of_may():
    holidays = terms.atw_holidays(2026)
    assert date(2026, 4, 3) in holidays  # Goede Vrijdag (Atw art. 3 lid 2)
    assert date(2026, 4, 6) in holidays  # tweede Paasdag
    assert date(2026, 4, 27) in holidays  # Koningsdag (a Monday)
    assert date(2026, 5, 5) in holidays
    assert date(2026, 5, 14) in holidays  # Hemelvaartsdag
    assert date(2026, 5, 25) in holidays  # tweede Pinksterdag
    assert date(2026, 5, 4) not in holidays  # Dodenherdenking is no holiday


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    assert terms.kings_day(2025) == date(2025, 4, 26)
    assert terms.kings_day(2026) == date(2026, 4, 27)


def test_objection_term_is_six_weeks_from_the_day_after_sending():
    # Sent Tuesday 3 November 2026: the term runs 4 Nov to Tuesday 15 Dec.
    assert terms.objection_last_day(date(2026, 11, 3)) == date(2026, 12, 15)


def test_objection_term_ending_on_a_saturday_runs_to_monday():
    # Sent Saturday 7 Nov 2026 -> six weeks end Saturday 19 Dec -> Monday 21 Dec.
    assert terms.objection_last_day(date(2026, 11, 7)) == date(2026, 12, 21)


def test_objection_term_ending_on_christmas_runs_past_both_days_and_the_weekend():
    # Sent Friday 13 Nov 2026 -> ends Friday 25 Dec (Kerst), 26 Sat, 27 Sun -> Monday 28 Dec.
    assert terms.objection_last_day(date(2026, 11, 13)) == date(2026, 12, 28)


def test_objection_term_ending_on_good_friday_runs_past_easter_monday():
    # Ends Friday 3 April 2026 (Goede Vrijdag) -> Sat, Sun, Mon (2e Paasdag) -> Tuesday 7 April.
    assert terms.objection_last_day(date(2026, 2, 20)) == date(2026, 4, 7)


def test_equated_days_from_a_royal_decree_extend_the_term(settings):
    settings.ATW_EQUATED_DAYS = ["2026-12-15"]
    assert terms.objection_last_day(date(2026, 11, 3)) == date(2026, 12, 16)


def test_notice_of_default_gives_the_body_two_weeks():
    # Received Monday 7 Dec 2026: two weeks run 8 Dec to Monday 21 Dec.
    assert terms.default_last_day(date(2026, 12, 7)) == date(2026, 12, 21)


def test_short_term_holds_two_working_days():
    # Atw art. 2: a three-day term from Thursday 24 Dec 2026 (24, 25, 26) ends on a
    # Saturday; art. 1 moves it to Monday 28, which gives working days 24 and 28.
    assert terms.statutory_term_end(date(2026, 12, 24), terms.timedelta(days=3)) == date(
        2026, 12, 28
    )


def test_days_left_counts_to_the_last_day():
    assert terms.days_left(date(2026, 12, 15), date(2026, 12, 15)) == 0
    assert terms.days_left(date(2026, 12, 15), date(2026, 12, 16)) == -1


def test_working_days_skip_weekends_and_holidays():
    assert terms.add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)
