"""Escalation reaches paper: a formal message that could not be brought to the
citizen's attention digitally (every channel failed, or unread for the agency's
number of working days) goes on the agency's postal letter queue (Awb 2:10 /
2:14 as amended by the Wmebv: restore contact). Once per message: the queue
has one letter per message (messaging.postal)."""

from __future__ import annotations

from django.dispatch import receiver

from identity.actors import Actor
from messaging.postal import queue_postal_letter

from .signals import letter_needed

ESCALATION_ACTOR = Actor.system("notifications-escalation")


@receiver(letter_needed, dispatch_uid="notifications.postal_letters.queue")
def queue_letter_on_escalation(sender, message, reason, **kwargs) -> None:
    queue_postal_letter(message=message, actor=ESCALATION_ACTOR, reason=f"escalation_{reason}")
