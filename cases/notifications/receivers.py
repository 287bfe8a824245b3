"""Signal receivers: a change to a case writes its outbox rows (same transaction)."""

from django.dispatch import receiver

from cases import signals

from .services import notify_status_set


@receiver(signals.status_set, dispatch_uid="cases.notifications.status_set")
def status_set_writes_outbox(sender, *, status_update, case, actor, notify, **kwargs):
    if notify:
        notify_status_set(case=case, status_update=status_update)
