"""Hooks from the cases app into the webhook outbox (connected in CasesConfig.ready)."""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver

from cases.models import CaseSource
from cases.signals import case_opened
from documents.models import DocumentKind
from documents.signals import document_added
from identity.actors import ActorKind
from messaging.kinds import Direction
from messaging.receipts import message_reference
from messaging.signals import message_sent

from .webhooks import case_notification, enqueue_webhook_event

CASE_REQUESTED = "case.requested"
DOCUMENT_UPLOADED = "document.uploaded"
FORMAL_MESSAGE_RECEIVED = "formal_message_received"


@receiver(case_opened, dispatch_uid="agency_api.case_requested")
def notify_agency_of_request(sender, case, actor, **kwargs) -> None:
    """A citizen submitted a request for one of the agency's case types.
    Runs inside open_case's transaction, so the event exists iff the case does."""
    if case.source != CaseSource.REQUEST:
        return
    enqueue_webhook_event(
        agency=case.agency,
        event_type=CASE_REQUESTED,
        payload=case_notification(case=case, resource="zaak", action="create"),
    )


@receiver(document_added, dispatch_uid="agency_api.document_uploaded")
def notify_agency_of_upload(sender, document, actor, **kwargs) -> None:
    """A citizen uploaded a document to one of the agency's cases (inside
    store_document's transaction). The body names the document by its public
    id and the case; never the file name or the citizen."""
    if document.kind != DocumentKind.UPLOAD or actor.kind != ActorKind.CITIZEN:
        return
    case = document.case
    enqueue_webhook_event(
        agency=case.agency,
        event_type=DOCUMENT_UPLOADED,
        payload=case_notification(
            case=case,
            resource="zaakinformatieobject",
            action="create",
            extra={"document": str(document.public_id)},
        ),
    )


@receiver(message_sent, dispatch_uid="agency_api.formal_message_received")
def notify_agency_of_message(sender, message, actor, **kwargs) -> None:
    """A citizen sent the agency a message (issue 17). Runs inside
    send_message_to_agency's transaction, so the event exists iff the message
    does. Like the case events, the body names the message and its cases,
    never the citizen or the text: the agency reads it with
    GET /api/v1/berichten/{id}, which is audited."""
    if message.direction != Direction.TO_AGENCY:
        return
    base = settings.PORTAL_BASE_URL
    enqueue_webhook_event(
        agency=message.agency,
        event_type=FORMAL_MESSAGE_RECEIVED,
        payload={
            "kanaal": "berichten",
            "resource": "bericht",
            "actie": "create",
            "aanmaakdatum": message.sent_at.isoformat(),
            "hoofdObject": f"{base}/api/v1/berichten/{message.public_id}",
            "kenmerken": {
                "bericht": str(message.public_id),
                "kenmerk": message_reference(message),
                "soort": message.kind,
                "formeel": message.is_formal,
                "zaak": message.case.reference if message.case else "",
                "geopende_zaak": message.opened_case.reference if message.opened_case else "",
                "bronorganisatie": message.agency.slug,
            },
        },
    )
