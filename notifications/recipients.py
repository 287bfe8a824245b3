"""Where a citizen's notifications go: the one hook the outbox asks.

The registry branch adds `identity.contact_details.ContactDetails` (confirmed
e-mail, preferred language, e-mail on/off). Until that model exists there is no
confirmed address, so every notification is recorded as not deliverable
rather than guessed at. The lead connects the two at merge by keeping the
import below (names match the registry branch).
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model


class Contact(NamedTuple):
    email: str | None
    language: str
    wants_email: bool


def _contact_details_model():
    """identity.contact_details.ContactDetails when it is installed, else None."""
    try:
        from identity.contact_details import ContactDetails
    except ImportError:
        return None
    return ContactDetails


def contact_for(bsn: str) -> Contact:
    """(confirmed e-mail or None, language, wants e-mail) for the citizen with `bsn`."""
    default_language = settings.LANGUAGE_CODE
    model = _contact_details_model()
    user = get_user_model().objects.filter(bsn=bsn).first()
    if model is None or user is None:
        return Contact(None, default_language, True)
    details = model.objects.filter(user=user).first()
    if details is None:
        return Contact(None, default_language, True)
    confirmed = details.email if details.email and details.email_verified_at else None
    return Contact(
        confirmed, details.preferred_language or default_language, details.notify_by_email
    )
