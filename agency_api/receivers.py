"""Hooks from the cases app into the webhook outbox (connected in CasesConfig.ready)."""

from __future__ import annotations

from django.dispatch import receiver

from cases.models import CaseSource
from cases.signals import case_opened
from documents.models import DocumentKind
from documents.signals import document_added
from identity.actors import ActorKind

from .webhooks import case_notification, enqueue_webhook_event

CASE_REQUESTED = "case.requested"
DOCUMENT_UPLOADED = "document.uploaded"


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
