"""Signals of the notifications app, for apps that act on an escalation.

    letter_needed(sender=Message, message, reason)
        A formal message could not be brought to the citizen's attention
        digitally (every channel failed, or it stayed unread for the agency's
        number of working days): queue the paper letter (Awb 2:10 / 2:14 as
        amended by the Wmebv: restore contact). The letter queue (issue 18,
        feat/inbox) connects to this; until then nothing listens.
    contact_restore_needed(sender=ContactRestoreTask, task)
        A "contact herstellen" task was created (agency_api sends the webhook).

Both are sent inside the transaction that creates the task, once per task.
"""

from django.dispatch import Signal

letter_needed = Signal()
contact_restore_needed = Signal()
