"""End to end: an agency system creates a case and sets a status through the
API (real HTTP against the live server), and the citizen sees both in the
browser, in "Mijn overzicht" and on the case page."""

import json
import urllib.request

import pytest

from agency_api.models import ApiClient
from cases.tests.factories import AgencyFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def api_post(base_url: str, token: str, path: str, body: dict, key: str) -> dict:
    request = urllib.request.Request(  # noqa: S310 - our own live server
        f"{base_url}/api/v1{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        },
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        assert response.status == 201
        return json.load(response)


def test_case_pushed_through_the_api_appears_for_the_citizen(citizen_page, live_server, home_page):
    agency = AgencyFactory(slug="zoetermeer-e2e", name="Gemeente Zoetermeer E2E")
    CaseTypeFactory(agency=agency, code="omgevingsvergunning", name="Omgevingsvergunning")
    _client, token = ApiClient.issue(agency=agency, name="Zaaksysteem")

    case = api_post(
        live_server.url,
        token,
        "/zaken",
        {"case_type": "omgevingsvergunning", "bsn": "999993653", "title": "Dakkapel via API"},
        key="e2e-case",
    )
    api_post(
        live_server.url,
        token,
        f"/zaken/{case['reference']}/statussen",
        {"status_type": 2, "explanation": "Een medewerker bekijkt uw tekeningen."},
        key="e2e-status",
    )

    page, login = citizen_page
    login(CitizenFactory(bsn="999993653"))
    page.goto("/mijn/")
    page.get_by_role("link", name="Dakkapel via API").click()
    assert page.locator("h1").inner_text() == "Dakkapel via API"
    assert page.get_by_text(case["reference"]).first.is_visible()
    current = page.locator("[aria-current=step]").inner_text()
    assert "Uw aanvraag is in behandeling" in current
    assert "Een medewerker bekijkt uw tekeningen." in current
    assert_accessible(page, context="on a case created through the API")
