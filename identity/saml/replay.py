"""Replay cache: each Response ID and Assertion ID is accepted once.

SAML profiles 4.1.4.5: the SP must keep used assertion IDs for as long as the
assertion could still be valid. The unique index makes this safe across app
servers: two servers racing with the same response both INSERT, one fails.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import SeenSamlMessage


class ReplayedMessage(Exception):
    pass


def remember_once(*, message_ids: list[str], expires_at: dt.datetime) -> None:
    """Record the IDs in one INSERT; raise ReplayedMessage if any was seen before.

    One multi-row INSERT is all-or-nothing on its own, so outside a transaction
    it needs none (no BEGIN/COMMIT round trips on the login path). Inside a
    caller's transaction a savepoint keeps that transaction usable after a
    refusal (PostgreSQL aborts a transaction on an error)."""
    rows = [SeenSamlMessage(message_id=i, expires_at=expires_at) for i in message_ids]
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                _insert(rows)
        else:
            _insert(rows)
    except IntegrityError as exc:
        raise ReplayedMessage("A SAML message was presented a second time.") from exc


def _insert(rows: list[SeenSamlMessage]) -> None:
    # QuerySet.bulk_create wraps its INSERT in a transaction of its own; the
    # underlying single INSERT is what we want (Django's own API for it).
    manager = SeenSamlMessage.objects
    fields = [SeenSamlMessage._meta.get_field(name) for name in ("message_id", "expires_at")]
    manager._insert(rows, fields=fields, using=manager.db)


def forget_expired(now: dt.datetime | None = None) -> None:
    """Drop rows whose messages are expired anyway (their time checks fail). Run at
    the start of each login (identity.saml.authn), not on the ACS path."""
    expired = SeenSamlMessage.objects.filter(expires_at__lt=now or timezone.now())
    expired._raw_delete(using=expired.db)
