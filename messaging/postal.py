"""The postal letter queue: one letter per message, for the agency's post.

Two reasons put a formal message on paper:
- Awb 2:8 (Wmebv): the citizen did not consent to this type digitally
  ("no_digital_consent", when the message is sent);
- Awb 2:10 / 2:14 (Wmebv: restore contact): its notification failed for good
  or it stayed unread (notifications asks through its `letter_needed` signal).
The OneToOne row makes it once per message however often it is asked.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from identity.actors import Actor

from . import ledger
from .consent_models import PostalLetter
from .kinds import EvidenceKind
from .models import Message


def queue_postal_letter(*, message: Message, actor: Actor, reason: str) -> PostalLetter | None:
    """Queue the letter and record "letter_queued" in the message's ledger, in
    one transaction; None when the message already has a letter."""
    with transaction.atomic():
        # Lock the message so two escalations cannot both queue (the unique
        # constraint would stop the second, but it would break its transaction).
        Message.objects.select_for_update().filter(pk=message.pk).first()
        if PostalLetter.objects.filter(message=message).exists():
            return None
        now = timezone.now()
        letter = PostalLetter.objects.create(message=message, agency=message.agency, queued_at=now)
        ledger.append_evidence(
            message=message,
            kind=EvidenceKind.LETTER_QUEUED,
            actor=actor,
            at=now,
            detail={"letter": letter.pk, "reason": reason},
        )
    return letter
