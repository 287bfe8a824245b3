"""Writes to personal data owned by the identity app: contact details.

Each service is one transaction that validates, saves and writes its
access-log entry, so a failed change leaves neither data nor log behind.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .access_log import AccessAction, Purpose, log_person_access
from .actors import Actor
from .contact_details import ContactDetails

EMAIL_CONFIRMATION_SALT = "identity.contact_details.email_confirmation"
OBJECT_KIND = "contact_details"

# What changed, as the citizen reads it in the access log (stored in Dutch).
CHANGE_LABELS = {
    "email_requested": gettext_noop("nieuw e-mailadres (wacht op bevestiging)"),
    "email_confirmed": gettext_noop("e-mailadres bevestigd"),
    "email_removed": gettext_noop("e-mailadres verwijderd"),
    "phone": gettext_noop("telefoonnummer"),
    "preferred_language": gettext_noop("voorkeurstaal"),
    "notify_by_email": gettext_noop("berichten per e-mail"),
}


class EmailConfirmationError(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(code)

    @property
    def message(self) -> str:
        if self.code == "expired":
            return str(
                _("Deze link is verlopen. Vul uw e-mailadres opnieuw in voor een nieuwe link.")
            )
        return str(_("Deze link is ongeldig of al gebruikt."))


@dataclass
class ContactChange:
    details: ContactDetails
    changed: list[str] = field(default_factory=list)
    confirmation_sent_to: str = ""


def _normalize_email(value: str) -> str:
    value = (value or "").strip()
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}" if local else value


def _audit(*, user, changes: list[str]) -> None:
    log_person_access(
        bsn=user.bsn,
        actor=Actor.citizen(user),
        action=AccessAction.CHANGED,
        purpose=Purpose.CONTACT_DETAILS,
        object_kind=OBJECT_KIND,
        object_label=", ".join(CHANGE_LABELS[c] for c in changes),
        organisation=settings.WAGTAIL_SITE_NAME,
        # Which fields, never their values: the log is personal data itself.
        detail={"fields": changes},
    )


def _confirmation_expired(details: ContactDetails) -> bool:
    requested = details.pending_email_requested_at
    max_age = timedelta(seconds=settings.EMAIL_CONFIRMATION_MAX_AGE_SECONDS)
    return requested is None or timezone.now() - requested > max_age


def email_confirmation_token(*, details: ContactDetails) -> str:
    """A signed, timestamped token naming the user (by id, never BSN) and the nonce."""
    return signing.dumps(
        {"u": details.user_id, "n": details.pending_email_nonce}, salt=EMAIL_CONFIRMATION_SALT
    )


def _send_confirmation(*, details: ContactDetails) -> None:
    token = email_confirmation_token(details=details)
    with translation.override(details.preferred_language):
        path = reverse("identity:email_confirm", kwargs={"token": token})
        context = {
            "link": f"{settings.PORTAL_BASE_URL}{path}",
            "hours": settings.EMAIL_CONFIRMATION_MAX_AGE_SECONDS // 3600,
            "portal_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = str(_("Bevestig uw e-mailadres"))
        body = render_to_string("identity/email/confirm_email.txt", context)
    send_mail(subject, body, None, [details.pending_email])


@transaction.atomic
def update_contact_details(
    *, user, email: str, phone: str, preferred_language: str, notify_by_email: bool
) -> ContactChange:
    """Apply the citizen's contact details. Phone, language and the notification
    choice change at once; a new e-mail address waits for its confirmation link."""
    details, _created = ContactDetails.objects.select_for_update().get_or_create(user=user)
    result = ContactChange(details=details)
    if details.phone != phone:
        details.phone = phone
        result.changed.append("phone")
    if details.preferred_language != preferred_language:
        details.preferred_language = preferred_language
        result.changed.append("preferred_language")
    if details.email_verified_at and details.notify_by_email != notify_by_email:
        # The choice is only offered once an address is confirmed.
        details.notify_by_email = notify_by_email
        result.changed.append("notify_by_email")

    email = _normalize_email(email)
    if email == details.email:
        details.pending_email = details.pending_email_nonce = ""
        details.pending_email_requested_at = None
    elif not email:
        details.pending_email = details.pending_email_nonce = ""
        details.pending_email_requested_at = None
        if details.email:
            details.email, details.email_verified_at = "", None
            result.changed.append("email_removed")
    elif email != details.pending_email or _confirmation_expired(details):
        # A new address, or the same one again after its link expired: a fresh link.
        details.pending_email = email
        details.pending_email_nonce = secrets.token_urlsafe(24)
        details.pending_email_requested_at = timezone.now()
        result.changed.append("email_requested")
        result.confirmation_sent_to = email

    details.full_clean()
    details.save()
    if result.changed:
        _audit(user=user, changes=result.changed)
    if result.confirmation_sent_to:
        transaction.on_commit(lambda: _send_confirmation(details=details))
    return result


def _pending_for_token(*, user, token: str, lock: bool) -> ContactDetails:
    try:
        data = signing.loads(
            token,
            salt=EMAIL_CONFIRMATION_SALT,
            max_age=settings.EMAIL_CONFIRMATION_MAX_AGE_SECONDS,
        )
    except signing.SignatureExpired as exc:
        raise EmailConfirmationError("expired") from exc
    except signing.BadSignature as exc:
        raise EmailConfirmationError("invalid") from exc
    if not isinstance(data, dict) or data.get("u") != user.pk:
        raise EmailConfirmationError("invalid")
    rows = ContactDetails.objects.filter(user=user)
    details = (rows.select_for_update() if lock else rows).first()
    if (
        details is None
        or not details.pending_email
        or not details.pending_email_nonce
        or not constant_time_compare(details.pending_email_nonce, str(data.get("n", "")))
    ):
        raise EmailConfirmationError("invalid")
    return details


def check_email_confirmation(*, user, token: str) -> None:
    """Raise EmailConfirmationError when the link cannot be used (nothing changes)."""
    _pending_for_token(user=user, token=token, lock=False)


@transaction.atomic
def confirm_contact_email(*, user, token: str) -> ContactDetails:
    """Make the pending address the one in use. The link works once, for the
    user it was sent to, within EMAIL_CONFIRMATION_MAX_AGE_SECONDS."""
    details = _pending_for_token(user=user, token=token, lock=True)
    details.email = details.pending_email
    details.email_verified_at = timezone.now()
    details.pending_email = details.pending_email_nonce = ""
    details.pending_email_requested_at = None
    details.full_clean()
    details.save()
    _audit(user=user, changes=["email_confirmed"])
    return details
