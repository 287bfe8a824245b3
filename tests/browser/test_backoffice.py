"""A caseworker (MFA set up) publishes a status in the back office; the citizen's
case shows it at once and an e-mail is queued. Every admin screen we add is
checked with axe."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.selectors import case_for_citizen
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory
from notifications.models import Notification
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


def _log_in(page, live_server, user):
    """Staff log in through allauth with TOTP; the browser gets that session."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def scene():
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    citizen = CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN, title="Dakkapel")
    caseworker = CaseworkerFactory(agency=agency, mfa=True)
    assert caseworker.authenticator_set.filter(type="totp").exists()
    return {"case": case, "citizen": citizen, "caseworker": caseworker}


def test_caseworker_finds_a_case_and_publishes_a_status(page, live_server, scene):
    _log_in(page, live_server, scene["caseworker"])
    page.goto("/beheer/")
    expect(page.get_by_text("1 open zaak").first).to_be_visible()
    assert_accessible(page, context="on the dashboard with the cases panel")

    page.goto("/beheer/zaken/")
    assert_accessible(page, context="on the case list")
    page.get_by_label("Zoek op zaaknummer, titel, naam of BSN").fill(BSN)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    assert BSN not in page.url
    page.get_by_role("link", name=scene["case"].reference).click()
    expect(page.get_by_text("Suzanne Moulin").first).to_be_visible()
    assert_accessible(page, context="on the case screen")

    page.get_by_role("link", name="Status publiceren").first.click()
    assert_accessible(page, context="on the publish form")
    page.get_by_label("Uw aanvraag is afgehandeld (eindstatus)").check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_text("Controleer het formulier").first).to_be_visible()
    assert_accessible(page, context="on the publish form with an error")

    page.get_by_label("Uw aanvraag is in behandeling", exact=True).check()
    page.get_by_label("Toelichting voor de inwoner").fill("Een medewerker bekijkt uw tekeningen.")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_text("Een medewerker bekijkt uw tekeningen.").first).to_be_visible()
    assert_accessible(page, context="on the preview")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("is gepubliceerd").first).to_be_visible()

    # The citizen's case shows the new status at once, with the explanation.
    case = case_for_citizen(
        user=scene["citizen"], agency="zoetermeer", reference=scene["case"].reference
    )
    assert case.current_status.status_type.name == "in_behandeling"
    assert case.current_status.explanation == "Een medewerker bekijkt uw tekeningen."
    assert Notification.objects.filter(status_update=case.current_status).count() == 1


def test_open_case_screen_is_accessible_with_errors(page, live_server, scene):
    _log_in(page, live_server, scene["caseworker"])
    page.goto("/beheer/zaken/berichten/")
    assert_accessible(page, context="on the undelivered messages list")
    page.goto("/beheer/zaken/nieuw/")
    assert_accessible(page, context="on the open-case form")
    page.get_by_label("BSN van de inwoner").fill("123456789")
    page.get_by_role("button", name="Zaak registreren").click()
    expect(page.get_by_text("Dit is geen geldig burgerservicenummer (BSN).").first).to_be_visible()
    assert_accessible(page, context="on the open-case form with errors")


def test_other_agencys_case_is_not_found(page, live_server, scene):
    other = CaseFactory(case_type=CaseTypeFactory(), bsn=BSN)
    _log_in(page, live_server, scene["caseworker"])
    response = page.goto(f"/beheer/zaken/{other.pk}/")
    assert response.status == 404


def test_case_type_screens_are_accessible(page, live_server, scene):
    agency = scene["case"].agency
    admin = CaseworkerFactory(agency=agency, agency_admin=True, mfa=True)
    _log_in(page, live_server, admin)
    page.goto("/beheer/zaaktypen/")
    expect(page.get_by_text(scene["case"].case_type.name).first).to_be_visible()
    assert_accessible(page, context="on the case type listing")
    page.goto("/beheer/zaaktypen/new/")
    assert_accessible(page, context="on the new case type form")
    page.goto("/beheer/statustypen/")
    assert_accessible(page, context="on the status type listing")


def test_membership_screens_are_accessible(page, live_server, scene):
    from backoffice.tests.factories_backoffice import add_totp
    from identity.tests.factories import StaffUserFactory

    superuser = StaffUserFactory(is_superuser=True)
    add_totp(superuser)
    _log_in(page, live_server, superuser)
    page.goto("/beheer/lidmaatschappen/")
    expect(page.get_by_text(scene["caseworker"].username).first).to_be_visible()
    assert_accessible(page, context="on the membership listing")
    page.goto("/beheer/lidmaatschappen/new/")
    assert_accessible(page, context="on the new membership form")


def test_decision_form_and_its_error_state_are_accessible(page, live_server, scene):
    from documents.tests.factories import DecisionTemplateFactory

    DecisionTemplateFactory(case_type=scene["case"].case_type, name="Besluit dakkapel")
    _log_in(page, live_server, scene["caseworker"])
    page.goto(f"/beheer/zaken/{scene['case'].pk}/")
    page.get_by_role("link", name="Besluit maken").click()
    expect(page.get_by_label("Sjabloon")).to_be_visible()
    assert_accessible(page, context="on the decision form")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Controleer het formulier")).to_be_visible()
    assert_accessible(page, context="on the decision form with errors")
