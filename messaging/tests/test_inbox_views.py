"""The citizen's pages of issue 18: inbox, conversation, reply, question,
consent; another citizen's thread is a 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.tests.factories import CaseFactory
from documents.tests import samples
from identity.actors import Actor
from identity.tests.factories import CitizenFactory
from messaging import services
from messaging.consent_models import MessageConsent, MessageType
from messaging.kinds import Direction, EvidenceKind, MessageKind
from messaging.models import Message
from messaging.tests.factories import global_message_types

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _message_types(db):
    global_message_types()


def send_to(case, bsn="999993653", key="k-1", **kwargs):
    arguments = {
        "actor": Actor.system("zaaksysteem"),
        "agency": case.agency,
        "citizen_bsn": bsn,
        "case": case,
        "message_type": MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        "subject": "Verzoek om aanvulling",
        "body": "Stuur uw <b>loonstroken</b>.",
        "is_formal": True,
        "expects_action_by": timezone.localdate() + timedelta(days=7),
        "idempotency_key": key,
    }
    arguments.update(kwargs)
    return services.send_message_to_citizen(**arguments)


def test_inbox_shows_unread_and_the_header_count(citizen_client):
    send_to(CaseFactory())
    response = citizen_client.get(reverse("messaging:inbox"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Verzoek om aanvulling" in page
    assert 'data-testid="unread-count">1' in page
    assert response["Cache-Control"] == "no-store"


def test_opening_a_thread_records_first_opened_and_escapes_html(citizen_client):
    message = send_to(CaseFactory())
    response = citizen_client.get(reverse("messaging:thread", args=[message.thread.public_id]))
    page = response.content.decode()
    assert "&lt;b&gt;loonstroken&lt;/b&gt;" in page
    assert "<b>loonstroken</b>" not in page
    assert 'data-testid="postal-copy"' in page
    message.refresh_from_db()
    assert message.first_opened_at is not None
    assert message.evidence.filter(kind=EvidenceKind.FIRST_OPENED).count() == 1
    citizen_client.get(reverse("messaging:thread", args=[message.thread.public_id]))
    assert message.evidence.filter(kind=EvidenceKind.FIRST_OPENED).count() == 1


def test_another_citizens_thread_is_404(citizen_client):
    other = CitizenFactory(bsn="999990019")
    case = CaseFactory(bsn=other.bsn)
    message = send_to(case, bsn=other.bsn)
    url = reverse("messaging:thread", args=[message.thread.public_id])
    assert citizen_client.get(url).status_code == 404
    assert citizen_client.post(url, {"body": "hallo", "token": "t"}).status_code == 404
    archive = reverse("messaging:thread_archive", args=[message.thread.public_id])
    assert citizen_client.post(archive, {"archive": "1"}).status_code == 404
    assert Message.objects.filter(thread=message.thread).count() == 1
    assert Message.objects.get(pk=message.pk).first_opened_at is None


def test_reply_with_a_file_lands_in_the_thread(citizen_client):
    message = send_to(CaseFactory())
    url = reverse("messaging:thread", args=[message.thread.public_id])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("loonstrook.png", samples.png(), content_type="image/png")
    response = citizen_client.post(url, {"body": "Hierbij.", "token": "tok-1", "file": upload})
    assert response.status_code == 302
    reply = Message.objects.get(direction=Direction.TO_AGENCY)
    assert reply.thread_id == message.thread_id
    assert reply.attachments.get().document.original_filename == "loonstrook.png"
    # The same token again (double click) sends nothing new.
    citizen_client.post(url, {"body": "Hierbij.", "token": "tok-1"})
    assert Message.objects.filter(direction=Direction.TO_AGENCY).count() == 1


def test_reply_errors_come_back_on_the_form(citizen_client):
    message = send_to(CaseFactory())
    url = reverse("messaging:thread", args=[message.thread.public_id])
    response = citizen_client.post(url, {"body": "", "token": "tok-2"})
    assert response.status_code == 200
    assert "Schrijf uw bericht." in response.content.decode()
    assert not Message.objects.filter(direction=Direction.TO_AGENCY).exists()


def test_archive_and_back(citizen_client):
    message = send_to(CaseFactory())
    archive = reverse("messaging:thread_archive", args=[message.thread.public_id])
    citizen_client.post(archive, {"archive": "1"})
    assert Message.objects.get(pk=message.pk).archived_by_citizen
    inbox = citizen_client.get(reverse("messaging:inbox")).content.decode()
    assert "Verzoek om aanvulling" not in inbox
    archived = citizen_client.get(reverse("messaging:inbox") + "?archief=1").content.decode()
    assert "Verzoek om aanvulling" in archived


def test_question_on_a_case_starts_a_thread(citizen_client):
    case = CaseFactory()
    detail = citizen_client.get(reverse("cases:detail", args=[case.agency.slug, case.reference]))
    ask = reverse("messaging:ask", args=[case.agency.slug, case.reference])
    assert ask in detail.content.decode()
    response = citizen_client.post(
        ask, {"subject": "Wanneer?", "body": "Hoe lang nog?", "token": "q"}
    )
    assert response.status_code == 302
    question = Message.objects.get(kind=MessageKind.VRAAG)
    assert question.case == case
    assert response["Location"] == reverse("messaging:thread", args=[question.thread.public_id])
    other_case = CaseFactory(bsn="999990019")
    other = reverse("messaging:ask", args=[other_case.agency.slug, other_case.reference])
    assert citizen_client.get(other).status_code == 404


def test_case_page_shows_the_timeline(citizen_client):
    case = CaseFactory()
    send_to(case)
    page = citizen_client.get(
        reverse("cases:detail", args=[case.agency.slug, case.reference])
    ).content.decode()
    assert 'data-testid="case-history"' in page
    assert "Verzoek om aanvulling" in page


def test_consent_page_saves_choices_with_history(citizen_client, citizen):
    response = citizen_client.get(reverse("messaging:consent"))
    assert response.status_code == 200
    besluit = MessageType.objects.get(agency=None, code="besluit")
    data = {}
    for kind in MessageType.objects.filter(agency=None):
        data[f"t{kind.pk}-digital"] = "nee"
    data[f"t{besluit.pk}-digital"] = "ja"
    data[f"t{besluit.pk}-email"] = "on"
    response = citizen_client.post(reverse("messaging:consent"), data)
    assert response.status_code == 302
    consent = MessageConsent.objects.get(citizen_bsn=citizen.bsn, message_type=besluit)
    assert (consent.digital, consent.email, consent.sms) == (True, True, False)
    page = citizen_client.get(reverse("messaging:consent")).content.decode()
    assert 'data-testid="consent-history"' in page
    personal = citizen_client.get(reverse("identity:personal_data")).content.decode()
    assert reverse("messaging:consent") in personal


def test_consent_without_a_choice_is_an_error(citizen_client):
    response = citizen_client.post(reverse("messaging:consent"), {})
    assert response.status_code == 200
    assert "Kies of u dit digitaal wilt ontvangen." in response.content.decode()


def test_english(citizen_client):
    send_to(CaseFactory())
    page = citizen_client.get("/en" + reverse("messaging:inbox")).content.decode()
    assert "My messages" in page
