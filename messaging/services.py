"""Writes of messaging: the only way messages, ledger events and tasks change
(docs/decisions/0030). Keyword-only, typed, one transaction per write."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Agency, Case, CaseSource
from documents.models import Document, DocumentKind
from documents.receiving import ValidatedUpload
from documents.services import cleanup_uncommitted_files, store_upload
from identity.access_log import AccessAction, Purpose
from identity.acting import ActingContext, Subject
from identity.actors import Actor, ActorKind
from identity.loa import LevelOfAssurance

from . import eligibility, ledger, signals, terms
from .channels import channel_rule
from .idempotency import existing_message, once_per_key, sender_key
from .kinds import (
    CASE_OPENING_KINDS,
    CITIZEN_FORMAL_KINDS,
    SUPPLEMENT_TASK_KINDS,
    Direction,
    EvidenceKind,
    MessageKind,
    TaskKind,
    TaskOrigin,
    TaskState,
)
from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, Attachment, Message, Task, Thread
from .subjects import has_role, log_case_access_for, resolve_party, subject_fields, subject_of

MAX_ATTACHMENTS = 10
IDEMPOTENCY_KEY_MAX_LENGTH = 100


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def default_subject(kind: str, case: Case | None) -> str:
    label = str(MessageKind(kind).label)
    return f"{label} {case.reference}" if case is not None else label


def send_message_to_agency(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    body: str,
    idempotency_key: str,
    level: int,
    case: Case | None = None,
    subject: str = "",
    details: dict | None = None,
    related_document: Document | None = None,
    task: Task | None = None,
    uploads: Sequence[ValidatedUpload] = (),
    in_reply_to: Message | None = None,
    citizen_bsn: str = "",
    party: Subject | None = None,
    acting: ActingContext | None = None,
) -> Message:
    """A citizen's formal message (or question) to an agency, with its files.

    It concerns `party` (the acting context's subject: a person, or a business
    by KvK number and branch, decision 0049), or the person `citizen_bsn`;
    `acting` (the page's acting context) gives the subject and puts who acted
    (basis, the eHerkenning actor's pseudonym) in the ledger.

    Checked against the channel register (Awb 2:13/2:14), the DigiD level and
    what the kind needs (eligibility); a retry with the same idempotency key
    returns the first message. Message, attachments, opened case, ledger events
    and the completed task commit together; the receipt PDF is rendered by a
    task after the commit (never inside this transaction). The caller checked
    and closes the uploads (documents.receiving)."""
    existing = existing_message(actor, idempotency_key)
    if existing is not None:
        return existing
    concerns = resolve_party(citizen_bsn, party or (acting.subject if acting else None))
    _validate(
        concerns=concerns,
        agency=agency,
        kind=kind,
        body=body,
        subject=subject,
        level=level,
        case=case,
        details=details or {},
        related_document=related_document,
        task=task,
        uploads=uploads,
        idempotency_key=idempotency_key,
    )
    try:
        return once_per_key(
            actor,
            idempotency_key,
            partial(
                _create_to_agency,
                actor=actor,
                concerns=concerns,
                acting=acting,
                agency=agency,
                kind=kind,
                body=body.strip(),
                subject=subject.strip() or default_subject(kind, case),
                case=case,
                details=details or {},
                related_document=related_document,
                task=task,
                uploads=uploads,
                in_reply_to=in_reply_to,
                idempotency_key=idempotency_key,
            ),
        )
    finally:
        cleanup_uncommitted_files()


def _validate(
    *,
    concerns: Subject,
    agency: Agency,
    kind: str,
    body: str,
    subject: str,
    level: int,
    case: Case | None,
    details: dict,
    related_document: Document | None,
    task: Task | None,
    uploads: Sequence[ValidatedUpload],
    idempotency_key: str,
) -> None:
    if kind not in (*CITIZEN_FORMAL_KINDS, MessageKind.VRAAG):
        raise _invalid("kind", _("Dit soort bericht kunt u hier niet sturen."), "invalid_kind")
    if len(idempotency_key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise _invalid("idempotency_key", _("Ongeldige sleutel."), "invalid_key")
    if case is not None and (case.agency_id != agency.pk or not has_role(case, concerns)):
        # The views fetch the case for the viewer; this guards every other caller.
        raise _invalid("case", _("Deze zaak is niet gevonden."), "case_not_found")
    rule = channel_rule(agency, kind)
    if not rule.accepted_digitally:
        raise _invalid(
            "kind",
            _("%(agency)s neemt dit soort bericht niet digitaal aan.") % {"agency": agency.name},
            "not_accepted_digitally",
        )
    if level < rule.minimum_level:
        raise _invalid(
            "kind",
            _("Voor dit bericht moet u inloggen met DigiD %(level)s.")
            % {"level": LevelOfAssurance(rule.minimum_level).label},
            "level_too_low",
        )
    if len(body) > BODY_MAX_LENGTH:
        raise _invalid(
            "body",
            _("Uw tekst is te lang: gebruik hoogstens %(max)s tekens.") % {"max": BODY_MAX_LENGTH},
            "too_long",
        )
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise _invalid("subject", _("Het onderwerp is te lang."), "too_long")
    if len(uploads) > MAX_ATTACHMENTS:
        raise _invalid(
            "files",
            _("Stuur hoogstens %(max)s bestanden tegelijk.") % {"max": MAX_ATTACHMENTS},
            "too_many_files",
        )
    if kind == MessageKind.AANVULLING:
        _validate_supplement(case, concerns, body, task, uploads)
    elif not body.strip():
        raise _invalid("body", _("Vul dit veld in."), "required")
    if kind == MessageKind.BEZWAAR:
        _validate_objection(case, related_document, details)
    elif kind == MessageKind.INGEBREKESTELLING and (
        case is None or not eligibility.may_give_notice_of_default(case)
    ):
        raise _invalid(
            "kind",
            _("U kunt de organisatie pas in gebreke stellen als de beslistermijn voorbij is."),
            "term_not_passed",
        )
    elif kind == MessageKind.ZIENSWIJZE and (case is None or not eligibility.may_give_view(case)):
        raise _invalid(
            "kind",
            _("Bij deze zaak kunt u nu geen zienswijze geven."),
            "views_closed",
        )
    if kind in CASE_OPENING_KINDS and rule.case_type_id is None:
        # Without a case type to open, the agency cannot take it in digitally.
        raise _invalid(
            "kind",
            _("%(agency)s neemt dit soort bericht niet digitaal aan.") % {"agency": agency.name},
            "not_accepted_digitally",
        )


def _validate_supplement(
    case: Case | None,
    concerns: Subject,
    body: str,
    task: Task | None,
    uploads: Sequence[ValidatedUpload],
) -> None:
    if case is None:
        raise _invalid("case", _("Deze zaak is niet gevonden."), "case_not_found")
    if task is not None:
        if task.case_id != case.pk or not _concerns(task, concerns):
            raise _invalid("task", _("Deze taak is niet gevonden."), "task_not_found")
        if task.state != TaskState.OPEN:
            raise _invalid("task", _("Deze taak is al gedaan of vervallen."), "task_not_open")
        if task.kind not in SUPPLEMENT_TASK_KINDS:
            raise _invalid("task", _("Deze taak doet u op een andere manier."), "task_kind")
        if task.kind == TaskKind.UPLOAD and not uploads:
            raise _invalid("files", _("Kies de bestanden die u wilt sturen."), "required")
    elif not eligibility.may_send_supplement(case, concerns):
        raise _invalid("case", _("Bij deze zaak kunt u nu niets aanvullen."), "supplement_closed")
    if not body.strip() and not uploads:
        raise _invalid("body", _("Schrijf een toelichting of kies een bestand."), "required")


def _validate_objection(case: Case | None, decision: Document | None, details: dict) -> None:
    if (
        case is None
        or decision is None
        or decision.case_id != case.pk
        or decision.kind != DocumentKind.DECISION
    ):
        raise _invalid("decision", _("Kies het besluit waartegen u bezwaar maakt."), "required")
    term = eligibility.objection_term(decision)
    # Awb 6:11: a late objection is still received; the body judges the reason.
    if term.is_late and not str(details.get("late_reason", "")).strip():
        raise _invalid(
            "late_reason",
            _("De bezwaartermijn is voorbij. Schrijf waarom u later bent."),
            "required",
        )


def _create_to_agency(
    *,
    actor: Actor,
    concerns: Subject,
    acting: ActingContext | None,
    agency: Agency,
    kind: str,
    body: str,
    subject: str,
    case: Case | None,
    details: dict,
    related_document: Document | None,
    task: Task | None,
    uploads: Sequence[ValidatedUpload],
    in_reply_to: Message | None,
    idempotency_key: str,
) -> Message:
    now = timezone.now()
    if task is not None:
        # Lock it: two supplements for one task must not both complete it.
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.state != TaskState.OPEN:
            raise _invalid("task", _("Deze taak is al gedaan of vervallen."), "task_not_open")
    thread = in_reply_to.thread if in_reply_to is not None else None
    if thread is None:
        thread = Thread.objects.create(
            agency=agency, case=case, subject=subject, created_at=now, **subject_fields(concerns)
        )
    else:
        Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    details = dict(details)
    if kind == MessageKind.BEZWAAR and related_document is not None:
        term = eligibility.objection_term(related_document)
        details.update(objection_last_day=term.last_day.isoformat(), late=term.is_late)
    if kind == MessageKind.INGEBREKESTELLING:
        # Awb 4:17 lid 3: two weeks from receipt, then a penalty may accrue.
        details["agency_deadline"] = terms.default_last_day(timezone.localdate(now)).isoformat()
    message = Message(
        thread=thread,
        in_reply_to=in_reply_to,
        agency=agency,
        case=case,
        **subject_fields(concerns),
        direction=Direction.TO_AGENCY,
        kind=kind,
        is_formal=kind in CITIZEN_FORMAL_KINDS,
        subject=subject,
        body=body,
        details=details,
        related_document=related_document,
        expects_action_by=date.fromisoformat(details["agency_deadline"])
        if "agency_deadline" in details
        else None,
        sent_at=now,
        sender_kind=actor.kind,
        sender_user=actor.user,
        sender_reference=actor.reference,
        sender_organisation=actor.organisation,
        sender_key=sender_key(actor),
        idempotency_key=idempotency_key,
    )
    message.full_clean(validate_constraints=False)
    if kind in CASE_OPENING_KINDS:
        case_type = channel_rule(agency, kind).case_type
        assert case_type is not None  # _validate refused a rule without one
        # The opened case (a bezwaar, a klacht) is the subject's: a business's
        # with its KvK number (and branch), like the case it is about.
        message.opened_case = case_services.open_case(
            case_type=case_type,
            bsn=concerns.bsn,
            kvk=concerns.kvk,
            branch=concerns.branch,
            actor=actor,
            source=CaseSource.MESSAGE,
            title=subject,
            description=body[:2000],
        )
    message.save()
    target_case = message.opened_case or case
    attachments = []
    for upload in uploads:
        if target_case is None:
            break
        document = store_upload(
            case=target_case, upload=upload, title=upload.display_name, actor=actor
        )
        Attachment.objects.create(message=message, document=document)
        attachments.append(
            {"name": document.original_filename, "size": document.size, "sha256": document.sha256}
        )
    ledger.append_evidence(
        message=message,
        kind=EvidenceKind.SUBMITTED,
        actor=actor,
        at=now,
        detail={
            "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
            "attachments": attachments,
            "opened_case": message.opened_case.reference if message.opened_case else "",
            **_ledger_subject(concerns, actor, acting),
        },
    )
    if task is not None:
        _complete(task=task, message=message, actor=actor, at=now)
    if target_case is not None:
        log_case_access_for(
            concerns,
            case=target_case,
            actor=actor,
            action=AccessAction.CREATED,
            purpose=Purpose.CASE_HANDLING,
            object_kind="message",
            object_label=f"{message.get_kind_display()} ({target_case.reference})",
            detail={"message": str(message.public_id)},
        )
    signals.message_sent.send(sender=Message, message=message, actor=actor)
    transaction.on_commit(partial(_enqueue_receipt, message.pk), robust=True)
    return message


def _concerns(row: Message | Task, concerns: Subject) -> bool:
    """Whether a row is `concerns`'s: the same person, or the same business
    (and, for a branch-limited subject, the same branch)."""
    recorded = subject_of(row)
    if concerns.bsn or recorded.bsn:
        return recorded.bsn == concerns.bsn
    return recorded.kvk == concerns.kvk and (
        not concerns.branch or recorded.branch == concerns.branch
    )


def _ledger_subject(concerns: Subject, actor: Actor, acting: ActingContext | None) -> dict:
    """Who the message is for and who sent it, in the hash-chained ledger: a
    business by KvK number and branch (public register data, no BSN); someone
    acting for the subject by basis, name and (eHerkenning) the broker's
    pseudonym of the employee - never the actor's BSN."""
    recorded: dict = {}
    if concerns.is_business:
        recorded["subject"] = {"kvk": concerns.kvk, "branch": concerns.branch}
    if actor.kind == ActorKind.REPRESENTATIVE:
        recorded["acting"] = {
            "basis": str(acting.basis) if acting else "",
            "reference": actor.reference,
            "name": actor.organisation,
            "pseudonym": acting.actor_pseudonym if acting else "",
        }
    return recorded


def _enqueue_receipt(message_id: int) -> None:
    from .tasks import render_receipt

    render_receipt.enqueue(message_id)


def record_agency_opened(*, message: Message, actor: Actor) -> bool:
    """A caseworker (or the agency's system) opened a citizen's message: the
    ledger gets "received by the agency" once, and the citizen sees it. Returns
    whether this was the first time."""
    if message.direction != Direction.TO_AGENCY:
        return False
    with transaction.atomic():
        Message.objects.select_for_update().filter(pk=message.pk).first()
        if ledger.has_event(message, EvidenceKind.DELIVERED_TO_AGENCY):
            return False
        ledger.append_evidence(message=message, kind=EvidenceKind.DELIVERED_TO_AGENCY, actor=actor)
        return True


def take_into_handling(*, message: Message, actor: Actor) -> None:
    with transaction.atomic():
        record_agency_opened(message=message, actor=actor)
        if not ledger.has_event(message, EvidenceKind.TAKEN_INTO_HANDLING):
            ledger.append_evidence(
                message=message, kind=EvidenceKind.TAKEN_INTO_HANDLING, actor=actor
            )


def mark_handled(*, message: Message, actor: Actor) -> None:
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.handled_at is not None:
            return
        take_into_handling(message=locked, actor=actor)
        locked.handled_at = timezone.now()
        locked.save(update_fields=["handled_at"])
        ledger.append_evidence(message=locked, kind=EvidenceKind.HANDLED, actor=actor)
        message.handled_at = locked.handled_at


# --- Tasks ---------------------------------------------------------------------


def create_task(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    title: str,
    origin: str,
    citizen_bsn: str = "",
    party: Subject | None = None,
    case: Case | None = None,
    reason: str = "",
    due_on: date | None = None,
    requested_by: Message | None = None,
    idempotency_key: str = "",
    title_en: str = "",
    reason_en: str = "",
    status_update_id: int | None = None,
) -> Task:
    """An agency asks the citizen (`citizen_bsn`) or a business (`party`,
    decision 0049) to do something, by a date. One per idempotency key per
    agency (a retried API call gets the first task)."""
    concerns = resolve_party(citizen_bsn, party)
    if idempotency_key:
        existing = Task.objects.filter(agency=agency, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if case is not None and (case.agency_id != agency.pk or not has_role(case, concerns)):
        raise _invalid("case", _("Deze zaak is niet gevonden."), "case_not_found")
    if due_on is not None and due_on < timezone.localdate():
        raise _invalid("due_on", _("Kies een datum vandaag of later."), "date_in_past")
    task = Task(
        agency=agency,
        case=case,
        **subject_fields(concerns),
        kind=kind,
        title=title.strip(),
        title_en=title_en.strip(),
        reason=reason.strip(),
        reason_en=reason_en.strip(),
        due_on=due_on,
        origin=TaskOrigin(origin),
        requested_by=requested_by,
        status_update_id=status_update_id,
        created_by_kind=actor.kind,
        created_by_reference=actor.organisation or actor.reference,
        idempotency_key=idempotency_key,
    )
    task.full_clean(validate_constraints=False)
    with transaction.atomic():
        task.save()
        if case is not None:
            log_case_access_for(
                concerns,
                case=case,
                actor=actor,
                action=AccessAction.CREATED,
                object_kind="task",
                object_label=f"{task.title} ({case.reference})",
                detail={"task": str(task.public_id)},
            )
        signals.task_changed.send(sender=Task, task=task, actor=actor)
    return task


def _complete(*, task: Task, message: Message | None, actor: Actor, at=None) -> None:
    task.state = TaskState.COMPLETED
    task.completed_by = message
    task.completed_at = at or timezone.now()
    task.save(update_fields=["state", "completed_by", "completed_at"])
    signals.task_changed.send(sender=Task, task=task, actor=actor)


def complete_task(*, task: Task, actor: Actor, message: Message | None = None) -> Task:
    """Complete a task that is not answered by a supplement (paid, appointment
    made). Upload and answer tasks are completed only by sending an aanvulling
    (ADR 0030, point 4): `send_message_to_agency(kind=aanvulling, task=...)`."""
    if task.kind in SUPPLEMENT_TASK_KINDS and (
        message is None or message.kind != MessageKind.AANVULLING
    ):
        raise _invalid("task", _("Deze taak doet u door een aanvulling te sturen."), "task_kind")
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.state != TaskState.OPEN:
            raise _invalid("task", _("Deze taak is al gedaan of vervallen."), "task_not_open")
        _complete(task=locked, message=message, actor=actor)
    return locked


def cancel_task(*, task: Task, actor: Actor) -> Task:
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.state != TaskState.OPEN:
            return locked
        locked.state = TaskState.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["state", "cancelled_at"])
        signals.task_changed.send(sender=Task, task=locked, actor=actor)
    return locked


def is_citizen(actor: Actor) -> bool:
    return actor.kind == ActorKind.CITIZEN


# --- Messages to citizens (issue 18): see messaging/citizen_messages.py --------
from .citizen_messages import (  # noqa: E402
    record_citizen_opened,
    reply_to_message,
    send_message_to_citizen,
    set_archived,
)
from .consent import set_consent  # noqa: E402

__all__ = [
    "cancel_task",
    "complete_task",
    "create_task",
    "mark_handled",
    "record_agency_opened",
    "record_citizen_opened",
    "reply_to_message",
    "send_message_to_agency",
    "send_message_to_citizen",
    "set_archived",
    "set_consent",
    "take_into_handling",
]
