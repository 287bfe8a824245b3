"""A caseworker sees a citizen's objection on the dashboard and the case
screen, takes it into handling with the keyboard, and the ledger shows the
agency received it; every screen passes axe (issue 17, agency side)."""

import pytest
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.tests.factories import CitizenFactory
from messaging import services
from messaging.kinds import MessageKind
from messaging.tests.factories import objection_and_complaint_channels, upload
from tests.browser.conftest import assert_accessible
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


@pytest.fixture
def objection():
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    citizen = CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    case = CaseFactory(case_type__agency=agency, bsn=BSN, title="Schutting", closed=True)
    objection_and_complaint_channels(agency)
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=BSN,
        agency=agency,
        case=case,
        kind=MessageKind.BEZWAAR,
        body="De schutting van de buren is ook toegestaan.",
        idempotency_key="browser",
        level=LevelOfAssurance.MIDDEN,
        related_document=DocumentFactory(case=case, decision=True),
        details={"wants_hearing": True},
        uploads=[upload("foto.png")],
    )


def test_caseworker_takes_an_objection_into_handling(page, live_server, objection):
    _log_in(page, live_server, CaseworkerFactory(agency=objection.agency, mfa=True))
    page.goto("/beheer/")
    expect(page.get_by_text("1 nieuw bezwaar")).to_be_visible()
    assert_accessible(page, context="on the dashboard with the formal messages panel")

    page.get_by_role("link", name=objection.opened_case.reference).click()
    panel = page.get_by_test_id("formal-messages-panel")
    expect(panel.get_by_text("De schutting van de buren is ook toegestaan.")).to_be_visible()
    expect(panel.get_by_text("Ontvangen door de organisatie")).to_be_visible()
    expect(panel.get_by_role("link", name=objection.case.reference)).to_be_visible()
    assert_accessible(page, context="on the case screen with a formal message")

    button = panel.get_by_role("button", name="In behandeling nemen")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Het bericht is in behandeling genomen.")).to_be_visible()
    panel = page.get_by_test_id("formal-messages-panel")
    expect(panel.get_by_text("In behandeling genomen", exact=True)).to_be_visible()
    expect(panel.get_by_role("button", name="In behandeling nemen")).to_have_count(0)
    assert_accessible(page, context="after taking the message into handling")

    page.goto("/beheer/")
    expect(page.get_by_text("0 nieuwe bezwaren")).to_be_visible()
