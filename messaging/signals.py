"""Hook points for apps above messaging (notifications, agency_api webhooks).

Sent INSIDE the transaction of the change, like cases.signals: a receiver
writes an outbox row and lets a task do slow work.

    message_sent(sender=Message, message, actor)
    task_changed(sender=Task, task, actor)   created, completed or cancelled
    task_reminder_due(sender=Task, task)     once per task, before its deadline (reminders.py)
"""

from django.dispatch import Signal

message_sent = Signal()
task_changed = Signal()
task_reminder_due = Signal()
