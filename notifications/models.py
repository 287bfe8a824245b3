"""The notification outbox and the e-mail texts editors maintain.

An outbox row is written in the transaction of the change (a status set, a
document added) and delivered by a task (notifications.delivery), so a
rolled-back change notifies nobody and a delivered row is never sent again.
"""

from __future__ import annotations

import uuid
from string import Template

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

# Awb 2:10 lid 2 (as amended by the Wmebv, from 1 January 2027): a notification
# states the kind of message, its legal effect, whether action is expected and
# by when. Every template an editor keeps must carry these four.
REQUIRED_FACTS = ("message_kind", "legal_effect", "action_expected", "deadline")
# No personal data beyond the first name: a notification points to the portal
# (DigiD's rule: nothing from the DigiD session is reused outside it).
PLACEHOLDERS = ("case_title", "agency", "link", "first_name", *REQUIRED_FACTS)
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]


class NotificationKind(models.TextChoices):
    STATUS_SET = "status_set", _("nieuwe status")
    DOCUMENT_ADDED = "document_added", _("nieuw document")
    MESSAGE = "message", _("nieuw bericht")
    TASK_REMINDER = "task_reminder", _("herinnering aan een taak")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("sms")


class DeliveryStatus(models.TextChoices):
    """What the provider says happened after it accepted the notification
    (GOV.UK Notify's statuses; an SMTP refusal is a permanent failure)."""

    UNKNOWN = "", _("onbekend")
    SENDING = "sending", _("wordt bezorgd")
    DELIVERED = "delivered", _("bezorgd")
    PERMANENT_FAILURE = "permanent-failure", _("niet bezorgd (blijvend)")
    TEMPORARY_FAILURE = "temporary-failure", _("niet bezorgd (tijdelijk)")
    TECHNICAL_FAILURE = "technical-failure", _("niet bezorgd (storing)")


class NotificationState(models.TextChoices):
    PENDING = "pending", _("wacht op verzending")
    SENDING = "sending", _("wordt verzonden")
    SENT = "sent", _("verzonden")
    UNDELIVERABLE = "undeliverable", _("niet te bezorgen")
    FAILED = "failed", _("mislukt na herhaalde pogingen")


class UndeliverableReason(models.TextChoices):
    NO_ADDRESS = "no_address", _("geen bevestigd e-mailadres")
    OPTED_OUT = "opted_out", _("inwoner wil geen e-mail")


