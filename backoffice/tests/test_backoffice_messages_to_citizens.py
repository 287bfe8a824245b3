"""Issue 18 in the back office: a caseworker sends the citizen a message from the
case screen, sees "gelezen op" and replies, answers a question; a citizen
without digital consent gets a letter on the printable list. Another agency's
caseworker can neither read nor send (404)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import services
from messaging.consent_models import MessageType, PostalLetter
from messaging.kinds import Direction, EvidenceKind, MessageKind
from messaging.models import Message
from messaging.tests.factories import global_message_types

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _message_types(db):
    global_message_types()


BSN = "999993653"


@pytest.fixture
def case():
    agency = AgencyFactory(name="Gemeente Zoetermeer")
    return CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN)


def form_data(case, **overrides):
    data = {
        "recipient": BSN,
        "message_type": MessageType.objects.get(agency=None, code="verzoek_aanvulling").pk,
        "is_formal": "on",
        "subject": "Verzoek om aanvulling",
        "body": "Stuur uw loonstroken.",
        "expects_action_by": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "token": "tok-1",
    }
    data.update(overrides)
    return data


def test_send_without_consent_queues_a_letter_and_says_so(client, case):
    decision = DocumentFactory(case=case, decision=True, title="Besluit")
    client.force_login(CaseworkerFactory(agency=case.agency))
    url = reverse("cases_backoffice:send_message", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(case, documents=[decision.pk]), follow=True)
    assert "Deze burger ontvangt dit type per post" in response.content.decode()
    message = Message.objects.get()
    assert message.direction == Direction.TO_CITIZEN
    assert message.attachments.get().document == decision
    letter = PostalLetter.objects.get(message=message)
    letters = client.get(reverse("cases_backoffice:letters")).content.decode()
    assert reverse("cases_backoffice:letter_pdf", args=[letter.pk]) in letters
    pdf = client.get(reverse("cases_backoffice:letter_pdf", args=[letter.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    client.post(reverse("cases_backoffice:letter_printed", args=[letter.pk]))
    assert PostalLetter.objects.get(pk=letter.pk).printed_at is not None


def test_a_double_submit_sends_once_and_errors_show(client, case):
    client.force_login(CaseworkerFactory(agency=case.agency))
    url = reverse("cases_backoffice:send_message", args=[case.pk])
    client.post(url, form_data(case))
    client.post(url, form_data(case))
    assert Message.objects.count() == 1
    response = client.post(url, form_data(case, body="", token="tok-2"))
    assert response.status_code == 200
    assert Message.objects.count() == 1


def test_case_screen_shows_read_on_and_the_reply(client, case, citizen):
    message = services.send_message_to_citizen(
        actor=Actor.system("test"),
        agency=case.agency,
        citizen_bsn=BSN,
        case=case,
        message_type=MessageType.objects.get(agency=None, code="informatie"),
        subject="Uw aanvraag",
        body="Wij zijn bezig.",
        is_formal=False,
        idempotency_key="x",
    )
    services.record_citizen_opened(message=message, actor=Actor.citizen(citizen))
    services.reply_to_message(
        actor=Actor.citizen(citizen),
        message=message,
        body="Dank, ik wacht af.",
        uploads=(),
        idempotency_key="r",
        level=LevelOfAssurance.MIDDEN,
    )
    client.force_login(CaseworkerFactory(agency=case.agency))
    page = client.get(reverse("cases_backoffice:detail", args=[case.pk])).content.decode()
    assert "gelezen op" in page
    # The reply form in the panel carries the CSRF token (a component renders apart).
    assert 'name="csrfmiddlewaretoken"' in page.split('data-testid="case-messages"')[1]
    assert "Dank, ik wacht af." in page
    reply = Message.objects.get(kind=MessageKind.VRAAG)
    assert reply.evidence.filter(kind=EvidenceKind.DELIVERED_TO_AGENCY).count() == 1
    client.post(
        reverse("cases_backoffice:reply_to_citizen", args=[case.pk, message.thread.public_id]),
        {"body": "Graag gedaan.", "token": "a"},
    )
    answer = Message.objects.filter(direction=Direction.TO_CITIZEN).latest("sent_at")
    assert answer.thread_id == message.thread_id
    assert answer.body == "Graag gedaan."


def test_another_agencys_caseworker_can_neither_read_nor_send(client, case):
    message = services.send_message_to_citizen(
        actor=Actor.system("test"),
        agency=case.agency,
        citizen_bsn=BSN,
        case=case,
        message_type=MessageType.objects.get(agency=None, code="besluit"),
        subject="Besluit",
        body="Toegekend.",
        is_formal=True,
        idempotency_key="x",
    )
    letter = PostalLetter.objects.get(message=message)
    client.force_login(CaseworkerFactory(agency=AgencyFactory(slug="elders")))
    assert client.get(reverse("cases_backoffice:send_message", args=[case.pk])).status_code == 404
    assert (
        client.post(
            reverse("cases_backoffice:send_message", args=[case.pk]), form_data(case)
        ).status_code
        == 404
    )
    reply_url = reverse(
        "cases_backoffice:reply_to_citizen", args=[case.pk, message.thread.public_id]
    )
    assert client.post(reply_url, {"body": "x", "token": "t"}).status_code == 404
    assert client.get(reverse("cases_backoffice:letter_pdf", args=[letter.pk])).status_code == 404
    assert (
        client.post(reverse("cases_backoffice:letter_printed", args=[letter.pk])).status_code == 404
    )
    assert (
        reverse("cases_backoffice:letter_pdf", args=[letter.pk])
        not in client.get(reverse("cases_backoffice:letters")).content.decode()
    )
    assert Message.objects.count() == 1


def _type_data(agency, **extra):
    return {
        "agency": agency.pk if agency else "",
        "code": "nieuwsbrief",
        "name": "Nieuwsbrief",
        "name_en": "Newsletter",
        "description": "",
        "description_en": "",
        "order": "50",
    } | extra


def test_agency_admin_manages_only_own_message_types(client):
    own, other = AgencyFactory(slug="eigen"), AgencyFactory(slug="ander")
    client.force_login(CaseworkerFactory(agency=own, agency_admin=True))
    theirs = MessageType.objects.create(agency=other, code="hun", name="Hun soort")
    assert client.get(reverse("berichtsoorten:edit", args=[theirs.pk])).status_code == 404
    assert "Hun soort" not in client.get(reverse("berichtsoorten:index")).content.decode()
    # No agency (a global type) and another agency are both refused.
    client.post(reverse("berichtsoorten:add"), _type_data(None))
    client.post(reverse("berichtsoorten:add"), _type_data(other))
    assert not MessageType.objects.filter(code="nieuwsbrief").exists()
    client.post(reverse("berichtsoorten:add"), _type_data(own))
    assert MessageType.objects.get(code="nieuwsbrief").agency == own
