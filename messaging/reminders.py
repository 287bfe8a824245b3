"""Reminders of open tasks before their deadline (issue 21), exactly once per task.

`send_task_reminders()` runs every hour (portal/periodic.py, `manage.py
remind_tasks`). For each open task due within settings.TASK_REMINDER_DAYS_BEFORE
days it claims the task by setting `Task.reminded_at` with a conditional UPDATE
(only the run that changes the row from NULL goes on, so two runs at once, or
a run after a crash, never remind twice) and, in the same transaction, sends
`signals.task_reminder_due`. notifications (a layer above) writes the outbox
row in its receiver; should that fail, the claim rolls back with it and the
next run tries again. The citizen's e-mail preferences are applied when the
outbox delivers the row, as for every notification.

Only tasks on a case are reminded: the outbox addresses a case (its e-mail
links to it and names it), and every path that makes a task today (back
office, API, action-required status) makes it on a case.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import signals
from .kinds import TaskState
from .models import Task


def due_for_reminder(*, today: date) -> list[int]:
    last_day = today + timedelta(days=settings.TASK_REMINDER_DAYS_BEFORE)
    return list(
        Task.objects.filter(
            state=TaskState.OPEN,
            reminded_at__isnull=True,
            case__isnull=False,
            due_on__gte=today,
            due_on__lte=last_day,
        )
        .order_by("due_on", "id")
        .values_list("pk", flat=True)
    )


def remind(task_id: int) -> bool:
    """Remind of one task unless it was reminded, finished or cancelled already."""
    with transaction.atomic():
        claimed = Task.objects.filter(
            pk=task_id, state=TaskState.OPEN, reminded_at__isnull=True
        ).update(reminded_at=timezone.now())
        if not claimed:
            return False
        task = Task.objects.select_related("agency", "case__agency").get(pk=task_id)
        signals.task_reminder_due.send(sender=Task, task=task)
    return True


def send_task_reminders(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    return sum(remind(pk) for pk in due_for_reminder(today=today))
