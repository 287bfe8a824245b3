"""Every document that lands on a case goes through here: citizens' uploads, the
decisions caseworkers make, receipts for requests.

`store_document` is the one writer. It validates the row before a byte is written,
then writes the file and the row in one transaction; when anything after the file
write fails, the file is deleted again, so a failure never leaves an orphan in the
private storage. Slow work - reading and scanning an upload, rendering a PDF - happens
before the transaction, never inside it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Case, RoleType
from identity.access_log import AccessAction, Purpose, log_case_access
from identity.actors import Actor
from identity.business_registry import get_business_registry
from identity.registry import get_registry

from . import addressing, scanning, signals
from .letters import decision_html, receipt_html
from .models import (
    DecisionRequest,
    DecisionRequestStatus,
    DecisionTemplate,
    Document,
    DocumentKind,
)
from .pdf import render_pdf
from .validation import PDF, FileType, ValidatedUpload, read_upload

logger = logging.getLogger(__name__)


@transaction.atomic
def store_document(
    *,
    case: Case,
    file: IO[bytes],
    file_type: FileType,
    size: int,
    sha256: str,
    title: str,
    kind: str,
    actor: Actor,
    original_filename: str = "",
    confidentiality: str = "",
    decision_date: date | None = None,
    objection_deadline: date | None = None,
    idempotency_key: str = "",
) -> Document:
    document = Document(
        case=case,
        title=title,
        kind=kind,
        original_filename=original_filename or f"{title}.{file_type.extension}",
        content_type=file_type.content_type,
        size=size,
        sha256=sha256,
        confidentiality=confidentiality or case.confidentiality,
        created_by=actor.user,
        created_by_kind=actor.kind,
        decision_date=decision_date,
        objection_deadline=objection_deadline,
        idempotency_key=idempotency_key,
    )
    # Everything that can be checked without the file is checked before it is written.
    document.full_clean(exclude=["file"], validate_constraints=False)
    file.seek(0)
    document.file.save(f"upload.{file_type.extension}", File(file), save=False)
    stored_name = document.file.name
    assert stored_name is not None  # FieldFile.save sets the name the storage chose
    try:
        with transaction.atomic():
            document.save()
            _log_created(document, actor)
            # The case's audit trail and the citizen's "answered" mark: for every
            # document, whoever stores it (citizen, API client, decision task).
            case_services.record_document_added(
                case=case,
                actor=actor,
                document_id=str(document.public_id),
                document_kind=document.kind,
                title=document.title,
            )
            signals.document_added.send(sender=Document, document=document, actor=actor)
    except BaseException:
        document.file.storage.delete(stored_name)
        raise
    # Should an outer transaction roll back later, the file must go too.
    delete_on_rollback(document.file.storage, stored_name)
    return document


def delete_on_rollback(storage, name: str) -> None:
    """Delete `name` unless the current transaction commits. Public: an app
    that stores a file in its own model (representation's evidence) calls it
    right after saving the file, inside its transaction.

    Django has on_commit but no on_rollback hook: we mark the file as pending and
    clear the mark on commit; `forget_pending_files()` (called by the views and tasks
    in a `finally`) deletes what is still pending after the outermost transaction
    ended without committing it.
    """
    pending = _pending_files()
    entry = (storage, name)
    pending.append(entry)

    def committed() -> None:
        if entry in pending:
            pending.remove(entry)

    transaction.on_commit(committed)


_local = threading.local()


def _pending_files() -> list:
    if not hasattr(_local, "files"):
        _local.files = []
    return _local.files


def cleanup_uncommitted_files() -> int:
    """Delete files written by store_document whose transaction did not commit.

    Call this after the outermost transaction has ended (views and tasks do it in a
    `finally`); inside an open transaction there is nothing to decide yet.
    """
    if transaction.get_connection().in_atomic_block:
        return 0
    pending = _pending_files()
    removed = 0
    while pending:
        storage, name = pending.pop()
        storage.delete(name)
        removed += 1
    return removed


def _log_created(document: Document, actor: Actor) -> None:
    log_case_access(
        case=document.case,
        actor=actor,
        action=AccessAction.CREATED,
        object_kind="document",
        object_label=f"{document.title} ({document.case.reference})",
        detail={"document": str(document.public_id), "kind": document.kind},
    )


def check_upload(
    *, chunks, filename: str, before_scan: Callable[[ValidatedUpload], None] | None = None
) -> ValidatedUpload:
    """Read and check a citizen's upload (size, type, active content, virus)
    into a temporary file; raises ValidationError. Slow (reading, scanning): call
    it before any transaction, then `store_upload` inside one. `before_scan` runs
    the caller's own checks on the validated file before the scan. The caller
    closes the returned upload; on failure it is closed here."""
    upload = read_upload(chunks, filename=filename)
    try:
        if before_scan is not None:
            before_scan(upload)
        scanning.check_upload(upload.file)
    except BaseException:
        upload.close()
        raise
    return upload


@transaction.atomic
def store_upload(*, case: Case, upload: ValidatedUpload, title: str, actor: Actor) -> Document:
    """Store a checked upload as a document of `case` (kind "upload"). Atomic, so
    another service can store it in the transaction that creates the case; the
    caller runs `cleanup_uncommitted_files()` when that transaction has ended."""
    return store_document(
        case=case,
        file=upload.file,
        file_type=upload.file_type,
        size=upload.size,
        sha256=upload.sha256,
        title=title.strip() or upload.display_name,
        kind=DocumentKind.UPLOAD,
        actor=actor,
        original_filename=upload.display_name,
    )


def _refuse_when_uploads_closed(case: Case) -> None:
    if not case.citizen_may_upload():
        raise ValidationError(
            _("Bij deze zaak kunt u nu geen documenten sturen."), code="uploads_closed"
        )


def add_citizen_upload(
    *, case: Case, upload: ValidatedUpload, title: str, actor: Actor
) -> Document:
    """A citizen's checked upload (documents.receiving) stored on the case page's
    case, while the case's status allows uploads. The caller closes the upload."""
    _refuse_when_uploads_closed(case)
    return store_upload(case=case, upload=upload, title=title, actor=actor)


def upload_document(*, case: Case, chunks, filename: str, title: str, actor: Actor) -> Document:
    """A citizen's upload on the case page: checked (size, type, active content,
    virus) before it is stored. Not atomic itself: reading and scanning happen
    outside any transaction."""
    _refuse_when_uploads_closed(case)
    upload = check_upload(chunks=chunks, filename=filename)
    try:
        return add_citizen_upload(case=case, upload=upload, title=title, actor=actor)
    finally:
        upload.close()
        cleanup_uncommitted_files()


def store_pdf(*, pdf: bytes, **kwargs) -> Document:
    """Store a PDF we rendered (decision, receipt, ledger) as a document; same
    arguments as `store_document` without the file fields."""
    return store_document(
        file=io.BytesIO(pdf),
        file_type=PDF,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        **kwargs,
    )


@dataclass(frozen=True)
class Recipient:
    salutation: str
    name: str
    address: str


def decision_recipient(*, case: Case, viewer) -> Recipient:
    """The addressee of a decision: the case's initiator as the person registry
    knows them (a logged lookup, in the agency's name), or, for a business, the
    company as the business registry knows it (its branch's address when the
    role names one). Never taken from a caller, so no screen or API can address
    a decision to someone else.
    Raises RegistryUnavailable when the registry cannot answer."""
    role = case.roles.filter(role_type=RoleType.INITIATOR).order_by("id").first()
    if role is not None and not role.bsn:
        return _business_recipient(case=case, role=role, viewer=viewer)
    person = None
    if role is not None:
        registry = get_registry(organisation=case.agency.name)
        person = registry.get_person(role.bsn, purpose=Purpose.DECISION, viewer=viewer)
    if person is None:
        return Recipient(salutation=addressing.salutation(None), name="", address="")
    return Recipient(
        salutation=addressing.salutation(person),
        name=addressing.address_name(person),
        address="\n".join(addressing.address_lines(person)),
    )


def _business_recipient(*, case: Case, role, viewer) -> Recipient:
    """A letter to a company: its registered name and address, "Geachte heer/mevrouw"
    (no person to address by name). A role with only an RSIN cannot be looked up."""
    business = None
    if role.kvk:
        registry = get_business_registry(organisation=case.agency.name)
        business = registry.get_business(
            role.kvk, purpose=Purpose.DECISION, viewer=viewer, branch=role.branch
        )
    if business is None:
        return Recipient(salutation=addressing.salutation(None), name="", address="")
    address = business.address_for(role.branch)
    lines = [address.line1, address.line2] if address else []
    return Recipient(
        salutation=addressing.salutation(None),
        name=business.name,
        address="\n".join(line for line in lines if line),
    )


def _objection_deadline(template: DecisionTemplate, decision_date: date) -> date:
    # Awb 6:7/6:8: the term starts the day after the decision is sent (here: its
    # date) and ends after `objection_weeks` weeks, i.e. on the same weekday.
    return decision_date + timedelta(weeks=template.objection_weeks)


def decision_request(
    *,
    case: Case,
    template: DecisionTemplate,
    decision_text: str,
    outcome: str,
    actor: Actor,
    decision_date: date | None = None,
) -> DecisionRequest:
    """An unsaved decision with its addressee looked up: for the preview and create."""
    if template.case_type_id != case.case_type_id or not template.is_active:
        raise ValidationError(
            {"template": _("Dit sjabloon hoort niet bij het zaaktype van deze zaak.")},
            code="template_case_type",
        )
    recipient = decision_recipient(case=case, viewer=actor.user)
    decision_date = decision_date or timezone.localdate()
    return DecisionRequest(
        case=case,
        template=template,
        decision_text=decision_text,
        outcome=outcome,
        decision_date=decision_date,
        objection_deadline=_objection_deadline(template, decision_date),
        recipient_salutation=recipient.salutation,
        recipient_name=recipient.name,
        recipient_address=recipient.address,
        requested_by=actor.user,
    )


def create_decision(
    *,
    case: Case,
    template: DecisionTemplate,
    decision_text: str,
    outcome: str,
    actor: Actor,
    decision_date: date | None = None,
) -> DecisionRequest:
    """Record the caseworker's decision and move the case to its decision status;
    the render task makes the PDF after commit. The registry lookup happens before
    the transaction (slow work outside it)."""
    request = decision_request(
        case=case,
        template=template,
        decision_text=decision_text,
        outcome=outcome,
        actor=actor,
        decision_date=decision_date,
    )
    return _save_decision(request, actor)


@transaction.atomic
def _save_decision(request: DecisionRequest, actor: Actor) -> DecisionRequest:
    from .tasks import render_decision

    request.full_clean()
    request.save()
    case_services.move_to_decision_status(
        case=request.case, actor=actor, result_text=request.outcome
    )
    transaction.on_commit(lambda: render_decision.enqueue(request.pk))
    return request


def decision_preview_pdf(*, request: DecisionRequest) -> bytes:
    return render_pdf(
        _decision_html(request),
        title=f"Besluit {request.case.reference}",
        language="nl",
        author=request.case.agency.name,
    )


def _decision_html(request: DecisionRequest) -> str:
    return decision_html(
        template=request.template,
        case=request.case,
        decision_text=request.decision_text,
        decision_date=request.decision_date,
        objection_deadline=request.objection_deadline,
        recipient_salutation=request.recipient_salutation,
        recipient_name=request.recipient_name,
        recipient_address=request.recipient_address,
    )


def render_decision_document(*, decision_request_id: int) -> Document:
    """The render task's body. Safe to run twice: the second run returns the first
    run's document (request row lock + unique idempotency key)."""
    request = DecisionRequest.objects.select_related("case__agency", "template").get(
        pk=decision_request_id
    )
    if request.document is not None:
        return request.document
    pdf = decision_preview_pdf(request=request)  # slow: outside the transaction
    actor = Actor.system("documents.render_decision")
    try:
        with transaction.atomic():
            locked = DecisionRequest.objects.select_for_update().get(pk=request.pk)
            if locked.document is not None:
                return locked.document
            document = store_pdf(
                pdf=pdf,
                case=request.case,
                title=f"Besluit: {request.outcome}",
                kind=DocumentKind.DECISION,
                actor=actor,
                decision_date=request.decision_date,
                objection_deadline=request.objection_deadline,
                idempotency_key=request.idempotency_key,
            )
            locked.document = document
            locked.status = DecisionRequestStatus.DONE
            locked.save(update_fields=["document", "status"])
            return document
    except IntegrityError:
        # A concurrent run stored it first (unique idempotency key).
        return Document.objects.get(case=request.case, idempotency_key=request.idempotency_key)
    finally:
        cleanup_uncommitted_files()


def create_receipt(
    *,
    case: Case,
    submitted_at: datetime,
    answers: list[tuple[str, str]],
    actor: Actor,
    idempotency_key: str,
) -> Document:
    """The receipt PDF for a request; one per idempotency key (a retried request
    submission gets the same document back)."""
    existing = Document.objects.filter(case=case, idempotency_key=idempotency_key).first()
    if existing:
        return existing
    pdf = render_pdf(
        receipt_html(case=case, submitted_at=submitted_at, answers=answers),
        title=f"Ontvangstbevestiging {case.reference}",
        language="nl",
        author=case.agency.name,
    )
    try:
        return store_pdf(
            pdf=pdf,
            case=case,
            title=_("Ontvangstbevestiging"),
            kind=DocumentKind.RECEIPT,
            actor=actor,
            idempotency_key=idempotency_key,
        )
    except IntegrityError:
        return Document.objects.get(case=case, idempotency_key=idempotency_key)
    finally:
        cleanup_uncommitted_files()
