"""Messages in both directions, their evidence ledger, tasks, and the channel
register (docs/decisions/0030). Writes go through `messaging.services` only.

A message, thread or task is addressed from outside by its random `public_id`.
The person it concerns is kept as `citizen_bsn`, a business as `subject_kvk`
(+ `subject_branch`), like cases.Role (decision 0049); never in a URL.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Agency, Case, CaseType, StatusUpdate
from documents.models import Document
from identity.actors import ActorKind
from identity.bsn import validate_bsn
from portal.append_only import AppendOnlyModel, AppendOnlyQuerySet

from .kinds import Direction, EvidenceKind, MessageKind, TaskKind, TaskOrigin, TaskState
from .subjects import subject_check

_digits = RegexValidator(r"^\d+$", _("Alleen cijfers."))

BODY_MAX_LENGTH = 10_000
SUBJECT_MAX_LENGTH = 200


class Thread(models.Model):
    """Messages that answer each other: a formal message and the agency's
    reply, or a citizen's question about a case and the conversation after it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="message_threads"
    )
    citizen_bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    subject_kvk = models.CharField(_("KvK-nummer"), max_length=8, blank=True, validators=[_digits])
    subject_branch = models.CharField(
        _("vestigingsnummer"), max_length=12, blank=True, validators=[_digits]
    )
    subject = models.CharField(_("onderwerp"), max_length=SUBJECT_MAX_LENGTH)
    created_at = models.DateTimeField(_("begonnen op"), default=timezone.now)
    last_message_at = models.DateTimeField(_("laatste bericht op"), default=timezone.now)

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        constraints = [models.CheckConstraint(condition=subject_check(), name="thread_one_subject")]
        indexes = [
            models.Index(fields=["citizen_bsn", "-last_message_at"], name="thread_citizen"),
            models.Index(fields=["subject_kvk", "-last_message_at"], name="thread_business"),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages")
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    citizen_bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    subject_kvk = models.CharField(_("KvK-nummer"), max_length=8, blank=True, validators=[_digits])
    subject_branch = models.CharField(
        _("vestigingsnummer"), max_length=12, blank=True, validators=[_digits]
    )
    direction = models.CharField(_("richting"), max_length=20, choices=Direction.choices)
    kind = models.CharField(_("soort"), max_length=30, choices=MessageKind.choices)
    is_formal = models.BooleanField(_("formeel bericht"), default=False)
    subject = models.CharField(_("onderwerp"), max_length=SUBJECT_MAX_LENGTH)
    # Plain text; rendered with linebreaks only, never as HTML.
    body = models.TextField(_("tekst"), max_length=BODY_MAX_LENGTH, blank=True)
    # Kind-specific answers (wants to be heard, reason for lateness, ...): shown
    # in the receipt and to the caseworker; never a BSN.
    details = models.JSONField(_("gegevens"), default=dict, blank=True)
    related_document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("over document"),
    )
    # A bezwaar or klacht opens its own case at the agency, linked here.
    opened_case = models.OneToOneField(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opened_by_message",
        verbose_name=_("geopende zaak"),
    )
    expects_action_by = models.DateField(_("actie verwacht vóór"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), default=timezone.now)
    sender_kind = models.CharField(_("afzender (soort)"), max_length=20, choices=ActorKind.choices)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sender_reference = models.CharField(max_length=200, blank=True)
    sender_organisation = models.CharField(max_length=200, blank=True)
    # "user:12", "api:<client>": with the key, one message per sender and key.
    sender_key = models.CharField(max_length=120, editable=False)
    idempotency_key = models.CharField(max_length=100, blank=True, editable=False)
    receipt = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_opened_at = models.DateTimeField(_("voor het eerst geopend"), null=True, blank=True)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    archived_by_citizen = models.BooleanField(_("gearchiveerd"), default=False)
    # Issue 18: the agency's message type (consent is per type, Awb 2:8).
    message_type = models.ForeignKey(
        "messaging.MessageType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("berichtsoort"),
    )

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender_key", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="message_unique_idempotency_key",
            ),
            models.CheckConstraint(condition=subject_check(), name="message_one_subject"),
        ]
        indexes = [
            models.Index(fields=["citizen_bsn", "-sent_at"], name="message_citizen"),
            models.Index(fields=["subject_kvk", "-sent_at"], name="message_business"),
            models.Index(fields=["agency", "-sent_at"], name="message_agency"),
        ]

    def __str__(self) -> str:
        return self.subject


