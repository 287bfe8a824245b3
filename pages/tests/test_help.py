"""Help on every page and "Bel mij terug" (pages/help.py; WCAG 3.2.6, Awb 2:1)."""

import uuid

import pytest
from django.test import Client

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.access_log import AccessAction, AccessLogEntry
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from pages.models import CallbackRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(citizen):
    agency = AgencyFactory(name="Gemeente Zoetermeer", phone="14 079", email="info@zoetermeer.nl")
    return CaseFactory(
        bsn=citizen.bsn, case_type=CaseTypeFactory(agency=agency), title="Bijzondere bijstand"
    )


def help_url(case):
    return f"/hulp/zaak/{case.agency.slug}/{case.reference}/"


def callback_data(form_token=None, **overrides):
    return {
        "token": str(form_token or uuid.uuid4()),
        "phone": "06-12345678",
        "preferred_time": "morning",
        "question": "Wanneer krijg ik het besluit?",
        **overrides,
    }


def test_every_page_links_to_help_and_a_case_page_to_its_case_help(citizen_client, case, home_page):
    assert 'class="ol-help-link" href="/hulp/"' in citizen_client.get("/mijn/").content.decode()
    assert 'class="ol-help-link" href="/hulp/"' in citizen_client.get("/").content.decode()
    page = citizen_client.get(case.get_absolute_url()).content.decode()
    assert f'class="ol-help-link" href="{help_url(case)}"' in page
    english = citizen_client.get("/en/mijn/").content.decode()
    assert 'class="ol-help-link" href="/en/hulp/"' in english


def test_help_page_shows_the_helpdesk(client, settings, home_page):
    settings.PORTAL_HELPDESK = {"phone": "088 123 45 67", "email": "hulp@loket.nl", "hours": ""}
    page = client.get("/hulp/").content.decode()
    assert "088 123 45 67" in page and "hulp@loket.nl" in page


def test_case_help_shows_the_agency_and_the_case_number(citizen_client, case):
    page = citizen_client.get(help_url(case)).content.decode()
    assert "Gemeente Zoetermeer" in page
    assert case.reference in page
    assert "info@zoetermeer.nl" in page
    assert "Bel mij terug" in page


def test_case_help_of_another_persons_case_is_not_found(client, case):
    log_in(client, CitizenFactory(bsn="999990019"))
    assert client.get(help_url(case)).status_code == 404
    assert client.post(help_url(case), callback_data()).status_code == 404
    assert not CallbackRequest.objects.exists()


def test_case_help_needs_a_login(client, case):
    response = client.get(help_url(case))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_bel_mij_terug_creates_one_request_for_the_agency_and_logs_it(
    citizen_client, citizen, case
):
    data = callback_data()
    response = citizen_client.post(help_url(case), data)
    assert response.status_code == 302
    again = citizen_client.post(help_url(case), data)  # a double click or a retry
    assert again.status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.case, callback.bsn, callback.phone) == (case, citizen.bsn, "0612345678")
    assert callback.preferred_time == "morning"
    entry = AccessLogEntry.objects.for_subject(citizen.bsn).get(object_kind="callback_request")
    assert entry.action == AccessAction.CREATED


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Vul een geldig telefoonnummer in"),
        ("phone", "", "Vul uw telefoonnummer in."),
        ("preferred_time", "", "Kies wanneer we u mogen bellen."),
        ("question", "", "Schrijf kort waar uw vraag over gaat."),
        ("question", "x" * 501, "Gebruik hooguit 500 tekens."),
    ],
)
def test_bel_mij_terug_says_what_is_wrong(citizen_client, case, field, value, message):
    response = citizen_client.post(help_url(case), callback_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CallbackRequest.objects.exists()


def test_the_agencys_caseworkers_see_the_request_others_get_404(citizen_client, citizen, case):
    citizen_client.post(help_url(case), callback_data())
    callback = CallbackRequest.objects.get()

    own = Client()
    own.force_login(CaseworkerFactory(agency=case.agency))
    listing = own.get("/beheer/zaken/terugbellen/")
    assert listing.status_code == 200
    assert case.reference in listing.content.decode()
    detail = own.get(f"/beheer/zaken/terugbellen/{callback.pk}/")
    assert "0612345678" in detail.content.decode()
    viewed = AccessLogEntry.objects.for_subject(citizen.bsn).filter(
        object_kind="callback_request", action=AccessAction.VIEWED
    )
    assert viewed.count() == 1

    other = Client()
    other.force_login(CaseworkerFactory(agency=AgencyFactory()))
    assert other.get(f"/beheer/zaken/terugbellen/{callback.pk}/").status_code == 404
    assert case.reference not in other.get("/beheer/zaken/terugbellen/").content.decode()
