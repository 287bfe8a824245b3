"""Messages an agency sends a citizen (issue 18): `POST /uitgaande-berichten`
and `GET /uitgaande-berichten/{id}` (to see "gelezen op"), through the same
service as the back office (messaging.services.send_message_to_citizen): the
consent check (Awb 2:8), the ledger and the notifications are the same."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router

from cases.models import Case
from documents.models import Document
from identity.access_log import AccessAction, Purpose, log_subject_access
from messaging import services
from messaging.consent import message_types_for
from messaging.consent_models import PostalLetter
from messaging.models import Message
from messaging.subjects import subject_of

from .auth import caller
from .catalogue import ERRORS, POST_ERRORS
from .idempotency import HEADER, run_idempotent
from .message_schemas import MessageToCitizenIn, MessageToCitizenOut
from .problems import ApiProblem
from .recipients import recipient

router = Router(tags=["berichten"])


def _field_problem(field: str, code: str, message: str) -> ApiProblem:
    return ApiProblem(
        400, message, code=code, errors=[{"field": field, "code": code, "message": message}]
    )


def message_out(message: Message) -> dict:
    return MessageToCitizenOut(
        id=message.public_id,
        case=message.case.reference if message.case else None,
        message_type=message.message_type.code if message.message_type else message.kind,
        subject=message.subject,
        is_formal=message.is_formal,
        expects_action_by=message.expects_action_by,
        sent_at=message.sent_at,
        by_post=PostalLetter.objects.filter(message=message).exists(),
        first_opened_at=message.first_opened_at,
        documents=[a.document.public_id for a in message.attachments.select_related("document")],
    ).model_dump(mode="json")


@router.post(
    "/uitgaande-berichten",
    response={201: MessageToCitizenOut, 200: MessageToCitizenOut, **POST_ERRORS},
    summary="Send a message to a citizen",
)
def send_message(
    request: HttpRequest,
    payload: MessageToCitizenIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    """Send a citizen (`bsn`) or a business (`kvk`, optionally `branch`) a
    message, about one of your zaken or in general. A
    formal message of a type the citizen has not consented to receive
    digitally is queued for your post (`by_post`), and shown in the portal as
    a copy. Send an `Idempotency-Key`: a retry returns the first message."""
    api = caller(request)

    def action():
        case = None
        if payload.case:
            case = Case.objects.filter(agency=api.agency, reference=payload.case).first()
            if case is None:
                raise _field_problem("case", "not_found", _("Deze zaak bestaat niet."))
        message_type = message_types_for(api.agency).filter(code=payload.message_type).first()
        if message_type is None:
            raise _field_problem(
                "message_type",
                "unknown_message_type",
                _("Er is geen berichtsoort met deze code."),
            )
        documents = list(
            Document.objects.filter(public_id__in=payload.documents, case__agency=api.agency)
        )
        if len(documents) != len(set(payload.documents)):
            raise _field_problem("documents", "not_found", _("Een van de documenten bestaat niet."))
        # The service checks the recipient's role on the case (case_not_found).
        subject = recipient(payload)
        message = services.send_message_to_citizen(
            actor=api.actor,
            agency=api.agency,
            party=subject,
            case=case,
            message_type=message_type,
            subject=payload.subject,
            body=payload.body,
            is_formal=payload.is_formal,
            expects_action_by=payload.expects_action_by,
            documents=documents,
            idempotency_key=idempotency_key or "",
        )
        return 201, message_out(message)

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )


@router.get(
    "/uitgaande-berichten/{message_id}",
    response={200: MessageToCitizenOut, **ERRORS},
    summary="A message you sent a citizen",
)
def get_message(request: HttpRequest, message_id: UUID):
    """Whether and when the citizen first opened it, and whether it went by post."""
    message = (
        Message.objects.filter(agency=caller(request).agency, public_id=message_id)
        .exclude(direction="to_agency")
        .select_related("case", "message_type")
        .first()
    )
    if message is None:
        raise ApiProblem(404, _("Dit bericht bestaat niet."), code="not_found")
    # A read of personal data by an agency system shows in the citizen's (or
    # the business's) access log.
    log_subject_access(
        subject=subject_of(message),
        actor=caller(request).actor,
        action=AccessAction.VIEWED,
        purpose=Purpose.CASE_HANDLING,
        object_kind="message",
        object_label=message.subject,
        detail={"message": str(message.public_id)},
    )
    return 200, message_out(message)
