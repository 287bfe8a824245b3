"""Mijn overzicht puts what waits for the citizen first and says so (issue 15.9), and
cards with the same title can be told apart by the date the case started."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from cases import selectors
from cases.models import Case
from cases.tests.factories import CaseFactory
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/mijn/"


@pytest.fixture
def citizen():
    return CitizenFactory(bsn="999993653")


def test_cases_waiting_for_the_citizen_come_first(citizen):
    waiting = CaseFactory(bsn=citizen.bsn, action_required=True, title="Wasmachine")
    Case.objects.filter(pk=waiting.pk).update(last_changed_at=timezone.now() - timedelta(30))
    waiting.refresh_from_db()
    newer_open = CaseFactory(bsn=citizen.bsn, in_progress=True, title="Dakkapel")
    closed = CaseFactory(bsn=citizen.bsn, closed=True, title="Schutting")
    no_status_yet = CaseFactory(bsn=citizen.bsn, title="Nieuw")
    # The waiting case changed longest ago, yet comes first; the rest as before.
    rest = sorted([newer_open, no_status_yet], key=lambda c: (c.last_changed_at, c.pk))
    assert waiting.last_changed_at < rest[0].last_changed_at
    expected = [waiting, *reversed(rest), closed]
    assert list(selectors.cases_for_citizen(user=citizen)) == expected
    oldest_first = [waiting, *rest, closed]
    assert list(selectors.cases_for_citizen(user=citizen, oldest_first=True)) == oldest_first


def test_summary_counts_and_links_the_waiting_cases(citizen_client, citizen):
    waiting = CaseFactory(bsn=citizen.bsn, action_required=True, title="Wasmachine")
    CaseFactory(bsn=citizen.bsn, in_progress=True, title="Dakkapel")
    html = citizen_client.get(OVERVIEW).content.decode()
    assert "1 zaak wacht op u" in html
    summary = html.split('id="wacht-op-u"')[1].split("</section>")[0]
    assert f'href="{waiting.get_absolute_url()}"' in summary
    assert "Dakkapel" not in summary
    # The summary comes before the list of cases.
    assert html.index("wacht-op-u") < html.index('id="lopend"')

    CaseFactory(bsn=citizen.bsn, action_required=True, title="Kwijtschelding")
    html = citizen_client.get(OVERVIEW).content.decode()
    assert "2 zaken wachten op u" in html


def test_summary_is_in_english_too(citizen_client, citizen):
    CaseFactory(bsn=citizen.bsn, action_required=True)
    with translation.override("en"):
        html = citizen_client.get("/en/mijn/").content.decode()
    assert "1 case is waiting for you" in html


def test_no_summary_when_nothing_waits(citizen_client, citizen):
    CaseFactory(bsn=citizen.bsn, in_progress=True)
    html = citizen_client.get(OVERVIEW).content.decode()
    assert "wacht-op-u" not in html


def test_cards_with_the_same_title_show_when_they_started(citizen_client, citizen):
    today = timezone.localdate()
    CaseFactory(bsn=citizen.bsn, title="Verhuizing doorgeven", received_on=today - timedelta(90))
    CaseFactory(bsn=citizen.bsn, title="Verhuizing doorgeven", received_on=today)
    html = citizen_client.get(OVERVIEW).content.decode()
    assert html.count("Gestart op") == 2
    with translation.override("nl"):
        from django.utils.formats import date_format

        for day in (today, today - timedelta(90)):
            assert f'<time datetime="{day:%Y-%m-%d}">{date_format(day, "j F Y")}</time>' in html


def test_an_answered_request_no_longer_sorts_first(citizen):
    """The sort follows Case.action_required: once the citizen's upload answered the
    status (StatusUpdate.answered_at), the case falls back among the others."""
    answered = CaseFactory(bsn=citizen.bsn, action_required=True, title="Wasmachine")
    answered.current_status.answered_at = timezone.now()
    answered.current_status.save(update_fields=["answered_at"])
    Case.objects.filter(pk=answered.pk).update(last_changed_at=timezone.now() - timedelta(30))
    newer = CaseFactory(bsn=citizen.bsn, in_progress=True, title="Dakkapel")
    assert list(selectors.cases_for_citizen(user=citizen)) == [newer, answered]
