"""What became of a notification after the provider took it: delivered, or
failed (permanent, or temporary and retried with back-off). Called by the
delivery task (SMTP answers at once), the Notify callback and the poller.

Each final outcome of a message's notification is appended to the message's
evidence ledger, per channel (docs/decisions/0030 point 3; Awb 2:10/2:14: the
agency must prove it notified): `notified` or `notification_failed`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from identity.actors import Actor
from messaging.kinds import EvidenceKind
from messaging.ledger import append_evidence

from .models import DeliveryStatus, Notification, NotificationState

ACTOR = Actor.system("notifications")
MAX_ATTEMPTS = 6

# GOV.UK Notify statuses that are not final yet (its API docs, "Get message status").
IN_PROGRESS = {"created", "sending", "pending", "sent", "accepted", "received"}
TEMPORARY = {DeliveryStatus.TEMPORARY_FAILURE, DeliveryStatus.TECHNICAL_FAILURE}


def backoff(attempts: int) -> timedelta:
    """base, 2*base, 4*base... after the 1st, 2nd, 3rd... failed attempt."""
    base = timedelta(seconds=settings.NOTIFICATION_BACKOFF_SECONDS)
    return base * (2 ** max(attempts - 1, 0))


def ledger(row: Notification, kind: EvidenceKind, status: str, at: datetime) -> None:
    if row.message_id is None:
        return
    append_evidence(
        message=row.message,
        kind=kind,
        actor=ACTOR,
        at=at,
        detail={"channel": row.channel, "provider": row.provider, "status": status},
    )


def record_delivered(row: Notification, at: datetime | None = None) -> bool:
    """Mark a sent row delivered (once) and append `notified`; False if it was not awaiting.
    `state` is the outbox's own lifecycle; `delivery_status` is what the provider said."""
    at = at or timezone.now()
    with transaction.atomic():
        updated = Notification.objects.filter(
            pk=row.pk,
            state=NotificationState.SENT,
            delivery_status__in=[DeliveryStatus.UNKNOWN, DeliveryStatus.SENDING],
        ).update(
            delivery_status=DeliveryStatus.DELIVERED,
            delivered_at=at,
            status_checked_at=timezone.now(),
        )
        if updated:
            row.refresh_from_db()
            ledger(row, EvidenceKind.NOTIFIED, DeliveryStatus.DELIVERED, at)
    return bool(updated)


def record_failed(row: Notification, status: str, error: str = "") -> str:
    """A failure the provider reported (or SMTP refused). Temporary ones go back
    to the outbox with back-off until MAX_ATTEMPTS; then, or at once for a
    permanent one, the row is failed: ledger `notification_failed`, escalation."""
    from .escalation import escalate_failure

    now = timezone.now()
    final = status not in TEMPORARY or row.attempts >= MAX_ATTEMPTS
    with transaction.atomic():
        fields = {
            "delivery_status": status,
            "status_checked_at": now,
            "last_error": error or status,
        }
        if final:
            fields |= {"state": NotificationState.FAILED, "next_attempt_at": now}
        else:
            fields |= {
                "state": NotificationState.PENDING,
                "next_attempt_at": now + backoff(row.attempts),
            }
        updated = (
            Notification.objects.filter(
                pk=row.pk,
                state__in=[NotificationState.SENT, NotificationState.SENDING],
                attempts=row.attempts,
            )
            .exclude(delivery_status=DeliveryStatus.DELIVERED)
            .update(**fields)
        )
        if not updated:
            return "skipped"
        row.refresh_from_db()
        if final:
            ledger(row, EvidenceKind.NOTIFICATION_FAILED, status, now)
            escalate_failure(row)
    return "failed" if final else "retry"


def record_provider_status(reference: str, status: str, at: datetime | None = None) -> str:
    """Apply a Notify status (callback or poll) to the row with that provider id."""
    row = Notification.objects.filter(provider_reference=reference).first()
    if row is None:
        return "unknown"
    if status in IN_PROGRESS:
        Notification.objects.filter(pk=row.pk, state=NotificationState.SENT).update(
            delivery_status=DeliveryStatus.SENDING, status_checked_at=timezone.now()
        )
        return "sending"
    if status == DeliveryStatus.DELIVERED:
        return "delivered" if record_delivered(row, at) else "skipped"
    if status in DeliveryStatus.values:
        return record_failed(row, status)
    return "ignored"


def record_bounced(row: Notification, dsn_status: str) -> str:
    """A late bounce (a DSN with `Action: failed`, notifications.bounces) of an
    e-mail the relay had accepted: the row is failed for good, the ledger gets
    `notification_failed` with the DSN's status code, and it escalates. Only a
    sent e-mail changes, once: the same bounce read again is "skipped"."""
    from .escalation import escalate_failure

    now = timezone.now()
    with transaction.atomic():
        updated = Notification.objects.filter(
            pk=row.pk, state=NotificationState.SENT, channel="email"
        ).update(
            state=NotificationState.FAILED,
            delivery_status=DeliveryStatus.PERMANENT_FAILURE,
            delivered_at=None,
            status_checked_at=now,
            next_attempt_at=now,
            last_error=f"dsn-{dsn_status}"[:200],
        )
        if not updated:
            return "skipped"
        row.refresh_from_db()
        if row.message_id is not None:
            append_evidence(
                message=row.message,
                kind=EvidenceKind.NOTIFICATION_FAILED,
                actor=ACTOR,
                at=now,
                detail={
                    "channel": row.channel,
                    "provider": row.provider,
                    "status": DeliveryStatus.PERMANENT_FAILURE,
                    "dsn_status": dsn_status,
                },
            )
        escalate_failure(row)
    return "failed"
