"""Citizens' formal messages for the agency's own systems (issue 17): list,
read (with the evidence ledger) and acknowledge. Messages of another agency
are "not found" like ones that do not exist.

An acknowledgement is the agency's system confirming it received (or took
into handling) the message: it writes the ledger event with the API client as
actor, through the same messaging.services the back office uses, so the
citizen sees "ontvangen door ..." whichever way the agency read it. The Wmebv
puts the burden of proof of receipt on the body (Awb 2:14, docs/wmebv.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema

from identity.access_log import AccessAction, Purpose, log_subject_access
from messaging import ledger, services
from messaging.kinds import Direction, EvidenceKind
from messaging.models import Message
from messaging.receipts import message_reference
from messaging.subjects import log_case_access_for, subject_of

from .auth import caller
from .catalogue import ERRORS, POST_ERRORS
from .idempotency import HEADER, run_idempotent
from .problems import ApiProblem

router = Router(tags=["berichten"])
MAX_PAGE_SIZE = 100


class AttachmentOut(Schema):
    document: UUID = Field(description="Read it with GET /zaken/{zaak}/documenten/... (ZGW EIO)")
    filename: str
    size: int
    sha256: str


class MessageSummaryOut(Schema):
    id: UUID
    reference: str = Field(description="The quotable reference on the citizen's receipt")
    kind: str = Field(
        description="bezwaar, klacht, aanvulling, ingebrekestelling, zienswijze, vraag"
    )
    is_formal: bool
    subject: str
    sent_at: datetime
    zaak: str | None = Field(description="The case the message is about (reference)")
    opened_zaak: str | None = Field(description="The case it opened (bezwaar, klacht)")
    expects_action_by: str | None = Field(description="Your deadline (ingebrekestelling, Awb 4:17)")
    received: bool = Field(description="delivered_to_agency is in the ledger")
    taken_into_handling: bool
    handled_at: datetime | None


class LedgerEventOut(Schema):
    sequence: int
    kind: str
    label: str
    at: str
    actor_kind: str
    actor_organisation: str
    actor_reference: str
    detail: dict
    previous_hash: str
    hash: str


class LedgerOut(Schema):
    format: str
    message: str
    agency: str
    kind: str
    subject: str
    hash_algorithm: str
    chain_valid: bool
    events: list[LedgerEventOut]


class MessageOut(MessageSummaryOut):
    bsn: str = Field(
        description="The citizen (ZGW rol.betrokkeneIdentificatie.inpBsn); empty for a business"
    )
    kvk: str = Field("", description="The business (ZGW kvkNummer); empty for a citizen")
    branch: str = Field("", description="The business's branch (ZGW vestigingsNummer), if one")
    body: str
    details: dict
    related_document: UUID | None
    attachments: list[AttachmentOut]
    receipt: UUID | None = Field(description="The receipt PDF (a document on the case)")
    ledger: LedgerOut


class MessagePageOut(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[MessageSummaryOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    not_received: bool = Field(False, description="Only messages you have not acknowledged")


class AcknowledgementIn(Schema):
    state: Literal["received", "taken_into_handling"] = Field(
        "received", description="What your system confirms"
    )


def _own(request: HttpRequest) -> QuerySet[Message]:
    return Message.objects.filter(
        agency=caller(request).agency, direction=Direction.TO_AGENCY
    ).select_related("agency", "case", "opened_case", "receipt", "related_document")


def _message(request: HttpRequest, message_id: str) -> Message:
    try:
        public_id = UUID(message_id)
    except ValueError:
        public_id = None
    message = _own(request).filter(public_id=public_id).first() if public_id else None
    if message is None:
        raise ApiProblem(404, _("Dit bericht bestaat niet."), code="not_found")
    return message


def _summary(message: Message) -> dict:
    kinds = {event.kind for event in message.evidence.all()}
    return {
        "id": message.public_id,
        "reference": message_reference(message),
        "kind": message.kind,
        "is_formal": message.is_formal,
        "subject": message.subject,
        "sent_at": message.sent_at,
        "zaak": message.case.reference if message.case else None,
        "opened_zaak": message.opened_case.reference if message.opened_case else None,
        "expects_action_by": message.expects_action_by.isoformat()
        if message.expects_action_by
        else None,
        "received": EvidenceKind.DELIVERED_TO_AGENCY in kinds,
        "taken_into_handling": EvidenceKind.TAKEN_INTO_HANDLING in kinds,
        "handled_at": message.handled_at,
    }


def message_out(message: Message) -> dict:
    attachments = [a.document for a in message.attachments.select_related("document")]
    return MessageOut.model_validate(
        {
            **_summary(message),
            "bsn": message.citizen_bsn,
            "kvk": message.subject_kvk,
            "branch": message.subject_branch,
            "body": message.body,
            "details": message.details,
            "related_document": message.related_document.public_id
            if message.related_document
            else None,
            "attachments": [
                {
                    "document": d.public_id,
                    "filename": d.original_filename,
                    "size": d.size,
                    "sha256": d.sha256,
                }
                for d in attachments
            ],
            "receipt": message.receipt.public_id if message.receipt else None,
            "ledger": ledger.ledger_export(message),
        }
    ).model_dump(mode="json")


def _log_read(request: HttpRequest, message: Message) -> None:
    """The citizen sees in their access log that the agency's system read it."""
    case = message.opened_case or message.case
    label = f"{message.get_kind_display()} {message_reference(message)}"
    detail = {"message": str(message.public_id)}
    if case is not None:
        log_case_access_for(
            subject_of(message),
            case=case,
            actor=caller(request).actor,
            action=AccessAction.VIEWED,
            object_kind="message",
            object_label=label,
            detail=detail,
        )
    else:
        log_subject_access(
            subject=subject_of(message),
            actor=caller(request).actor,
            action=AccessAction.VIEWED,
            purpose=Purpose.CASE_HANDLING,
            object_kind="message",
            object_label=label,
            detail=detail,
        )


