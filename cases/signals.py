"""Hook points for other parts of the portal (notifications, webhooks).

Both signals are sent INSIDE the transaction of the change, so a receiver that
writes an outbox row commits or rolls back together with the change (design:
"an outbox table written in the same transaction as the change"). Receivers
must not do slow work or network I/O here; they write a row and let a task do
the rest.

    case_opened(sender=Case, case, actor)
    status_set(sender=StatusUpdate, status_update, case, actor, notify)
        notify is the status type's "inwoner informeren" flag.
"""

from django.dispatch import Signal

case_opened = Signal()
status_set = Signal()
