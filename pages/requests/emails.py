"""The e-mail that confirms a request, to the citizen's verified address.

There is no notification outbox on main yet, so the mail goes out after the
request's transaction commits (transaction.on_commit): a rolled-back request
sends nothing, and a failing mail server never undoes a committed request (it
is logged, without the address). Move this to the outbox once it exists.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from cases.models import Case
from identity.contact_details import ContactDetails, notification_email

logger = logging.getLogger(__name__)


def confirm_request_after_commit(*, user, case: Case) -> bool:
    """Schedule the confirmation e-mail; False when the citizen has no verified address."""
    address = notification_email(user)
    if not address:
        return False
    details = ContactDetails.objects.filter(user=user).first()
    language = details.preferred_language if details else settings.LANGUAGE_CODE
    transaction.on_commit(lambda: _send(address=address, case=case, language=language))
    return True


def _send(*, address: str, case: Case, language: str) -> None:
    with translation.override(language):
        context = {"case": case, "case_url": settings.PORTAL_BASE_URL + case.get_absolute_url()}
        subject = render_to_string("pages/requests/email_subject.txt", context).strip()
        body = render_to_string("pages/requests/email_body.txt", context)
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        logger.exception("Request confirmation e-mail for case %s could not be sent", case.pk)