@router.get("/berichten", response={200: MessagePageOut, **ERRORS}, summary="List berichten")
def list_messages(request: HttpRequest, query: Query[PageQuery]):
    """Citizens' messages to your agency, newest first, a page at a time.
    The list holds no personal data; read one for its text and citizen."""
    messages = _own(request).prefetch_related("evidence").order_by("-sent_at", "-id")
    if query.not_received:
        messages = messages.exclude(evidence__kind=EvidenceKind.DELIVERED_TO_AGENCY)
    count = messages.count()
    start = (query.page - 1) * query.page_size
    rows = list(messages[start : start + query.page_size])
    base = request.path

    def link(page: int) -> str:
        extra = "&not_received=true" if query.not_received else ""
        return f"{base}?page={page}&page_size={query.page_size}{extra}"

    return {
        "count": count,
        "next": link(query.page + 1) if start + query.page_size < count else None,
        "previous": link(query.page - 1) if query.page > 1 else None,
        "results": [_summary(message) for message in rows],
    }


@router.get(
    "/berichten/{message_id}", response={200: MessageOut, **ERRORS}, summary="Read a bericht"
)
def get_message(request: HttpRequest, message_id: str):
    """One message with its text, attachments and evidence ledger (audited)."""
    message = _message(request, message_id)
    _log_read(request, message)
    return message_out(message)


@router.post(
    "/berichten/{message_id}/ontvangstbevestiging",
    response={200: MessageSummaryOut, **POST_ERRORS},
    summary="Acknowledge a bericht",
)
def acknowledge_message(
    request: HttpRequest,
    message_id: str,
    payload: AcknowledgementIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    """Record in the message's ledger that your system received it
    (`received`) or took it into handling (`taken_into_handling`). Repeating
    it adds nothing: each event is in the ledger once."""

    def action():
        message = _message(request, message_id)
        actor = caller(request).actor
        if payload.state == "taken_into_handling":
            services.take_into_handling(message=message, actor=actor)
        else:
            services.record_agency_opened(message=message, actor=actor)
        return 200, MessageSummaryOut.model_validate(_summary(message)).model_dump(mode="json")

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )
