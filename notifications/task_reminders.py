"""The outbox row for a task reminder (issue 21): messaging decides when a task
is due for one and sends `task_reminder_due` once per task (messaging/reminders.py);
this writes the e-mail for the task's own citizen, in the same transaction.

Delivery (notifications.delivery) applies the citizen's preferences like for
any notification: no confirmed address or e-mail switched off means the row is
recorded as undeliverable, not sent.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from messaging.models import Task
from messaging.signals import task_reminder_due
from notifications.models import Notification, NotificationKind

from .services import _enqueue


def notify_task_reminder(*, task: Task) -> Notification | None:
    """One row per task and citizen: a second call (a retried job) is a no-op."""
    if task.case is None or not task.citizen_bsn:
        # A business's task (messaging decision 0049): no e-mail address here.
        return None
    row, created = Notification.objects.get_or_create(
        dedupe_key=f"task-reminder:{task.public_id}:{task.citizen_bsn}",
        defaults={
            "case": task.case,
            "kind": NotificationKind.TASK_REMINDER,
            "bsn": task.citizen_bsn,
        },
    )
    if created:
        transaction.on_commit(partial(_enqueue, row.pk), robust=True)
    return row


@receiver(task_reminder_due, dispatch_uid="notifications.task_reminder_due")
def task_reminder_writes_outbox(sender, *, task: Task, **kwargs) -> None:
    notify_task_reminder(task=task)
