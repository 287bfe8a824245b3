"""One message per sender and idempotency key (two tabs, a double click, an
API client's retry): the first request's message is the answer to all of them.

The unique constraint (sender_key, idempotency_key) on Message decides the race;
`once_per_key` turns the loser's IntegrityError into the winner's message."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction

from identity.actors import Actor

from .models import Message


def sender_key(actor: Actor) -> str:
    """Who a message's idempotency key belongs to: a user, or an API client."""
    if actor.user is not None:
        return f"user:{actor.user.pk}"
    return f"{actor.kind}:{actor.reference}"[:120]


def existing_message(actor: Actor, idempotency_key: str) -> Message | None:
    if not idempotency_key:
        return None
    return Message.objects.filter(
        sender_key=sender_key(actor), idempotency_key=idempotency_key
    ).first()


def once_per_key(actor: Actor, idempotency_key: str, create: Callable[[], Message]) -> Message:
    """Run `create` in its own transaction; when another request with the same
    key committed first, return that request's message instead."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        existing = existing_message(actor, idempotency_key)
        if existing is None:
            raise
        return existing