class Notification(models.Model):
    """One e-mail to one citizen about one change (the outbox row)."""

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("zaak"),
    )
    # A case in an agency's own case system (the zgw app) has no row here: its
    # agency, title and page are kept on the notification instead.
    remote_agency = models.ForeignKey(
        "cases.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisatie (extern zaaksysteem)"),
    )
    remote_title = models.CharField(_("titel (extern zaaksysteem)"), max_length=200, blank=True)
    remote_path = models.CharField(_("pagina (extern zaaksysteem)"), max_length=300, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    # A notification of an agency's message (issue 18); a general message has no case.
    message = models.ForeignKey(
        "messaging.Message",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("bericht"),
    )
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    # The row this one was escalated from (the citizen's other channel).
    escalated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.CharField(_("dienst"), max_length=20, blank=True)
    # The provider's id of the last attempt (GOV.UK Notify: a UUID), for callbacks and polling.
    provider_reference = models.CharField(max_length=100, blank=True, db_index=True)
    delivery_status = models.CharField(
        _("bezorgstatus"), max_length=20, choices=DeliveryStatus.choices, blank=True
    )
    delivered_at = models.DateTimeField(_("bezorgd op"), null=True, blank=True)
    status_checked_at = models.DateTimeField(null=True, blank=True)
    # When the provider was last asked to send this row (for /readyz: is it failing?).
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    # Set once when a failure was escalated (other channel, then contact task).
    escalated_at = models.DateTimeField(_("geëscaleerd op"), null=True, blank=True)
    status_update = models.ForeignKey(
        "cases.StatusUpdate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("status"),
    )
    # One row per change and recipient: writing it twice is a no-op.
    dedupe_key = models.CharField(max_length=200, unique=True, editable=False)
    # The recipient; never shown in the admin (masked) nor logged.
    bsn = models.CharField(_("BSN"), max_length=9, editable=False)
    state = models.CharField(
        _("toestand"),
        max_length=20,
        choices=NotificationState.choices,
        default=NotificationState.PENDING,
    )
    undeliverable_reason = models.CharField(
        _("reden niet bezorgd"), max_length=20, choices=UndeliverableReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    # Pending: when to try (again). Sending: when the worker's claim lapses and the
    # sweeper may take the row over (notifications.delivery, the lease).
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    # The exception class of the last failure; never a message (it may hold an address).
    last_error = models.CharField(_("laatste fout"), max_length=200, blank=True)
    language = models.CharField(_("taal"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht aan inwoner")
        verbose_name_plural = _("berichten aan inwoners")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notification_due"),
        ]

    def __str__(self) -> str:
        about = (
            self.case.reference
            if self.case_id
            else (self.remote_title if self.remote_agency_id else str(self.message_id))
        )
        return f"{self.get_kind_display()} ({about}, {self.get_channel_display()})"


def check_template_text(subject: str | None, body: str | None) -> None:
    """Refuse a notification text with unknown placeholders or without the four
    facts of Awb 2:10 lid 2 (ValidationError with a translated message per field)."""
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        template = Template(text or "")
        unknown = set(template.get_identifiers()) - set(PLACEHOLDERS)
        if unknown or not template.is_valid():
            errors[field] = _(
                "Gebruik alleen $case_title, $agency, $link, $first_name, $message_kind, "
                "$legal_effect, $action_expected en $deadline."
            )
    if errors:
        raise ValidationError(errors, code="unknown_placeholder")
    used = set(Template(f"{subject or ''} {body or ''}").get_identifiers())
    missing = [name for name in REQUIRED_FACTS if name not in used]
    if missing:
        # Awb 2:10 lid 2: without these four facts the notification is not valid.
        raise ValidationError(
            {
                "body": _(
                    "De melding moet volgens Awb 2:10 lid 2 noemen: de soort bericht, het "
                    "rechtsgevolg, of actie wordt verwacht en de termijn. "
                    "Ontbreekt: %(missing)s."
                )
                % {"missing": ", ".join(f"${name}" for name in missing)}
            },
            code="missing_required_fact",
        )


class NotificationTemplate(index.Indexed, models.Model):
    """Subject and body of a notification e-mail in one language, kept by editors.

    Placeholders: $case_title, $agency and $link (the case page; login required).
    Nothing else about the citizen or the case goes into an e-mail.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    language = models.CharField(_("taal"), max_length=8, choices=LANGUAGES)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Verplicht (Awb 2:10 lid 2): $message_kind, $legal_effect, $action_expected en "
            "$deadline. Mag ook: $case_title, $agency, $link en $first_name; andere gegevens "
            "komen er niet in."
        ),
    )

    panels = [FieldPanel("kind"), FieldPanel("language"), FieldPanel("subject"), FieldPanel("body")]
    search_fields = [index.SearchField("subject"), index.SearchField("body")]

    class Meta:
        verbose_name = _("e-mailtekst")
        verbose_name_plural = _("e-mailteksten")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"], name="notificationtemplate_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"

    def clean(self) -> None:
        check_template_text(self.subject, self.body)


class AgencyNotificationTemplate(models.Model):
    """An agency's own text for one kind of notification in one language,
    kept by that agency's administrators (backoffice/notification_templates.py).
    Used instead of the global NotificationTemplate for that agency's
    notifications (notifications.texts). Same placeholders and the same Awb 2:10
    lid 2 check; every change is recorded in NotificationTemplateChange."""

    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    language = models.CharField(_("taal"), max_length=8, choices=LANGUAGES)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Verplicht (Awb 2:10 lid 2): $message_kind, $legal_effect, $action_expected en "
            "$deadline. Mag ook: $case_title, $agency, $link en $first_name; andere gegevens "
            "komen er niet in."
        ),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meldingstekst van een organisatie")
        verbose_name_plural = _("meldingsteksten van organisaties")
        ordering = ["agency__name", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "language"], name="agencynotificationtemplate_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"

    def clean(self) -> None:
        check_template_text(self.subject, self.body)


class NotificationTemplateChange(models.Model):
    """Append-only record of a change to an agency's notification text: who,
    when, and the text before and after (never edited, never deleted)."""

    template = models.ForeignKey(
        AgencyNotificationTemplate, on_delete=models.PROTECT, related_name="changes"
    )
    agency = models.ForeignKey(
        "cases.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    # The name as it was then, kept if the account is removed later.
    changed_by_name = models.CharField(_("gewijzigd door"), max_length=200)
    old = models.JSONField(_("oud"), null=True)
    new = models.JSONField(_("nieuw"))

    class Meta:
        verbose_name = _("wijziging meldingstekst")
        verbose_name_plural = _("wijzigingen meldingsteksten")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.template} {self.changed_at:%Y-%m-%d %H:%M}"

    @property
    def changed_fields(self) -> list[str]:
        old = self.old or {}
        return [name for name in ("subject", "body") if old.get(name) != self.new.get(name)]


class ContactRestoreReason(models.TextChoices):
    FAILED = "failed", _("melding op geen enkel kanaal bezorgd")
    UNREAD = "unread", _("formeel bericht niet gelezen")
    NO_CHANNEL = "no_channel", _("geen kanaal om de inwoner te bereiken")


class ContactRestoreTask(models.Model):
    """ "Contact herstellen": the agency must reach the citizen another way
    (Awb 2:10 as amended by the Wmebv: try to restore contact when notifying keeps
    failing). One per message (or per case notification) and citizen."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        "cases.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_restore_tasks",
        verbose_name=_("zaak"),
    )
    message = models.ForeignKey(
        "messaging.Message",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bericht"),
    )
    # "message:<pk>:<bsn>" or "notification:<pk>": escalating twice is a no-op.
    dedupe_key = models.CharField(max_length=200, unique=True, editable=False)
    citizen_bsn = models.CharField(_("BSN"), max_length=9, editable=False)
    reason = models.CharField(_("reden"), max_length=20, choices=ContactRestoreReason.choices)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    resolved_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact herstellen")
        verbose_name_plural = _("contact herstellen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('Contact herstellen')} ({self.get_reason_display()})"


class AgencyNotificationSettings(models.Model):
    """Per agency: after how many working days an unread formal message is escalated."""

    agency = models.OneToOneField(
        "cases.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie")
    )
    unread_working_days = models.PositiveSmallIntegerField(
        _("ongelezen na werkdagen"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Na zoveel werkdagen zonder openen wordt een formeel bericht geëscaleerd."),
    )

    class Meta:
        verbose_name = _("instellingen meldingen")
        verbose_name_plural = _("instellingen meldingen")

    def __str__(self) -> str:
        return str(self.agency)


class MobileNumber(models.Model):
    """A citizen's mobile number for SMS notifications, used only once confirmed
    with a code sent to it (the same pattern as the e-mail confirmation)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mobile_number"
    )
    number = models.CharField(_("mobiel nummer"), max_length=20, blank=True)
    verified_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    pending_number = models.CharField(max_length=20, blank=True)
    # A salted hash of the code, never the code itself.
    code_hash = models.CharField(max_length=128, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    codes_sent_today = models.PositiveSmallIntegerField(default=0)
    wrong_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mobiel nummer")
        verbose_name_plural = _("mobiele nummers")

    def __str__(self) -> str:
        return str(_("mobiel nummer"))
