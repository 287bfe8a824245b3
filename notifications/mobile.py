"""A mobile number for SMS notifications, confirmed with a code sent to it:
the same pattern as the e-mail confirmation (identity.services: a new value
waits for its confirmation; only a confirmed one is used), with a 6-digit code
instead of a link, because a link in an SMS invites phishing look-alikes.

Rate limits (codes cost money and could be used to pester someone else's
phone): one code per CODE_INTERVAL, at most CODES_PER_DAY a day, and a code
dies after WRONG_ATTEMPTS wrong tries or CODE_VALIDITY.
Every change is written to the citizen's access log, naming the field only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from identity.access_log import AccessAction, Purpose, log_person_access
from identity.actors import Actor
from identity.phone import normalize_phone

from . import providers
from .models import Channel, MobileNumber

CODE_INTERVAL = timedelta(seconds=60)
CODE_VALIDITY = timedelta(minutes=15)
CODES_PER_DAY = 5
WRONG_ATTEMPTS = 5

LABELS = {
    "mobile_requested": gettext_noop("nieuw mobiel nummer (wacht op bevestiging)"),
    "mobile_confirmed": gettext_noop("mobiel nummer bevestigd"),
}


def _is_mobile(number: str) -> bool:
    # Dutch mobile numbers are 06..., +316...; abroad we cannot tell: accept E.164.
    return number.startswith(("06", "+316")) or (
        number.startswith("+") and not number.startswith("+31")
    )


def _hash(user_id: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"mobile:{user_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _audit(user, change: str) -> None:
    log_person_access(
        bsn=user.bsn,
        actor=Actor.citizen(user),
        action=AccessAction.CHANGED,
        purpose=Purpose.CONTACT_DETAILS,
        object_kind="contact_details",
        object_label=LABELS[change],
        organisation=settings.WAGTAIL_SITE_NAME,
        detail={"fields": [change]},
    )


def request_mobile_code(*, user, number: str) -> None:
    """Send a confirmation code to `number`; raise ValidationError when the
    number is not a mobile number or the citizen asked too often."""
    number = normalize_phone(number)
    if not _is_mobile(number):
        raise ValidationError(_("Vul een mobiel nummer in, zoals 0612345678."), code="not_mobile")
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        row, _created = MobileNumber.objects.select_for_update().get_or_create(user=user)
        last = row.code_sent_at
        if last and now - last < CODE_INTERVAL:
            raise ValidationError(
                _("U hebt net een code gekregen. Wacht een minuut en probeer het opnieuw."),
                code="too_soon",
            )
        sent_today = row.codes_sent_today if last and last.date() == now.date() else 0
        if sent_today >= CODES_PER_DAY:
            raise ValidationError(
                _("U hebt vandaag te vaak een code gevraagd. Probeer het morgen opnieuw."),
                code="too_many",
            )
        row.pending_number = number
        row.code_hash = _hash(user.pk, code)
        row.code_sent_at = now
        row.codes_sent_today = sent_today + 1
        row.wrong_attempts = 0
        row.save()
        _audit(user, "mobile_requested")
        text = _("Uw code voor Open Loket is %(code)s. Deel deze code met niemand.") % {
            "code": code
        }
        transaction.on_commit(
            lambda: providers.send(
                channel=Channel.SMS,
                address=number,
                subject="",
                body=text,
                reference=f"mobile-confirmation-{row.pk}",
                message_id="",
            )
        )


def confirm_mobile_code(*, user, code: str) -> MobileNumber:
    """Confirm the pending number with `code`; raise ValidationError otherwise."""
    now = timezone.now()
    invalid = ValidationError(_("Deze code klopt niet of is verlopen."), code="invalid_code")
    with transaction.atomic():
        row = MobileNumber.objects.select_for_update().filter(user=user).first()
        if (
            row is None
            or not row.pending_number
            or not row.code_sent_at
            or now - row.code_sent_at > CODE_VALIDITY
            or row.wrong_attempts >= WRONG_ATTEMPTS
        ):
            raise invalid
        # The wrong try is counted in this committed transaction; the error follows it.
        right = hmac.compare_digest(row.code_hash, _hash(user.pk, (code or "").strip()))
        if right:
            row.number, row.verified_at = row.pending_number, now
            row.pending_number, row.code_hash = "", ""
            row.save()
            _audit(user, "mobile_confirmed")
        else:
            MobileNumber.objects.filter(pk=row.pk).update(wrong_attempts=row.wrong_attempts + 1)
    if not right:
        raise invalid
    return row