class Attachment(models.Model):
    """A document sent with a message. The document lives on a case (the case
    the message is about, or the case it opened)."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="attachments")
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return str(self.document)


class EvidenceEvent(AppendOnlyModel):
    """One step in a message's life, hash-chained per message: an export of the
    chain proves no event was rewritten, even in the database (ADR 0030, point 3)."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="evidence")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(_("gebeurtenis"), max_length=30, choices=EvidenceKind.choices)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor_kind = models.CharField(_("door (soort)"), max_length=20, choices=ActorKind.choices)
    actor_organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    # Internal accountability without a foreign key (the ledger outlives accounts).
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    actor_reference = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewijsgebeurtenis")
        verbose_name_plural = _("bewijsgebeurtenissen")
        ordering = ["message", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["message", "sequence"], name="evidence_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Task(models.Model):
    """Something an agency asks the citizen to do, by a date (ADR 0030, point 4)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    citizen_bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    subject_kvk = models.CharField(_("KvK-nummer"), max_length=8, blank=True, validators=[_digits])
    subject_branch = models.CharField(
        _("vestigingsnummer"), max_length=12, blank=True, validators=[_digits]
    )
    kind = models.CharField(_("soort taak"), max_length=20, choices=TaskKind.choices)
    title = models.CharField(_("wat moet u doen"), max_length=200)
    title_en = models.CharField(_("wat moet u doen (Engels)"), max_length=200, blank=True)
    reason = models.TextField(_("waarom is dit nodig"), max_length=2000, blank=True)
    reason_en = models.TextField(_("waarom is dit nodig (Engels)"), max_length=2000, blank=True)
    due_on = models.DateField(_("uiterlijk op"), null=True, blank=True)
    state = models.CharField(
        _("stand"), max_length=20, choices=TaskState.choices, default=TaskState.OPEN
    )
    origin = models.CharField(_("herkomst"), max_length=20, choices=TaskOrigin.choices)
    # Set when an "action required" status asked for it (one task per citizen).
    status_update = models.ForeignKey(
        StatusUpdate, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    requested_by = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.PROTECT, related_name="requested_tasks"
    )
    completed_by = models.OneToOneField(
        Message, null=True, blank=True, on_delete=models.PROTECT, related_name="completed_task"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by_kind = models.CharField(max_length=20, choices=ActorKind.choices)
    created_by_reference = models.CharField(max_length=200, blank=True)
    completed_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="task_unique_idempotency_key",
            ),
            models.UniqueConstraint(
                fields=["status_update", "citizen_bsn", "subject_kvk", "subject_branch"],
                condition=Q(status_update__isnull=False),
                name="task_one_per_status_update",
            ),
            models.CheckConstraint(condition=subject_check(), name="task_one_subject"),
        ]
        indexes = [
            models.Index(fields=["citizen_bsn", "state"], name="task_citizen_state"),
            models.Index(fields=["subject_kvk", "state"], name="task_business_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == TaskState.OPEN


class ChannelRegisterQuerySet(models.QuerySet):
    """`update()` sends no signal, so it invalidates the cached channel register
    itself (messaging/channels.py); saves and deletes do it through signals."""

    def update(self, **kwargs) -> int:
        from .channels import register_changed

        rows = super().update(**kwargs)
        register_changed()
        return rows


class ChannelRule(models.Model):
    """The channel register: which formal messages an agency accepts digitally,
    at which DigiD level, and where to send them otherwise. Awb 2:13/2:14 (Wmebv):
    official messages may be sent electronically in the way the body has
    designated and announced; this register is that announcement (published on
    the public "Digitaal contact" page)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="channel_rules")
    kind = models.CharField(_("soort bericht"), max_length=30, choices=MessageKind.choices)
    accepted_digitally = models.BooleanField(_("digitaal aangenomen"), default=True)
    # identity.loa.LevelOfAssurance value.
    minimum_level = models.PositiveSmallIntegerField(_("minimaal DigiD-niveau"), default=20)
    case_type = models.ForeignKey(
        CaseType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zaaktype voor nieuwe zaken"),
        help_text=_("Voor bezwaar en klacht: de zaak die het bericht opent."),
    )
    alternative = models.TextField(
        _("waar dan naartoe"),
        blank=True,
        help_text=_("Als u dit niet digitaal aanneemt: hoe de inwoner het wel kan sturen."),
    )
    alternative_en = models.TextField(_("waar dan naartoe (Engels)"), blank=True)

    objects = ChannelRegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalenregister")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="channel_rule_agency_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_kind_display()}"


class ChannelOutage(models.Model):
    """A time the digital channel was not available. Deadlines that ended in it
    do not count against the citizen (Wmebv, Kamerstukken II 35261 nr. 3,
    §3.4.5 "waarborg bij storing": a message that could not be sent because the
    body's channel failed is in time when sent within a reasonable term after),
    so the register is public and kept."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("ingevoerd")
        HEALTH_CHECK = "health_check", _("automatisch gemeten")

    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg: het hele portaal."),
    )
    kinds = models.JSONField(
        _("soorten berichten"), default=list, blank=True, help_text=_("Leeg: alle soorten.")
    )
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"), null=True, blank=True)
    reason = models.CharField(_("oorzaak"), max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ChannelRegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("storing")
        verbose_name_plural = _("storingen")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    def affects(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


# Issue 18: message types, consent per type and the postal letter queue.
from .consent_models import (  # noqa: E402
    MessageConsent,
    MessageConsentChange,
    MessageType,
    PostalLetter,
)

__all__ = [
    "Attachment",
    "ChannelOutage",
    "ChannelRule",
    "EvidenceEvent",
    "Message",
    "MessageConsent",
    "MessageConsentChange",
    "MessageType",
    "PostalLetter",
    "Task",
    "Thread",
]
