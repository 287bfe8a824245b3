"""What the citizen sees of a message's notifications ("e-mail bezorgd op …",
"sms niet bezorgd"): for the message page of the inbox (issue 18, feat/inbox),
which has already authorised the message for the viewer (messaging.selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .models import DeliveryStatus, Notification, NotificationState


@dataclass(frozen=True)
class NotificationLine:
    channel: str
    delivered: bool | None  # None: still on its way
    at: datetime | None
    text: str


def _line(row: Notification) -> NotificationLine:
    channel = str(row.get_channel_display())
    if row.delivery_status == DeliveryStatus.DELIVERED:
        at = row.delivered_at
        when = date_format(localtime(at), "j F Y H:i") if at else ""
        return NotificationLine(
            row.channel,
            True,
            at,
            _("%(channel)s bezorgd op %(when)s") % {"channel": channel, "when": when},
        )
    if row.state in (NotificationState.FAILED, NotificationState.UNDELIVERABLE):
        return NotificationLine(
            row.channel, False, row.created_at, _("%(channel)s niet bezorgd") % {"channel": channel}
        )
    return NotificationLine(
        row.channel, None, None, _("%(channel)s wordt verstuurd") % {"channel": channel}
    )


def notification_lines(message) -> list[NotificationLine]:
    """One line per channel the message was notified on, oldest first."""
    rows = Notification.objects.filter(message=message, bsn=message.citizen_bsn).order_by(
        "created_at", "id"
    )
    return [_line(row) for row in rows]
