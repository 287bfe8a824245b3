"""Per agency: where its cases live. "Open Loket" (the local case store) or a
ZGW API set (Zaken, Catalogi, Documenten, Besluiten) with the agency's client
credentials. Several agencies may point at one Open Zaak; the RSIN
(bronorganisatie) tells their cases apart."""

from __future__ import annotations

import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Agency, Confidentiality

_digits = RegexValidator(r"^\d{9}$", _("Een RSIN bestaat uit 9 cijfers."))


class SourceKind(models.TextChoices):
    OPEN_LOKET = "open_loket", _("Open Loket (zaken in de portal)")
    ZGW = "zgw", _("Zaaksysteem met ZGW API's")


class CaseSystem(models.Model):
    agency = models.OneToOneField(
        Agency,
        on_delete=models.CASCADE,
        related_name="case_system",
        verbose_name=_("organisatie"),
    )
    kind = models.CharField(
        _("bron van de zaken"), max_length=20, choices=SourceKind.choices, default=SourceKind.ZGW
    )
    zaken_url = models.URLField(_("Zaken API (root-URL)"), max_length=300, blank=True)
    catalogi_url = models.URLField(_("Catalogi API (root-URL)"), max_length=300, blank=True)
    documenten_url = models.URLField(_("Documenten API (root-URL)"), max_length=300, blank=True)
    besluiten_url = models.URLField(_("Besluiten API (root-URL)"), max_length=300, blank=True)
    client_id = models.CharField(_("client-ID"), max_length=100, blank=True)
    # The ZGW JWT secret (HS256). Write-only in the admin (zgw/admin_forms.py):
    # never shown again after saving, never logged.
    secret = models.CharField(_("secret"), max_length=200, blank=True)
    rsin = models.CharField(_("RSIN (bronorganisatie)"), max_length=9, validators=[_digits])
    max_confidentiality = models.CharField(
        _("hoogste vertrouwelijkheid voor inwoners"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.ZAAKVERTROUWELIJK,
        help_text=_("Documenten met een hogere vertrouwelijkheidaanduiding ziet de inwoner niet."),
    )
    # Uploads by citizens go to the Documenten API with this informatieobjecttype
    # (Catalogi API URL); empty: citizens cannot send documents on these zaken.
    upload_informatieobjecttype = models.URLField(
        _("informatieobjecttype voor documenten van inwoners"),
        max_length=500,
        blank=True,
        help_text=_("Leeg: inwoners kunnen bij deze zaken geen documenten sturen."),
    )
    # Open Zaak >= 1.28 records when the citizen last opened the zaak
    # (`laatstGeopend`); it needs the scope zaken.bijwerken, so it is opt-in.
    sets_last_opened = models.BooleanField(
        _("laatst geopend bijwerken"),
        default=False,
        help_text=_(
            "Zet laatstGeopend op de zaak als de inwoner hem opent (Open Zaak 1.28 en later)."
        ),
    )
    # The Notificaties API sends this back in the Authorization header of every
    # callback (Notificaties API 1.0, Abonnement.auth): set it in the abonnement.
    notification_token = models.CharField(
        _("token voor notificaties"), max_length=100, default="", editable=False
    )

    class Meta:
        verbose_name = _("zaaksysteem")
        verbose_name_plural = _("zaaksystemen")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if not self.notification_token:
            self.notification_token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def is_zgw(self) -> bool:
        return self.kind == SourceKind.ZGW


class StatusTypeText(models.Model):
    """The citizen's text for a ZGW statustype, kept in our back office like our
    own status types; without one the statustype's `omschrijving` is shown."""

    case_system = models.ForeignKey(
        CaseSystem, on_delete=models.CASCADE, related_name="status_texts"
    )
    statustype_url = models.URLField(_("statustype (URL)"), max_length=500)
    citizen_text = models.CharField(_("tekst voor de inwoner"), max_length=200)
    citizen_text_en = models.CharField(
        _("tekst voor de inwoner (Engels)"), max_length=200, blank=True
    )
    citizen_description = models.TextField(_("uitleg voor de inwoner"), blank=True)
    citizen_description_en = models.TextField(_("uitleg voor de inwoner (Engels)"), blank=True)

    class Meta:
        verbose_name = _("statustekst (ZGW)")
        verbose_name_plural = _("statusteksten (ZGW)")
        constraints = [
            models.UniqueConstraint(
                fields=["case_system", "statustype_url"], name="zgw_status_text_once"
            )
        ]

    def __str__(self) -> str:
        return self.citizen_text
