"""Writing outbox rows. Call these INSIDE the transaction of the change: the
row commits or rolls back with it, and its delivery is enqueued only after
the commit (transaction.on_commit), so a rolled-back change sends nothing.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction

from cases.models import Agency, Case, StatusUpdate
from notifications.models import Notification, NotificationKind

from .channels import channels_for


def _recipients(case: Case) -> list[str]:
    """Every citizen with a role on the case, once each. A business's role
    (KvK number, no BSN) gets no notice: there is no channel to a business
    yet (its eHerkenning users see the change on the portal; issue 19)."""
    return sorted(set(case.roles.exclude(bsn="").values_list("bsn", flat=True)))


def _write(case: Case, kind: str, key: str, status_update: StatusUpdate | None = None) -> list:
    rows = []
    for bsn in _recipients(case):
        row, created = Notification.objects.get_or_create(
            dedupe_key=f"{key}:{bsn}",
            defaults={"case": case, "kind": kind, "status_update": status_update, "bsn": bsn},
        )
        if created:
            rows.append(row)
    enqueue_on_commit(rows)
    return rows


def enqueue_on_commit(rows: list[Notification]) -> None:
    for row in rows:
        # robust: a queue that is down (TASK_BACKEND=redis with Redis stopped) must not
        # turn a committed change into an error page; the row is in the outbox and
        # `manage.py send_notifications` (the sweeper) delivers it.
        transaction.on_commit(partial(_enqueue, row.pk), robust=True)


def _enqueue(pk: int) -> None:
    from .tasks import deliver_notification

    deliver_notification.enqueue(pk)


def notify_status_set(*, case: Case, status_update: StatusUpdate) -> list[Notification]:
    """Outbox rows for a status whose type says "inwoner informeren"."""
    return _write(case, NotificationKind.STATUS_SET, f"status:{status_update.pk}", status_update)


def notify_document_added(*, case: Case, document_id: int | str) -> list[Notification]:
    """Outbox rows for a document added to the case. The documents app calls
    this (or sends a signal whose receiver does) inside its own transaction;
    `document_id` makes a repeated call for the same document a no-op."""
    return _write(case, NotificationKind.DOCUMENT_ADDED, f"document:{document_id}")


def notify_remote_status(
    *, agency: Agency, title: str, path: str, bsns: list[str], key: str
) -> list[Notification]:
    """Outbox rows for a new status of a zaak in the agency's own case system
    (the zgw app calls this on a Notificaties API callback). `path` is the
    zaak's page in the portal; `key` names the status, so a repeated
    notification of the same status writes nothing."""
    rows = []
    for bsn in sorted(set(bsns)):
        row, created = Notification.objects.get_or_create(
            dedupe_key=f"{key}:{bsn}",
            defaults={
                "kind": NotificationKind.STATUS_SET,
                "bsn": bsn,
                "remote_agency": agency,
                "remote_title": title[:200],
                "remote_path": path,
            },
        )
        if created:
            rows.append(row)
            transaction.on_commit(partial(_enqueue, row.pk), robust=True)
    return rows


def message_dedupe_key(message, channel: str) -> str:
    """One outbox row per message, channel and citizen: exactly once per channel."""
    return f"message:{message.pk}:{channel}:{message.citizen_bsn}"


def write_message_row(message, channel: str, escalated_from: Notification | None = None):
    """The outbox row of `message` on `channel`, or None when it already exists."""
    row, created = Notification.objects.get_or_create(
        dedupe_key=message_dedupe_key(message, channel),
        defaults={
            "case": message.case,
            "message": message,
            "kind": NotificationKind.MESSAGE,
            "channel": channel,
            "bsn": message.citizen_bsn,
            "escalated_from": escalated_from,
        },
    )
    if not created:
        return None
    enqueue_on_commit([row])
    return row


def notify_message(message) -> list[Notification]:
    """Outbox rows for an agency's message to a citizen, one per chosen channel
    (notifications.channels.channels_for). Call inside the sending transaction.
    None for a business (messaging decision 0049): its addresses are not kept
    here; a formal message to it goes by post."""
    if not message.citizen_bsn:
        return []
    channels = channels_for(message.citizen_bsn, message)
    rows = [write_message_row(message, channel) for channel in channels]
    return [row for row in rows if row is not None]
