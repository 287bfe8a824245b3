"""Where a notification leaves the portal: SMTP (the embedded default for
e-mail) or a GOV.UK-Notify-compatible API (NotifyNL is a fork of GOV.UK Notify)
for e-mail and SMS, through the official `notifications-python-client`
(docs/decisions/0038).

Configuration (portal/settings/base.py, from the environment):
NOTIFICATION_EMAIL_PROVIDER ("smtp" | "notify"), NOTIFICATION_SMS_PROVIDER
("notify" | "" = no SMS), NOTIFY_API_KEY, NOTIFY_BASE_URL,
NOTIFY_EMAIL_TEMPLATE_ID, NOTIFY_SMS_TEMPLATE_ID, NOTIFY_TIMEOUT.
The Notify templates are pass-through: e-mail "((subject))" / "((body))", SMS
"((body))"; the text itself is ours (NotificationTemplate, with the Awb 2:10
lid 2 facts checked on save), so the provider only carries it.

A send either returns an Accepted (the provider took it; maybe not yet
delivered), raises PermanentFailure (the provider refused this recipient or
request for good: retrying cannot help) or raises anything else (retry later).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

SMTP, NOTIFY = "smtp", "notify"


class PermanentFailure(Exception):
    """Refused for good (an SMTP 5xx on the recipient, a Notify 400)."""


class NotConfigured(Exception):
    """The channel has no provider in this deployment."""


@dataclass(frozen=True)
class Accepted:
    provider: str
    reference: str  # the provider's id ("" for SMTP)
    delivered: bool  # SMTP: accepted by our mail server is as far as we can see


def provider_for(channel: str) -> str:
    name = (
        settings.NOTIFICATION_EMAIL_PROVIDER
        if channel == "email"
        else settings.NOTIFICATION_SMS_PROVIDER
    )
    if name not in (SMTP, NOTIFY) or (channel == "sms" and name != NOTIFY):
        raise NotConfigured(channel)
    return name


def notify_client() -> NotificationsAPIClient:
    if not settings.NOTIFY_API_KEY:
        raise NotConfigured("NOTIFY_API_KEY")
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT
    )


def _send_smtp(
    *, address: str, subject: str, body: str, message_id: str, envelope_sender: str | None
) -> Accepted:
    # The envelope sender (SMTP MAIL FROM, RFC 5321 4.1.1.2) is where a later
    # bounce goes: per row (VERP, notifications.bounces) when configured. Django
    # uses from_email as MAIL FROM; the From header stays the portal's address.
    try:
        EmailMessage(
            subject,
            body,
            envelope_sender or settings.DEFAULT_FROM_EMAIL,
            [address],
            headers={"Message-ID": message_id, "From": settings.DEFAULT_FROM_EMAIL},
        ).send()
    except smtplib.SMTPRecipientsRefused as exc:
        # RFC 5321 4.2.1: 5yz is a permanent negative reply, 4yz a transient one.
        codes = [code for code, _text in exc.recipients.values()]
        if codes and all(500 <= code < 600 for code in codes):
            raise PermanentFailure("smtp-refused") from exc
        raise
    return Accepted(SMTP, "", delivered=True)


def _raise_for_notify(exc: HTTPError) -> None:
    # GOV.UK Notify API: 400 = this request can never succeed (bad address,
    # bad template); 403/429/5xx and connection errors may pass later.
    if exc.status_code == 400:
        raise PermanentFailure(f"notify-{exc.status_code}") from exc
    raise exc


def _send_notify(
    *, channel: str, address: str, subject: str, body: str, reference: str
) -> Accepted:
    client = notify_client()
    try:
        if channel == "email":
            response = client.send_email_notification(
                email_address=address,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation={"subject": subject, "body": body},
                reference=reference,
            )
        else:
            response = client.send_sms_notification(
                phone_number=address,
                template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                personalisation={"body": body},
                reference=reference,
            )
    except HTTPError as exc:
        _raise_for_notify(exc)
        raise
    return Accepted(NOTIFY, str(response["id"]), delivered=False)


def send(
    *,
    channel: str,
    address: str,
    subject: str,
    body: str,
    reference: str,
    message_id: str,
    envelope_sender: str | None = None,
) -> Accepted:
    provider = provider_for(channel)
    if provider == SMTP:
        return _send_smtp(
            address=address,
            subject=subject,
            body=body,
            message_id=message_id,
            envelope_sender=envelope_sender,
        )
    return _send_notify(
        channel=channel, address=address, subject=subject, body=body, reference=reference
    )


def notify_status(reference: str) -> str:
    """The provider's current status of one notification (for polling)."""
    return str(notify_client().get_notification_by_id(reference)["status"])
