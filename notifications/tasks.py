"""The background task that delivers outbox rows (django.tasks, docs/decisions/0003)."""

from __future__ import annotations

from django.tasks import default_task_backend, task

from . import delivery


@task
def deliver_notification(notification_id: int) -> str:
    """Deliver one outbox row; safe to run any number of times (see delivery.claim)."""
    outcome = delivery.deliver(notification_id)
    if outcome == delivery.RETRY and default_task_backend.supports_defer:
        from notifications.models import Notification

        row = Notification.objects.get(pk=notification_id)
        deliver_notification.using(run_after=row.next_attempt_at).enqueue(notification_id)
    return outcome


@task
def deliver_due_notifications() -> int:
    """Sweep: deliver every due pending row (retries when the backend cannot
    defer, and rows whose enqueue was lost). Run by `manage.py send_notifications`."""
    return sum(delivery.deliver(pk) == delivery.SENT for pk in delivery.due_ids())


@task
def read_bounces() -> dict[str, int]:
    """Read the bounce mailbox (late DSNs, notifications.bounce_mailbox); run
    by `manage.py check_notifications` with the poller. Safe to run twice."""
    from .bounce_mailbox import read_bounces as read

    return read()
