"""Consent per message type (Awb 2:8, as amended by the Wmebv): reads and the
one write. No row means no consent: the law asks the citizen to *say* they can
be reached electronically for a kind of message, so silence is "by post"."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.models import Agency
from identity.access_log import AccessAction, Purpose, log_person_access
from identity.actors import Actor
from identity.bsn import validate_bsn

from .consent_models import MessageConsent, MessageConsentChange, MessageType

NO_CONSENT = {"digital": False, "email": False, "sms": False}


def message_types_for(agency: Agency | None = None) -> QuerySet[MessageType]:
    """The global types and, with an agency, that agency's own."""
    scope = Q(agency__isnull=True)
    if agency is not None:
        scope |= Q(agency=agency)
    return MessageType.objects.filter(scope).select_related("agency").order_by("order", "name")


def message_types_for_citizen(citizen_bsn: str) -> QuerySet[MessageType]:
    """The types a citizen may choose for: global ones, and those of the
    agencies they have a case or a message at (one query)."""
    from .models import Message

    agencies = Message.objects.filter(citizen_bsn=citizen_bsn).values("agency_id")
    return (
        MessageType.objects.filter(
            Q(agency__isnull=True)
            | Q(agency__in=agencies)
            | Q(agency__cases__roles__bsn=citizen_bsn)
        )
        .select_related("agency")
        .distinct()
        .order_by("order", "name")
    )


@dataclass(frozen=True)
class ConsentRow:
    message_type: MessageType
    digital: bool
    email: bool
    sms: bool
    updated_at: object  # datetime | None


def consents_of(
    citizen_bsn: str, types: QuerySet[MessageType] | list[MessageType]
) -> list[ConsentRow]:
    """Each type with the citizen's current choice (two queries)."""
    types = list(types)
    current = {
        consent.message_type_id: consent
        for consent in MessageConsent.objects.filter(
            citizen_bsn=citizen_bsn, message_type__in=[t.pk for t in types]
        )
    }
    rows = []
    for message_type in types:
        consent = current.get(message_type.pk)
        rows.append(
            ConsentRow(
                message_type=message_type,
                digital=bool(consent and consent.digital),
                email=bool(consent and consent.email),
                sms=bool(consent and consent.sms),
                updated_at=consent.updated_at if consent else None,
            )
        )
    return rows


def has_digital_consent(citizen_bsn: str, message_type: MessageType | None) -> bool:
    if message_type is None:
        return False
    return MessageConsent.objects.filter(
        citizen_bsn=citizen_bsn, message_type=message_type, digital=True
    ).exists()


def consent_history(citizen_bsn: str) -> QuerySet[MessageConsentChange]:
    return (
        MessageConsentChange.objects.filter(citizen_bsn=citizen_bsn)
        .select_related("message_type")
        .order_by("-changed_at", "-id")
    )


def set_consent(
    *,
    actor: Actor,
    citizen_bsn: str,
    message_type: MessageType,
    digital: bool,
    email: bool,
    sms: bool,
) -> bool:
    """Store the citizen's choice for one type; a change appends a history
    record and an access-log entry in the same transaction. Notifications
    without digital delivery make no sense, so they are switched off with it.
    Returns whether anything changed."""
    validate_bsn(citizen_bsn)
    new = {"digital": digital, "email": email and digital, "sms": sms and digital}
    with transaction.atomic():
        consent = (
            MessageConsent.objects.select_for_update()
            .filter(citizen_bsn=citizen_bsn, message_type=message_type)
            .first()
        )
        old = consent.as_dict() if consent is not None else dict(NO_CONSENT)
        if old == new:
            return False
        now = timezone.now()
        if consent is None:
            consent = MessageConsent(citizen_bsn=citizen_bsn, message_type=message_type)
        consent.digital, consent.email, consent.sms = new["digital"], new["email"], new["sms"]
        consent.updated_at = now
        consent.save()
        MessageConsentChange.objects.create(
            citizen_bsn=citizen_bsn,
            message_type=message_type,
            changed_at=now,
            actor_kind=actor.kind,
            actor_organisation=actor.organisation,
            actor_user_id=actor.user.pk if actor.user is not None else None,
            old=old,
            new=new,
        )
        log_person_access(
            bsn=citizen_bsn,
            actor=actor,
            action=AccessAction.CHANGED,
            purpose=Purpose.CONTACT_DETAILS,
            object_kind="message_consent",
            object_label=message_type.name,
            detail={"message_type": message_type.code},
        )
    return True


def notification_channels(citizen_bsn: str, message_type: MessageType | None) -> list[str]:
    """The channels the citizen chose for this type: "portal" always, then
    "email" and/or "sms" when they consented to digital delivery with those
    notifications (for notifications' message_sent receiver)."""
    channels = ["portal"]
    if message_type is None:
        return channels
    consent = MessageConsent.objects.filter(
        citizen_bsn=citizen_bsn, message_type=message_type, digital=True
    ).first()
    if consent is not None:
        channels += [name for name in ("email", "sms") if getattr(consent, name)]
    return channels
