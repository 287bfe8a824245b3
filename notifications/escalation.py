"""Escalation: a notification that failed for good, or a formal message left
unread, is not left to chance (Awb 2:10 as amended by the Wmebv: retry, then
restore contact).

Order: try the citizen's other channel, if they consented to it for the
message's type (once per channel: the outbox's dedupe key), then create one
"contact herstellen" task for the agency and, for a formal message, ask for
the paper letter (signals.letter_needed).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from messaging.kinds import Direction
from messaging.models import Message
from messaging.terms import add_working_days

from .channels import escalation_channels
from .models import (
    AgencyNotificationSettings,
    ContactRestoreReason,
    ContactRestoreTask,
    DeliveryStatus,
    Notification,
    NotificationState,
)
from .services import write_message_row
from .signals import contact_restore_needed, letter_needed

DEFAULT_UNREAD_WORKING_DAYS = 5

# Still trying: in the outbox, or sent and the provider has not answered yet.
IN_FLIGHT = Q(state__in=[NotificationState.PENDING, NotificationState.SENDING]) | Q(
    state=NotificationState.SENT,
    delivery_status__in=[DeliveryStatus.UNKNOWN, DeliveryStatus.SENDING],
)


def try_other_channel(message: Message, escalated_from: Notification | None = None) -> bool:
    """Write a row on a channel this message was not yet notified on, among
    those the citizen allowed for its type (channels.escalation_channels);
    True if one was."""
    used = set(
        Notification.objects.filter(message=message, bsn=message.citizen_bsn).values_list(
            "channel", flat=True
        )
    )
    for channel in escalation_channels(message.citizen_bsn, message):
        if channel not in used and write_message_row(message, channel, escalated_from):
            return True
    return False


def restore_contact(
    *, agency, case, message: Message | None, bsn: str, reason: str, key: str
) -> ContactRestoreTask | None:
    """Create the task once per key; the first time, tell the webhook and, for a
    formal message, ask for the paper letter."""
    with transaction.atomic():
        task, created = ContactRestoreTask.objects.get_or_create(
            dedupe_key=key,
            defaults={
                "agency": agency,
                "case": case,
                "message": message,
                "citizen_bsn": bsn,
                "reason": reason,
            },
        )
        if not created:
            return None
        contact_restore_needed.send(sender=ContactRestoreTask, task=task)
        if message is not None and message.is_formal:
            letter_needed.send(sender=Message, message=message, reason=reason)
    return task


def escalate_failure(row: Notification) -> None:
    """Called once a row failed for good (permanent failure, retries used up)."""
    with transaction.atomic():
        if not Notification.objects.filter(pk=row.pk, escalated_at__isnull=True).update(
            escalated_at=timezone.now()
        ):
            return  # escalated before
        if row.message_id is None:
            # A status or document notice: no other channel is chosen for it; the agency acts.
            restore_contact(
                agency=row.case.agency,
                case=row.case,
                message=None,
                bsn=row.bsn,
                reason=ContactRestoreReason.FAILED,
                key=f"notification:{row.pk}",
            )
            return
        message = Message.objects.select_related("agency", "case").get(pk=row.message_id)
        if try_other_channel(message, escalated_from=row):
            return
        others = Notification.objects.filter(message=message, bsn=row.bsn).exclude(pk=row.pk)
        if others.filter(IN_FLIGHT | Q(delivery_status=DeliveryStatus.DELIVERED)).exists():
            return  # another channel is still trying, or reached the citizen
        restore_contact(
            agency=message.agency,
            case=message.case,
            message=message,
            bsn=row.bsn,
            reason=ContactRestoreReason.FAILED,
            key=f"message:{message.pk}:{row.bsn}",
        )


def unread_working_days(agency) -> int:
    settings_row = AgencyNotificationSettings.objects.filter(agency=agency).first()
    return settings_row.unread_working_days if settings_row else DEFAULT_UNREAD_WORKING_DAYS


def _overdue(since: date, days: int, today: date) -> bool:
    return today > add_working_days(since, days)


def escalate_unread(today: date | None = None) -> int:
    """Formal messages still unread N working days (agency setting) after they
    were sent, or after their last notification: other channel, then task +
    letter. Safe to run any number of times; returns how many were escalated."""
    today = today or timezone.localdate()
    escalated = 0
    candidates = (
        Message.objects.filter(
            direction=Direction.TO_CITIZEN,
            is_formal=True,
            first_opened_at__isnull=True,
        )
        .exclude(
            pk__in=ContactRestoreTask.objects.filter(message__isnull=False).values("message_id")
        )
        # A business's messages (no BSN: messaging decision 0049) have no
        # notification addresses here; their formal messages went by post.
        .exclude(citizen_bsn="")
        .select_related("agency", "case")
    )
    for message in candidates.iterator():
        days = unread_working_days(message.agency)
        last = Notification.objects.filter(message=message).order_by("-created_at").first()
        since = timezone.localdate(last.created_at if last else message.sent_at)
        if not _overdue(since, days, today):
            continue
        with transaction.atomic():
            if try_other_channel(message):
                escalated += 1
                continue
            if restore_contact(
                agency=message.agency,
                case=message.case,
                message=message,
                bsn=message.citizen_bsn,
                reason=ContactRestoreReason.UNREAD,
                key=f"message:{message.pk}:{message.citizen_bsn}",
            ):
                escalated += 1
    return escalated
