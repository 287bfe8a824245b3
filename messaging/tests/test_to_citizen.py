"""Messages to citizens (issue 18): consent per type decides post or digital,
first opening is recorded once, replies stay in the thread, retries are one."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessLogEntry
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import ledger, selectors, services
from messaging.consent_models import MessageConsentChange, MessageType, PostalLetter
from messaging.kinds import Direction, EvidenceKind, MessageKind
from messaging.models import Message
from messaging.signals import message_sent
from messaging.tests.factories import global_message_types

from .factories import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _message_types(db):
    global_message_types()


def message_type(code="verzoek_aanvulling"):
    return MessageType.objects.get(agency=None, code=code)


def send(case, **kwargs):
    arguments = {
        "actor": Actor.system("zaaksysteem"),
        "agency": case.agency,
        "citizen_bsn": "999993653",
        "case": case,
        "message_type": message_type(),
        "subject": "Verzoek om aanvulling",
        "body": "Stuur uw loonstroken.\n\nDank u wel.",
        "is_formal": True,
        "expects_action_by": timezone.localdate() + timedelta(days=14),
        "idempotency_key": "k-1",
    }
    arguments.update(kwargs)
    return services.send_message_to_citizen(**arguments)


def test_the_migration_seeds_the_global_types():
    codes = set(MessageType.objects.filter(agency=None).values_list("code", flat=True))
    assert {"besluit", "verzoek_aanvulling", "herinnering", "informatie"} <= codes


def test_without_consent_a_formal_message_is_queued_for_the_post(citizen):
    case = CaseFactory()
    received = []

    def receiver(message, **kwargs):
        received.append(message.pk)

    message_sent.connect(receiver)
    try:
        message = send(case)
    finally:
        message_sent.disconnect(receiver)
    assert message.direction == Direction.TO_CITIZEN
    assert message.kind == MessageKind.VERZOEK_AANVULLING
    assert PostalLetter.objects.get(message=message).agency == case.agency
    kinds = list(message.evidence.values_list("kind", flat=True))
    assert kinds == [EvidenceKind.SENT_TO_CITIZEN, EvidenceKind.LETTER_QUEUED]
    assert ledger.verify_chain(message)
    assert received == [message.pk]
    # The portal still shows it, as a copy.
    assert selectors.messages_for_citizen(user=citizen).filter(pk=message.pk).exists()
    assert AccessLogEntry.objects.for_subject(citizen.bsn).filter(object_kind="message").exists()


def test_with_digital_consent_no_letter_is_queued(citizen):
    case = CaseFactory()
    services.set_consent(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        message_type=message_type(),
        digital=True,
        email=True,
        sms=False,
    )
    message = send(case)
    assert not PostalLetter.objects.filter(message=message).exists()
    # Consent for another type does not count.
    other = send(case, message_type=message_type("besluit"), idempotency_key="k-2")
    assert PostalLetter.objects.filter(message=other).exists()


def test_an_informal_message_never_goes_by_post():
    message = send(CaseFactory(), message_type=message_type("informatie"), is_formal=False)
    assert not PostalLetter.objects.filter(message=message).exists()


def test_a_retry_with_the_same_key_is_one_message():
    case = CaseFactory()
    first = send(case)
    again = send(case, body="Iets anders")
    assert again.pk == first.pk
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"subject": " "}, "subject"),
        ({"body": ""}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"expects_action_by": timezone.localdate() - timedelta(days=1)}, "expects_action_by"),
    ],
)
def test_invalid_input_is_refused_with_the_field(override, field):
    with pytest.raises(ValidationError) as error:
        send(CaseFactory(), **override)
    assert field in error.value.error_dict
    assert Message.objects.count() == 0


def test_another_agencys_case_or_type_is_refused():
    case = CaseFactory()
    other = AgencyFactory(slug="elders")
    with pytest.raises(ValidationError) as error:
        send(case, agency=other)
    assert "case" in error.value.error_dict
    own_type = MessageType.objects.create(agency=other, code="eigen", name="Eigen")
    with pytest.raises(ValidationError) as error:
        send(case, message_type=own_type)
    assert "message_type" in error.value.error_dict


def test_documents_must_be_of_the_case_and_sent_once():
    case = CaseFactory()
    decision = DocumentFactory(case=case, decision=True)
    message = send(case, message_type=message_type("besluit"), documents=[decision])
    assert [a.document for a in message.attachments.all()] == [decision]
    sent = message.evidence.get(kind=EvidenceKind.SENT_TO_CITIZEN).detail
    assert sent["attachments"][0]["sha256"] == decision.sha256
    with pytest.raises(ValidationError) as error:
        send(case, documents=[decision], idempotency_key="k-2")
    assert error.value.error_dict["documents"][0].code == "already_sent"
    with pytest.raises(ValidationError):
        send(case, documents=[DocumentFactory()], idempotency_key="k-3")


def test_first_opened_is_recorded_once(citizen):
    message = send(CaseFactory())
    assert services.record_citizen_opened(message=message, actor=Actor.citizen(citizen))
    first = Message.objects.get(pk=message.pk).first_opened_at
    assert first is not None
    assert not services.record_citizen_opened(message=message, actor=Actor.citizen(citizen))
    assert Message.objects.get(pk=message.pk).first_opened_at == first
    assert message.evidence.filter(kind=EvidenceKind.FIRST_OPENED).count() == 1
    assert ledger.verify_chain(message)


def test_citizen_reply_is_a_question_in_the_same_thread(citizen):
    case = CaseFactory()
    message = send(case)
    reply = services.reply_to_message(
        actor=Actor.citizen(citizen),
        message=message,
        body="Hierbij mijn loonstroken.",
        uploads=[upload()],
        idempotency_key="r-1",
        level=LevelOfAssurance.MIDDEN,
    )
    assert reply.thread_id == message.thread_id
    assert reply.in_reply_to == message
    assert reply.direction == Direction.TO_AGENCY
    assert reply.kind == MessageKind.VRAAG
    assert reply.attachments.get().document.case == case
    again = services.reply_to_message(
        actor=Actor.citizen(citizen),
        message=message,
        body="Hierbij mijn loonstroken.",
        uploads=[],
        idempotency_key="r-1",
        level=LevelOfAssurance.MIDDEN,
    )
    assert again.pk == reply.pk


def test_caseworker_reply_goes_to_the_citizen_in_the_thread(citizen):
    case = CaseFactory()
    question = services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.VRAAG,
        body="Wanneer hoor ik iets?",
        idempotency_key="q-1",
        level=LevelOfAssurance.MIDDEN,
    )
    worker = CaseworkerFactory(agency=case.agency)
    answer = services.reply_to_message(
        actor=Actor.caseworker(worker, agency=case.agency),
        message=question,
        body="Binnen twee weken.",
        uploads=(),
        idempotency_key="a-1",
        level=0,
    )
    assert answer.thread_id == question.thread_id
    assert answer.direction == Direction.TO_CITIZEN
    assert answer.evidence.filter(kind=EvidenceKind.SENT_TO_CITIZEN).exists()
    assert selectors.unread_count(user=citizen) == 1


def test_consent_changes_keep_a_history(citizen):
    kind = message_type("besluit")
    actor = Actor.citizen(citizen)
    assert services.set_consent(
        actor=actor, citizen_bsn=citizen.bsn, message_type=kind, digital=True, email=True, sms=True
    )
    assert not services.set_consent(
        actor=actor, citizen_bsn=citizen.bsn, message_type=kind, digital=True, email=True, sms=True
    )
    # Notifications without digital delivery are switched off with it.
    services.set_consent(
        actor=actor, citizen_bsn=citizen.bsn, message_type=kind, digital=False, email=True, sms=True
    )
    changes = list(MessageConsentChange.objects.order_by("changed_at", "id"))
    assert [(c.old, c.new) for c in changes] == [
        (
            {"digital": False, "email": False, "sms": False},
            {"digital": True, "email": True, "sms": True},
        ),
        (
            {"digital": True, "email": True, "sms": True},
            {"digital": False, "email": False, "sms": False},
        ),
    ]
    assert changes[0].actor_kind == "citizen"


def test_case_timeline_mixes_everything_newest_first_in_few_queries(
    citizen, django_assert_max_num_queries
):
    case = CaseFactory()
    DocumentFactory(case=case)
    for number in range(5):
        send(case, idempotency_key=f"k-{number}", message_type=message_type("informatie"))
    with django_assert_max_num_queries(4):
        items = selectors.case_timeline(case)
        kinds = {item.kind for item in items}
        for item in items:
            if item.kind == "message":
                list(item.item.attachments.all())
    assert {"message", "document"} <= kinds
    assert [item.at for item in items] == sorted((item.at for item in items), reverse=True)
