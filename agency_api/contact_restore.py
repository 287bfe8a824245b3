"""Webhook for a "contact herstellen" task (issue 18): the agency's systems
hear that the portal could not reach a citizen. Connected in AgencyApiConfig.ready.
The body names the task, the case and the message by their public ids; never
the citizen."""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

from notifications.signals import contact_restore_needed

from .webhooks import enqueue_webhook_event

CONTACT_RESTORE_NEEDED = "contact.restore_needed"


@receiver(contact_restore_needed, dispatch_uid="agency_api.contact_restore_needed")
def notify_agency_of_contact_restore(sender, task, **kwargs) -> None:
    base = settings.PORTAL_BASE_URL
    enqueue_webhook_event(
        agency=task.agency,
        event_type=CONTACT_RESTORE_NEEDED,
        payload={
            "kanaal": "berichten",
            "resource": "contactherstel",
            "actie": "create",
            "aanmaakdatum": timezone.now().isoformat(),
            "hoofdObject": f"{base}/api/v1/zaken/{task.case.reference}" if task.case else "",
            "kenmerken": {
                "taak": str(task.public_id),
                "reden": task.reason,
                "zaak": task.case.reference if task.case else "",
                "bericht": str(task.message.public_id) if task.message else "",
                "bronorganisatie": task.agency.slug,
            },
        },
    )
