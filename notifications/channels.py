"""On which channels a citizen is notified, and their addresses there.

`channels_for(citizen_bsn, message)` is the ONE place that decides which
channels a message is notified on. A message with a type follows the citizen's
consent for that type (Awb 2:8: messaging.consent.notification_channels), and
only channels with a confirmed address and a provider are used; "portal" is
not a notification, the message box always shows the message. A message
without a type keeps the older rule: e-mail when the citizen confirmed an
address and wants e-mail, otherwise SMS when they confirmed a mobile number.

`available_channels` is every channel the citizen can be reached on at all.
`escalation_channels(citizen_bsn, message)` is where escalation may try next:
for a message with a type only the channels the citizen consented to for that
type (Awb 2:8 as amended by the Wmebv: consent is per kind of message and per
channel, so a failed e-mail never becomes an SMS the citizen did not allow);
for a message without a type, every channel they can be reached on.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from messaging.consent import notification_channels

from . import providers
from .models import Channel, MobileNumber
from .recipients import contact_for


def _configured(channel: str) -> bool:
    try:
        providers.provider_for(channel)
    except providers.NotConfigured:
        return False
    return True


def verified_mobile(citizen_bsn: str) -> str | None:
    row = MobileNumber.objects.filter(
        user__in=get_user_model().objects.filter(bsn=citizen_bsn), verified_at__isnull=False
    ).first()
    return row.number if row and row.number else None


def address_for(citizen_bsn: str, channel: str) -> str | None:
    if channel == Channel.EMAIL:
        return contact_for(citizen_bsn).email
    return verified_mobile(citizen_bsn)


def available_channels(citizen_bsn: str) -> list[str]:
    """Every channel with a confirmed address and a provider, e-mail first."""
    return [
        channel
        for channel in (Channel.EMAIL, Channel.SMS)
        if _configured(channel) and address_for(citizen_bsn, channel)
    ]


def channels_for(citizen_bsn: str, message) -> list[str]:
    """The channels the citizen chose for this message (see module docstring)."""
    if getattr(message, "message_type_id", None) is not None:
        chosen = notification_channels(citizen_bsn, message.message_type)
        return [
            channel
            for channel in (Channel.EMAIL, Channel.SMS)
            if channel in chosen and _configured(channel) and address_for(citizen_bsn, channel)
        ]
    contact = contact_for(citizen_bsn)
    if contact.email and contact.wants_email and _configured(Channel.EMAIL):
        return [Channel.EMAIL]
    if _configured(Channel.SMS) and verified_mobile(citizen_bsn):
        return [Channel.SMS]
    return []


def escalation_channels(citizen_bsn: str, message) -> list[str]:
    """The channels escalation may try for this message (see module docstring)."""
    if getattr(message, "message_type_id", None) is not None:
        return channels_for(citizen_bsn, message)
    return available_channels(citizen_bsn)


def sms_available() -> bool:
    """Whether this deployment can send SMS at all (the mobile number pages)."""
    return _configured(Channel.SMS)
