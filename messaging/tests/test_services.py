"""Sending a formal message to an agency: what it writes, what it refuses."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Case, CaseSource
from cases.tests.factories import CaseFactory
from documents.models import Document
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessLogEntry
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import ledger, services
from messaging.kinds import EvidenceKind, MessageKind, TaskKind, TaskOrigin, TaskState
from messaging.models import ChannelRule, EvidenceEvent, Message, Task

from .factories import objection_and_complaint_channels, upload

pytestmark = pytest.mark.django_db

MIDDEN = LevelOfAssurance.MIDDEN


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def send(citizen, case, kind, **kwargs):
    arguments = {
        "actor": Actor.citizen(citizen),
        "citizen_bsn": citizen.bsn,
        "agency": case.agency,
        "case": case,
        "kind": kind,
        "body": "Ik ben het er niet mee eens.",
        "idempotency_key": "key-1",
        "level": MIDDEN,
    }
    arguments.update(kwargs)
    return services.send_message_to_agency(**arguments)


def test_objection_opens_a_linked_case_with_the_file_and_a_chained_ledger(
    citizen, django_capture_on_commit_callbacks
):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True)
    with django_capture_on_commit_callbacks(execute=True):
        message = send(
            citizen,
            case,
            MessageKind.BEZWAAR,
            related_document=decision,
            details={"wants_hearing": True},
            uploads=[upload()],
        )
    message.refresh_from_db()
    opened = message.opened_case
    assert opened.source == CaseSource.MESSAGE
    assert opened.case_type.code == "bezwaar"
    assert opened.roles.get().bsn == citizen.bsn
    assert [a.document.case_id for a in message.attachments.all()] == [opened.pk]
    kinds = list(message.evidence.values_list("kind", flat=True))
    assert kinds == [EvidenceKind.SUBMITTED, EvidenceKind.RECEIPT_ISSUED]
    assert ledger.verify_chain(message)
    submitted = message.evidence.first().detail
    assert submitted["attachments"][0]["sha256"] == message.attachments.get().document.sha256
    assert message.receipt.case_id == opened.pk
    assert message.details["late"] is False
    assert AccessLogEntry.objects.for_subject(citizen.bsn).filter(object_kind="message").exists()


def test_a_retry_with_the_same_key_gives_the_same_message(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True)
    first = send(citizen, case, MessageKind.BEZWAAR, related_document=decision)
    second = send(citizen, case, MessageKind.BEZWAAR, related_document=decision)
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert Case.objects.filter(source=CaseSource.MESSAGE).count() == 1


def test_a_late_objection_needs_a_reason(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True)
    Document.objects.filter(pk=decision.pk).update(created_at=timezone.now() - timedelta(weeks=8))
    decision.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.BEZWAAR, related_document=decision)
    assert error.value.error_dict["late_reason"][0].code == "required"
    message = send(
        citizen,
        case,
        MessageKind.BEZWAAR,
        related_document=decision,
        details={"late_reason": "Ik lag in het ziekenhuis."},
    )
    assert message.details["late"] is True


def test_an_objection_needs_a_decision_of_this_case(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    other_decision = DocumentFactory(case=CaseFactory(closed=True), decision=True)
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.BEZWAAR, related_document=other_decision)
    assert "decision" in error.value.error_dict
    assert not Message.objects.exists()


def test_another_citizens_case_is_refused(citizen):
    case = CaseFactory(bsn="999990019", closed=True)
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.KLACHT)
    assert error.value.error_dict["case"][0].code == "case_not_found"


def test_a_kind_the_agency_does_not_take_digitally_is_refused(citizen):
    case = CaseFactory(in_progress=True)
    ChannelRule.objects.create(
        agency=case.agency, kind=MessageKind.ZIENSWIJZE, accepted_digitally=False
    )
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.ZIENSWIJZE)
    assert error.value.error_dict["kind"][0].code == "not_accepted_digitally"


def test_the_channel_may_require_a_higher_digid_level(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    ChannelRule.objects.filter(kind=MessageKind.KLACHT).update(
        minimum_level=LevelOfAssurance.SUBSTANTIEEL
    )
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.KLACHT)
    assert error.value.error_dict["kind"][0].code == "level_too_low"
    assert send(citizen, case, MessageKind.KLACHT, level=LevelOfAssurance.HOOG).opened_case


def test_notice_of_default_only_after_the_term_and_once(citizen):
    running = CaseFactory(in_progress=True)
    with pytest.raises(ValidationError):
        send(citizen, running, MessageKind.INGEBREKESTELLING)
    overdue = CaseFactory(overdue=True, in_progress=True)
    message = send(citizen, overdue, MessageKind.INGEBREKESTELLING)
    assert message.expects_action_by > timezone.localdate() + timedelta(days=13)
    with pytest.raises(ValidationError):
        send(citizen, overdue, MessageKind.INGEBREKESTELLING, idempotency_key="key-2")


def test_a_view_only_while_the_draft_decision_is_open(citizen):
    case = CaseFactory(in_progress=True)
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.ZIENSWIJZE)
    assert error.value.error_dict["kind"][0].code == "views_closed"
    status = case.current_status.status_type
    status.views_term_days = 42
    status.save()
    case.refresh_from_db()
    assert send(citizen, case, MessageKind.ZIENSWIJZE).kind == MessageKind.ZIENSWIJZE


def test_a_supplement_completes_its_task_in_the_same_transaction(citizen):
    case = CaseFactory(in_progress=True)
    task = services.create_task(
        actor=Actor.system(),
        agency=case.agency,
        case=case,
        citizen_bsn=citizen.bsn,
        kind=TaskKind.UPLOAD,
        title="Stuur uw bankafschriften",
        origin=TaskOrigin.CASEWORKER,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    with pytest.raises(ValidationError) as error:
        send(citizen, case, MessageKind.AANVULLING, task=task, body="Hier zijn ze")
    assert error.value.error_dict["files"][0].code == "required"
    message = send(
        citizen, case, MessageKind.AANVULLING, task=task, body="", uploads=[upload("afschrift.png")]
    )
    task.refresh_from_db()
    assert task.state == TaskState.COMPLETED
    assert task.completed_by == message
    with pytest.raises(ValidationError) as error:
        send(
            citizen,
            case,
            MessageKind.AANVULLING,
            task=task,
            idempotency_key="key-2",
            uploads=[upload()],
        )
    assert error.value.error_dict["task"][0].code == "task_not_open"


def test_a_failed_supplement_leaves_the_task_open_and_nothing_stored(citizen, monkeypatch):
    case = CaseFactory(in_progress=True)
    task = services.create_task(
        actor=Actor.system(),
        agency=case.agency,
        case=case,
        citizen_bsn=citizen.bsn,
        kind=TaskKind.UPLOAD,
        title="Stuur uw loonstrook",
        origin=TaskOrigin.CASEWORKER,
    )
    documents_before = Document.objects.count()

    def broken(**kwargs):
        raise RuntimeError("ledger down")

    monkeypatch.setattr(services.ledger, "append_evidence", broken)
    with pytest.raises(RuntimeError):
        send(citizen, case, MessageKind.AANVULLING, task=task, uploads=[upload()])
    task.refresh_from_db()
    assert task.state == TaskState.OPEN
    assert Document.objects.count() == documents_before
    assert not Message.objects.exists()


def test_upload_and_answer_tasks_cannot_be_completed_without_a_supplement(citizen):
    case = CaseFactory(in_progress=True)
    task = services.create_task(
        actor=Actor.system(),
        agency=case.agency,
        case=case,
        citizen_bsn=citizen.bsn,
        kind=TaskKind.ANSWER,
        title="Beantwoord onze vraag",
        origin=TaskOrigin.API,
    )
    with pytest.raises(ValidationError):
        services.complete_task(task=task, actor=Actor.citizen(citizen))
    paying = services.create_task(
        actor=Actor.system(),
        agency=case.agency,
        case=case,
        citizen_bsn=citizen.bsn,
        kind=TaskKind.PAY,
        title="Betaal de leges",
        origin=TaskOrigin.API,
    )
    assert (
        services.complete_task(task=paying, actor=Actor.citizen(citizen)).state
        == TaskState.COMPLETED
    )


def test_an_action_required_status_becomes_a_task_and_moving_on_cancels_it(citizen):
    case = CaseFactory(action_required=True)
    task = Task.objects.get(case=case)
    assert task.origin == TaskOrigin.STATUS
    assert task.kind == TaskKind.UPLOAD
    assert task.title == "Stuur de gevraagde informatie"
    assert task.reason == "Stuur ons een kopie van uw loonstrook."
    from cases import services as case_services

    final = case.case_type.status_types.get(is_final=True)
    case_services.set_status(
        case=case, status_type=final, actor=Actor.system(), result_text="Toegekend"
    )
    task.refresh_from_db()
    assert task.state == TaskState.CANCELLED


def test_the_agency_opening_a_message_is_recorded_once(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    message = send(citizen, case, MessageKind.KLACHT)
    caseworker = Actor.caseworker(citizen, agency=case.agency)
    assert services.record_agency_opened(message=message, actor=caseworker) is True
    assert services.record_agency_opened(message=message, actor=caseworker) is False
    services.mark_handled(message=message, actor=caseworker)
    kinds = list(message.evidence.values_list("kind", flat=True))
    assert kinds == [
        EvidenceKind.SUBMITTED,
        EvidenceKind.DELIVERED_TO_AGENCY,
        EvidenceKind.TAKEN_INTO_HANDLING,
        EvidenceKind.HANDLED,
    ]
    assert (
        EvidenceEvent.objects.filter(message=message).last().actor_organisation == case.agency.name
    )
