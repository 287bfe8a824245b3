"""Agency message types, the citizen's consent per type (Awb 2:8) and the
letters queued for the agency's post when there is no consent (issue 18).

Awb 2:8 (Wmebv): an administrative body may send a message electronically
only to a person who has said, for that kind of message, that they can be
reached that way. So consent is per message type, explicit, and its history is
kept: who changed it, when, from what to what (MessageConsentChange).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cases.models import Agency
from identity.actors import ActorKind
from identity.bsn import validate_bsn
from portal.append_only import AppendOnlyModel, AppendOnlyQuerySet


class MessageType(models.Model):
    """A kind of message agencies send: global (agency empty, seeded by the
    migration `seed_global_message_types`) or an agency's own."""

    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="message_types",
        help_text=_("Leeg: voor alle organisaties."),
    )
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    description = models.CharField(_("uitleg"), max_length=300, blank=True)
    description_en = models.CharField(_("uitleg (Engels)"), max_length=300, blank=True)
    # A formal (legally binding) type needs digital consent (Awb 2:8); without it
    # the message goes by post and the portal shows a copy.
    is_formal = models.BooleanField(_("formeel"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("berichtsoort")
        verbose_name_plural = _("berichtsoorten")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                condition=Q(agency__isnull=False),
                name="message_type_agency_code",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(agency__isnull=True), name="message_type_global_code"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def explanation(self) -> str:
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description


class MessageConsent(models.Model):
    """The citizen's current choice for one message type. No row: not consented
    (Awb 2:8 asks for an explicit statement), e-mail and SMS off; the portal
    always shows the message."""

    citizen_bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    message_type = models.ForeignKey(MessageType, on_delete=models.PROTECT, related_name="+")
    digital = models.BooleanField(_("digitaal ontvangen"), default=False)
    email = models.BooleanField(_("melding per e-mail"), default=False)
    sms = models.BooleanField(_("melding per sms"), default=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_bsn", "message_type"], name="consent_citizen_type"
            ),
        ]

    def __str__(self) -> str:
        return str(self.message_type)

    def as_dict(self) -> dict:
        return {"digital": self.digital, "email": self.email, "sms": self.sms}


class MessageConsentChange(AppendOnlyModel):
    """One change of a consent: who, when, from what to what. Append-only."""

    citizen_bsn = models.CharField(max_length=9, validators=[validate_bsn])
    message_type = models.ForeignKey(MessageType, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    actor_kind = models.CharField(_("door (soort)"), max_length=20, choices=ActorKind.choices)
    actor_organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    old = models.JSONField(_("was"), default=dict)
    new = models.JSONField(_("werd"), default=dict)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijziging van toestemming")
        verbose_name_plural = _("wijzigingen van toestemming")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["citizen_bsn", "-changed_at"], name="consent_change_bsn")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.changed_at:%Y-%m-%d %H:%M}"


class PostalLetter(models.Model):
    """A formal message the citizen did not consent to receive digitally: the
    agency prints and posts it (Awb 2:8). The PDF is rendered from the message
    when printed (documents' letter engine), so the queue row is the record."""

    message = models.OneToOneField(
        "messaging.Message", on_delete=models.PROTECT, related_name="postal_letter"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    queued_at = models.DateTimeField(_("klaargezet op"), default=timezone.now)
    printed_at = models.DateTimeField(_("afgedrukt op"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("brief per post")
        verbose_name_plural = _("brieven per post")
        ordering = ["printed_at", "-queued_at"]
        indexes = [models.Index(fields=["agency", "printed_at"], name="letter_agency_printed")]

    def __str__(self) -> str:
        return str(self.message)
