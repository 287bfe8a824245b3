"""The notification outbox and the e-mail texts editors maintain.

An outbox row is written in the transaction of the change (a status set, a
document added) and delivered by a task (notifications.delivery), so a
rolled-back change notifies nobody and a delivered row is never sent again.
"""

from __future__ import annotations

from string import Template

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

PLACEHOLDERS = ("case_title", "agency", "link")


class NotificationKind(models.TextChoices):
    STATUS_SET = "status_set", _("nieuwe status")
    DOCUMENT_ADDED = "document_added", _("nieuw document")
    TASK_REMINDER = "task_reminder", _("herinnering aan een taak")


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
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("zaak"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
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
        return f"{self.get_kind_display()} ({self.case.reference})"


class NotificationTemplate(index.Indexed, models.Model):
    """Subject and body of a notification e-mail in one language, kept by editors.

    Placeholders: $case_title, $agency and $link (the case page; login required).
    Nothing else about the citizen or the case goes into an e-mail.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    language = models.CharField(
        _("taal"), max_length=8, choices=[("nl", "Nederlands"), ("en", "English")]
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_("Gebruik $case_title, $agency en $link; andere gegevens komen er niet in."),
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
        errors = {}
        for field in ("subject", "body"):
            template = Template(getattr(self, field) or "")
            unknown = set(template.get_identifiers()) - set(PLACEHOLDERS)
            if unknown or not template.is_valid():
                errors[field] = _("Gebruik alleen $case_title, $agency en $link.")
        if errors:
            raise ValidationError(errors, code="unknown_placeholder")
