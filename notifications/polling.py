"""Ask the provider about notifications it has not reported on: the fallback
for lost callbacks (Notify stops retrying a callback after 5 tries) and for
deployments that cannot receive callbacks. Run by `manage.py check_notifications`."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from . import providers
from .models import DeliveryStatus, Notification, NotificationState
from .outcomes import record_provider_status

logger = logging.getLogger(__name__)

# Give the callback a moment before asking.
POLL_AFTER = timedelta(seconds=30)


def awaiting_status(limit: int = 500) -> list[Notification]:
    return list(
        Notification.objects.filter(
            state=NotificationState.SENT,
            provider=providers.NOTIFY,
            delivery_status__in=[DeliveryStatus.UNKNOWN, DeliveryStatus.SENDING],
            sent_at__lte=timezone.now() - POLL_AFTER,
        )
        .exclude(provider_reference="")
        .order_by("sent_at")[:limit]
    )


def poll(limit: int = 500) -> dict[str, int]:
    outcomes: dict[str, int] = {}
    for row in awaiting_status(limit):
        try:
            status = providers.notify_status(row.provider_reference)
        except Exception as exc:  # the provider is down: ask again next run
            logger.warning("Notification %s: polling failed (%s)", row.pk, type(exc).__name__)
            outcome = "poll_failed"
        else:
            outcome = record_provider_status(row.provider_reference, status)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes
