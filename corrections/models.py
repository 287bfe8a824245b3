"""The structured part of a correction request; the case carries the process."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectableField(models.TextChoices):
    """Registry data a citizen may ask to correct (what Mijn gegevens shows)."""

    NAME = "name", _("naam")
    DATE_OF_BIRTH = "date_of_birth", _("geboortedatum")
    NATIONALITY = "nationality", _("nationaliteit")
    ADDRESS = "address", _("adres")


class CorrectionOutcome(models.TextChoices):
    PENDING = "pending", _("in behandeling")
    # The local registry was updated when the case was closed as corrected.
    APPLIED = "applied", _("verwerkt in de lokale registratie")
    # Haal Centraal: the municipality corrects the BRP itself, the portal writes nothing.
    CORRECTED_IN_BRP = "corrected_in_brp", _("door de gemeente gecorrigeerd in de BRP")
    REJECTED = "rejected", _("afgewezen")


class CorrectionRequest(models.Model):
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="correction_request",
        verbose_name=_("zaak"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    # From the form (one per form shown): a second submit of the same form
    # finds the first request instead of opening a second case.
    idempotency_key = models.CharField(_("idempotentiesleutel"), max_length=64)
    field = models.CharField(_("gegeven"), max_length=20, choices=CorrectableField.choices)
    # Structured, so a granted request can be applied: {"nationality": "..."},
    # {"street": ..., "house_number": 12, ...}, {"date_of_birth": "YYYY-MM-DD"}.
    requested_value = models.JSONField(_("gevraagde waarde"), default=dict)
    # What the registry said when the request was made ({} when it could not answer).
    old_value = models.JSONField(_("oude waarde"), default=dict, blank=True)
    explanation = models.TextField(_("toelichting"))
    # Optional evidence (a rental contract for an address): a document of the
    # case, stored in the transaction that opens it.
    evidence = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bewijsstuk"),
    )
    outcome = models.CharField(
        _("uitkomst"),
        max_length=20,
        choices=CorrectionOutcome.choices,
        default=CorrectionOutcome.PENDING,
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    applied_at = models.DateTimeField(_("verwerkt in registratie op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"], name="correction_unique_idempotency_key"
            ),
        ]

    def __str__(self) -> str:
        # Never the values or the BSN: this string reaches admin screens and logs.
        return f"{self.get_field_display()} ({self.case.reference})"

    @property
    def requested_display(self) -> str:
        from .values import display_value

        return display_value(self.field, self.requested_value)

    @property
    def old_display(self) -> str:
        from .values import display_value

        return display_value(self.field, self.old_value)
