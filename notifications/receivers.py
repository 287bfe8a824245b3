"""Signal receivers: a change to a case writes its outbox rows (same transaction)."""

from django.dispatch import receiver

from cases import signals
from documents.models import DocumentKind
from documents.signals import document_added
from messaging.kinds import Direction
from messaging.signals import message_sent

from .services import notify_document_added, notify_message, notify_status_set


@receiver(signals.status_set, dispatch_uid="notifications.status_set")
def status_set_writes_outbox(sender, *, status_update, case, actor, notify, **kwargs):
    if notify:
        notify_status_set(case=case, status_update=status_update)


@receiver(document_added, dispatch_uid="notifications.document_added")
def document_added_writes_outbox(sender, *, document, actor, **kwargs):
    # The citizen is told about documents the agency adds (decisions, letters);
    # not about their own uploads or the receipt of their own request.
    if document.kind in (DocumentKind.DECISION, DocumentKind.AGENCY):
        notify_document_added(case=document.case, document_id=document.pk)


@receiver(message_sent, dispatch_uid="notifications.message_sent")
def message_to_citizen_writes_outbox(sender, *, message, actor, **kwargs):
    # Awb 2:10 (Wmebv): the agency notifies the citizen of every message it sends.
    if message.direction == Direction.TO_CITIZEN:
        notify_message(message)
