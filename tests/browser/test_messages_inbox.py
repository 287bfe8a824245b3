"""Issue 18 in Chromium, with axe: Mijn berichten with the unread badge, a
conversation, the reply form and its errors, a question from the case page,
and Berichten en meldingen (consent per message type), in Dutch and English."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from messaging import services
from messaging.consent_models import MessageConsent, MessageType
from messaging.kinds import Direction
from messaging.models import Message
from messaging.tests.factories import global_message_types
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


@pytest.fixture
def request_for_information(db):
    global_message_types()
    case = CaseFactory(bsn="999993653", title="Bijzondere bijstand")
    decision = DocumentFactory(case=case, title="Brief met uitleg")
    return services.send_message_to_citizen(
        actor=Actor.system("zaaksysteem"),
        agency=case.agency,
        citizen_bsn="999993653",
        case=case,
        message_type=MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        subject="Verzoek om aanvulling",
        body="Stuur uw loonstroken van mei.\n\n<script>alert(1)</script>",
        is_formal=True,
        expects_action_by=timezone.localdate() + timedelta(days=14),
        documents=[decision],
        idempotency_key="browser-1",
    )


def test_inbox_thread_and_reply(suzanne_page, request_for_information, no_scanner, tmp_path):
    page = suzanne_page
    page.goto("/mijn/")
    expect(page.get_by_test_id("unread-count")).to_have_text("1 ongelezen bericht")
    page.get_by_test_id("inbox-link").click()
    expect(page.locator("h1")).to_have_text("Mijn berichten")
    expect(page.get_by_test_id("thread-unread")).to_be_visible()
    assert_accessible(page, context="on Mijn berichten with an unread message")

    page.get_by_role("link", name="Verzoek om aanvulling").click()
    expect(page.locator("h1")).to_have_text("Verzoek om aanvulling")
    expect(page.get_by_test_id("postal-copy")).to_be_visible()
    # The agency's text is plain text: the markup is shown, never run.
    expect(page.get_by_text("<script>alert(1)</script>")).to_be_visible()
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    assert_accessible(page, context="on a conversation")
    assert Message.objects.get(pk=request_for_information.pk).first_opened_at is not None

    # The reply form without text: the error summary, focused, axe-clean.
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Fout:")
    assert_accessible(page, context="on the reply form with an error")

    upload = tmp_path / "loonstrook.png"
    upload.write_bytes(samples.png())
    page.get_by_role("textbox", name="Uw bericht").fill("Hierbij mijn loonstrook.")
    page.get_by_label("Bestand meesturen (niet verplicht)").set_input_files(str(upload))
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_test_id("message")).to_have_count(2)
    reply = Message.objects.get(direction=Direction.TO_AGENCY)
    assert reply.attachments.get().document.original_filename == "loonstrook.png"

    page.get_by_role("button", name="Archiveren").click()
    expect(page.get_by_role("button", name="Terugzetten uit archief")).to_be_visible()
    page.goto("/mijn/berichten/?archief=1")
    expect(page.get_by_role("link", name="Verzoek om aanvulling")).to_be_visible()
    assert_accessible(page, context="on the archive")


def test_question_from_the_case_page(suzanne_page, request_for_information):
    page = suzanne_page
    page.goto(request_for_information.case.get_absolute_url())
    expect(page.get_by_test_id("case-history")).to_be_visible()
    assert_accessible(page, context="on the case page with its history and the question link")
    page.get_by_role("link", name="Stel een vraag over deze zaak").click()
    assert_accessible(page, context="on the question form")
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page, context="on the question form with errors")
    page.get_by_role("textbox", name="Onderwerp").fill("Hoe lang duurt het nog?")
    page.get_by_role("textbox", name="Uw bericht").fill("Ik wacht al drie weken.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("h1")).to_have_text("Hoe lang duurt het nog?")


def test_consent_page_in_dutch_and_english(suzanne_page, request_for_information):
    page = suzanne_page
    page.goto("/mijn/gegevens/")
    page.get_by_role("link", name="Berichten en meldingen instellen").click()
    expect(page.locator("h1")).to_have_text("Berichten en meldingen")
    assert_accessible(page, context="on Berichten en meldingen")

    group = page.get_by_test_id("consent-besluit")
    group.get_by_label("Ja, in Mijn berichten").check()
    group.get_by_label("Melding per e-mail").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuzes zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_test_id("consent-history")).to_be_visible()
    assert_accessible(page, context="on Berichten en meldingen with history")
    consent = MessageConsent.objects.get(message_type__code="besluit")
    assert (consent.digital, consent.email, consent.sms) == (True, True, False)

    page.goto("/en/mijn/gegevens/berichten-en-meldingen/")
    expect(page.locator("h1")).to_have_text("Messages and notifications")
    assert_accessible(page, context="on Messages and notifications (English)")
    page.goto("/en/mijn/berichten/")
    expect(page.locator("h1")).to_have_text("My messages")
    assert_accessible(page, context="on My messages (English)")
