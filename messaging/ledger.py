"""The evidence ledger: append an event, verify the chain, export it.

Each event's hash is SHA-256 over the previous event's hash and the event's
canonical JSON (sorted keys, no whitespace, times in UTC ISO 8601), so an
export proves the chain was not rewritten, in the application or in the
database (docs/decisions/0030, point 3). The first event chains to 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from identity.actors import Actor

from .kinds import EvidenceKind
from .models import EvidenceEvent, Message

GENESIS = "0" * 64


def canonical(event: EvidenceEvent, message_public_id: str) -> bytes:
    data = {
        "message": message_public_id,
        "sequence": event.sequence,
        "kind": event.kind,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_kind": event.actor_kind,
        "actor_organisation": event.actor_organisation,
        "actor_reference": event.actor_reference,
        "detail": event.detail,
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(previous_hash: str, event: EvidenceEvent, message_public_id: str) -> str:
    return hashlib.sha256(previous_hash.encode() + canonical(event, message_public_id)).hexdigest()


def append_evidence(
    *,
    message: Message,
    kind: EvidenceKind | str,
    actor: Actor,
    detail: dict | None = None,
    at: datetime | None = None,
) -> EvidenceEvent:
    """Append one event to the message's chain. Runs in (or opens) a transaction
    and locks the message row, so concurrent appends get distinct sequence numbers."""
    kind = EvidenceKind(kind)
    with transaction.atomic():
        Message.objects.select_for_update().filter(pk=message.pk).first()
        last = EvidenceEvent.objects.filter(message=message).order_by("-sequence").first()
        event = EvidenceEvent(
            message=message,
            sequence=(last.sequence + 1) if last else 1,
            kind=kind,
            at=at or timezone.now(),
            actor_kind=actor.kind,
            actor_organisation=actor.organisation,
            actor_user_id=actor.user.pk if actor.user is not None else None,
            actor_reference=actor.reference,
            detail=detail or {},
            previous_hash=last.hash if last else GENESIS,
        )
        event.hash = event_hash(event.previous_hash, event, str(message.public_id))
        event.save()
        return event


def has_event(message: Message, kind: EvidenceKind | str) -> bool:
    return EvidenceEvent.objects.filter(message=message, kind=kind).exists()


def verify_chain(message: Message) -> bool:
    """True when every event's hash matches its content and its predecessor."""
    previous = GENESIS
    for event in EvidenceEvent.objects.filter(message=message).order_by("sequence"):
        if event.previous_hash != previous:
            return False
        if event.hash != event_hash(previous, event, str(message.public_id)):
            return False
        previous = event.hash
    return True


def ledger_export(message: Message) -> dict:
    """The ledger as a JSON-ready document (downloadable by citizen and caseworker)."""
    events = list(EvidenceEvent.objects.filter(message=message).order_by("sequence"))
    return {
        "format": "open-loket-evidence-ledger/1",
        "message": str(message.public_id),
        "agency": message.agency.name,
        "kind": message.kind,
        "subject": message.subject,
        "hash_algorithm": "sha256(previous_hash || canonical_json(event))",
        "chain_valid": verify_chain(message),
        "events": [
            {
                "sequence": event.sequence,
                "kind": event.kind,
                "label": str(EvidenceKind(event.kind).label),
                "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
                "actor_kind": event.actor_kind,
                "actor_organisation": event.actor_organisation,
                "actor_reference": event.actor_reference,
                "detail": event.detail,
                "previous_hash": event.previous_hash,
                "hash": event.hash,
            }
            for event in events
        ],
    }
