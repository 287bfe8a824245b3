"""Hooks from the cases app into the webhook outbox (connected in CasesConfig.ready)."""

from __future__ import annotations

from django.dispatch import receiver

from cases.models import CaseSource
from cases.signals import case_opened

from .webhooks import case_notification, enqueue_webhook_event

CASE_REQUESTED = "case.requested"
# Sent by the documents app (documents.services) when a citizen uploads a file.
DOCUMENT_UPLOADED = "document.uploaded"


@receiver(case_opened, dispatch_uid="cases.api.case_requested")
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
