"""Issue 18 for the caseworker, with axe: the send form and its errors, the
case screen with "gelezen op" and the consent panel, the letters to post."""

import pytest
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory
from messaging.consent_models import PostalLetter
from messaging.models import Message
from messaging.tests.factories import global_message_types
from tests.browser.conftest import assert_accessible
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


def test_caseworker_sends_a_formal_message_that_goes_by_post(page, live_server):
    global_message_types()
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN, title="Dakkapel")
    _log_in(page, live_server, CaseworkerFactory(agency=agency, mfa=True))

    page.goto(f"/beheer/zaken/{case.pk}/")
    expect(page.get_by_test_id("case-messages")).to_be_visible()
    page.get_by_role("link", name="Bericht aan de burger sturen").click()
    assert_accessible(page, context="on the send-message form")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Controleer het formulier")).to_be_visible()
    assert_accessible(page, context="on the send-message form with errors")

    page.get_by_label("Soort bericht").select_option(label="Verzoeken om aanvulling")
    page.get_by_label("Formeel bericht (rechtsgevolg)").check()
    page.get_by_label("Onderwerp").fill("Verzoek om aanvulling")
    page.get_by_label("Tekst").fill("Stuur de tekening van de dakkapel.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Deze burger ontvangt dit type per post.").first).to_be_visible()
    expect(page.get_by_text("nog niet gelezen")).to_be_visible()
    assert_accessible(page, context="on the case screen with a message")
    assert PostalLetter.objects.filter(message=Message.objects.get()).exists()

    page.get_by_role("link", name="Brieven per post").first.click()
    expect(page.get_by_test_id("letters")).to_contain_text("Verzoek om aanvulling")
    assert_accessible(page, context="on the letters to post")
