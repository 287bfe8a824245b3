"""Issue 18 "Done when", end to end through the real screens, with axe: the
caseworker of Zoetermeer sends 999993653 a formal "Verzoek om aanvulling" with
a deadline; she sees it in Mijn berichten with an unread badge, reads it (the
caseworker sees "gelezen op"), replies with a file, and the reply appears on
the caseworker's case screen.

The consent rows are the demo's own (demo.message_consent), so the message
goes digitally and not on the postal letter queue (Awb 2:8)."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from demo import message_consent
from documents.tests import samples
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory
from messaging.consent_models import PostalLetter
from messaging.kinds import Direction
from messaging.models import Message
from messaging.tests.factories import global_message_types
from tests.browser.conftest import assert_accessible, new_context
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


@pytest.fixture
def no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


@pytest.fixture
def citizen_tab(browser, live_server):
    """Suzanne's own browser (a second context: her session is not the caseworker's)."""
    context = new_context(browser, live_server)
    tab = context.new_page()
    tab.csp_violations = []
    yield tab
    tab.goto("about:blank")
    context.close()


def _log_in_citizen(tab, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)  # as DigiD Midden would
    session.save()
    tab.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def test_request_for_information_read_and_answered_with_a_file(
    page, citizen_tab, live_server, no_scanner, tmp_path
):
    global_message_types()
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    suzanne = CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    case = CaseFactory(
        case_type=CaseTypeFactory(agency=agency), bsn=BSN, title="Bijzondere bijstand"
    )
    message_consent.seed(io.StringIO())
    deadline = timezone.localdate() + timedelta(days=14)

    # The caseworker sends the formal request with a deadline.
    _log_in(page, live_server, CaseworkerFactory(agency=agency, mfa=True))
    page.goto(f"/beheer/zaken/{case.pk}/")
    page.get_by_role("link", name="Bericht aan de burger sturen").click()
    page.get_by_label("Soort bericht").select_option(label="Verzoeken om aanvulling")
    page.get_by_label("Formeel bericht (rechtsgevolg)").check()
    page.get_by_label("Onderwerp").fill("Verzoek om aanvulling")
    page.get_by_label("Tekst").fill("Stuur ons uw loonstroken van mei.")
    page.get_by_label("Actie nodig vóór").fill(deadline.isoformat())
    page.get_by_role("button", name="Versturen").click()
    sent = page.get_by_test_id("case-message").filter(has_text="Verzoek om aanvulling")
    expect(sent).to_contain_text("nog niet gelezen")
    expect(page.get_by_text("Deze burger ontvangt dit type per post.")).to_have_count(0)
    message = Message.objects.get(direction=Direction.TO_CITIZEN)
    assert message.expects_action_by == deadline and message.is_formal
    assert not PostalLetter.objects.exists()  # she consented to this type digitally

    # Suzanne sees it with an unread badge, and reads it.
    tab = citizen_tab
    _log_in_citizen(tab, live_server, suzanne)
    tab.goto("/mijn/")
    expect(tab.get_by_test_id("unread-count")).to_have_text("1 ongelezen bericht")
    tab.get_by_test_id("inbox-link").click()
    expect(tab.get_by_test_id("thread-unread")).to_be_visible()
    assert_accessible(tab, context="on Mijn berichten with the caseworker's request")
    tab.get_by_role("link", name="Verzoek om aanvulling").click()
    expect(tab.locator("h1")).to_have_text("Verzoek om aanvulling")
    expect(tab.get_by_text("Actie nodig vóór")).to_be_visible()
    expect(tab.get_by_test_id("postal-copy")).to_have_count(0)
    expect(tab.get_by_test_id("unread-count")).to_have_count(0)

    # The caseworker sees "gelezen op".
    page.reload()
    expect(sent).to_contain_text("gelezen op")

    # She replies with a file.
    upload = tmp_path / "loonstrook-mei.png"
    upload.write_bytes(samples.png())
    tab.get_by_role("textbox", name="Uw bericht").fill("Hierbij mijn loonstrook van mei.")
    tab.get_by_label("Bestand meesturen (niet verplicht)").set_input_files(str(upload))
    tab.get_by_role("button", name="Versturen").click()
    expect(tab.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    assert_accessible(tab, context="on the conversation after the reply")

    # The reply, with its file, is on the caseworker's case screen.
    page.reload()
    reply = page.get_by_test_id("case-message").filter(has_text="Hierbij mijn loonstrook van mei.")
    expect(reply).to_contain_text("van de burger")
    expect(reply.get_by_role("link")).to_have_count(1)
    assert_accessible(page, context="on the case screen with the citizen's reply")
    answer = Message.objects.get(direction=Direction.TO_AGENCY)
    assert answer.case == case
    assert answer.attachments.get().document.original_filename == "loonstrook-mei.png"
