"""Where a citizen's notifications go: the one hook the outbox asks.

The address is the citizen's confirmed e-mail in `identity.contact_details`
(with their preferred language and e-mail on/off); without one a notification is
recorded as not deliverable rather than guessed at.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model

from identity.contact_details import ContactDetails


class Contact(NamedTuple):
    email: str | None
    language: str
    wants_email: bool


def contact_for(bsn: str) -> Contact:
    """(confirmed e-mail or None, language, wants e-mail) for the citizen with `bsn`."""
    default_language = settings.LANGUAGE_CODE
    user = get_user_model().objects.filter(bsn=bsn).first()
    if user is None:
        return Contact(None, default_language, True)
    details = ContactDetails.objects.filter(user=user).first()
    if details is None:
        return Contact(None, default_language, True)
    confirmed = details.email if details.email and details.email_verified_at else None
    return Contact(
        confirmed, details.preferred_language or default_language, details.notify_by_email
    )
