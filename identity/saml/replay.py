"""Replay cache: each Response ID and Assertion ID is accepted once.

SAML profiles 4.1.4.5: the SP must keep used assertion IDs for as long as the
assertion could still be valid. The unique index makes this safe across app
servers: two servers racing with the same response both INSERT, one fails.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SeenSamlMessage


class ReplayedMessage(Exception):
    pass


def remember_once(*, message_ids: list[str], expires_at: dt.datetime) -> None:
    """Record the IDs; raise ReplayedMessage if any was seen before."""
    now = timezone.now()
    # Expired rows are harmless (their messages fail the time checks) but take space.
    SeenSamlMessage.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            for message_id in message_ids:
                SeenSamlMessage.objects.create(message_id=message_id, expires_at=expires_at)
    except IntegrityError as exc:
        raise ReplayedMessage("A SAML message was presented a second time.") from exc
