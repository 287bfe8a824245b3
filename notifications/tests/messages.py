"""Agency messages to a citizen, sent the way messaging.services does: the row
and the `message_sent` signal in one transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from cases.models import Agency, Case
from identity.actors import Actor
from messaging.kinds import Direction, MessageKind
from messaging.models import Message, Thread
from messaging.signals import message_sent

AGENCY_ACTOR = Actor.system("agency-test")


def send_to_citizen(
    case: Case | None,
    *,
    agency: Agency | None = None,
    formal: bool = True,
    kind: str = MessageKind.VERZOEK_AANVULLING,
    expects_action_by: date | None = None,
    bsn: str = "999993653",
    direction: str = Direction.TO_CITIZEN,
    message_type=None,
) -> Message:
    agency = case.agency if case is not None else agency
    with transaction.atomic():
        thread = Thread.objects.create(
            agency=agency, case=case, citizen_bsn=bsn, subject="Verzoek om aanvulling"
        )
        message = Message.objects.create(
            thread=thread,
            agency=agency,
            case=case,
            citizen_bsn=bsn,
            direction=direction,
            kind=kind,
            message_type=message_type,
            is_formal=formal,
            subject="Verzoek om aanvulling",
            body="Stuur ons uw bankafschriften.",
            expects_action_by=expects_action_by,
            sender_kind=AGENCY_ACTOR.kind,
            sender_key="test",
        )
        message_sent.send(sender=Message, message=message, actor=AGENCY_ACTOR)
    return message
