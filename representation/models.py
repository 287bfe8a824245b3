"""Registered representatives: who may act for whom by law or by authorisation.

A municipality's caseworker records that one person (the representative) may
act for another (the represented person) in Open Loket:

- bewindvoerder: onderbewindstelling by the kantonrechter, Burgerlijk Wetboek
  1:431 (the representative manages the represented person's property and money);
- curator: curatele, BW 1:378 (the represented person is legally incapable,
  BW 1:381);
- mentor: mentorschap, BW 1:450 (care and well-being, not property);
- gemachtigde aan de balie: the represented person authorised someone in person
  at the municipality's counter (Awb 2:1 lid 2: one may be represented by a
  gemachtigde).

The scope is every agency, or listed agencies, or listed case types (never both
lists: `identity.acting.ActingContext.allows` requires both sets to match, so
a mixed scope would mean something other than what the caseworker sees). A
representation is never deleted: it ends on its end date. Every change is
written to an append-only history (`RepresentationChange`).
"""

from __future__ import annotations

import re
import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.bsn import validate_bsn
from identity.loa import LABELS, LevelOfAssurance
from portal.append_only import AppendOnlyModel, AppendOnlyQuerySet
from portal.storage import private_storage


class RepresentationKind(models.TextChoices):
    BEWINDVOERDER = "bewindvoerder", _("bewindvoerder")
    CURATOR = "curator", _("curator")
    MENTOR = "mentor", _("mentor")
    AUTHORISED = "gemachtigde", _("gemachtigde (aan de balie)")


# The article of the Burgerlijk Wetboek each kind rests on (none for the counter).
LEGAL_BASIS = {
    RepresentationKind.BEWINDVOERDER: "BW 1:431",
    RepresentationKind.CURATOR: "BW 1:378",
    RepresentationKind.MENTOR: "BW 1:450",
    RepresentationKind.AUTHORISED: "Awb 2:1",
}


class RepresentationQuerySet(models.QuerySet):
    def current(self, today: date | None = None):
        """Started on or before today and not ended before today."""
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)


def evidence_file_name(instance: Representation, filename: str) -> str:
    """Generated, never the uploader's name: representations/2026/12/<public id>.<ext>."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not re.fullmatch(r"[a-z0-9]{1,5}", extension):
        extension = "bin"
    return f"representations/{timezone.now():%Y/%m}/{instance.public_id}.{extension}"


class Representation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The municipality that keeps this record (and whose caseworkers maintain it).
    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.PROTECT,
        related_name="representations_kept",
        verbose_name=_("beherende gemeente"),
    )
    representative_bsn = models.CharField(
        _("BSN van de vertegenwoordiger"), max_length=9, validators=[validate_bsn], db_index=True
    )
    represented_bsn = models.CharField(
        _("BSN van de vertegenwoordigde"), max_length=9, validators=[validate_bsn], db_index=True
    )
    kind = models.CharField(_("soort"), max_length=20, choices=RepresentationKind.choices)
    agencies = models.ManyToManyField(
        "cases.Agency",
        blank=True,
        related_name="+",
        verbose_name=_("alleen bij deze organisaties"),
    )
    case_types = models.ManyToManyField(
        "cases.CaseType",
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor deze zaaktypen"),
    )
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    # A court order can say the represented person is not to be told (e.g. a
    # mentor appointed to protect them); then Mijn gegevens does not show it.
    hidden_from_represented = models.BooleanField(
        _("verborgen voor de vertegenwoordigde"),
        default=False,
        help_text=_("Alleen als de beschikking van de rechter dat bepaalt."),
    )
    # The evidence (court order, signed authorisation) in private storage,
    # received through documents.receiving like every upload.
    evidence = models.FileField(
        _("bewijsstuk"),
        storage=private_storage,
        upload_to=evidence_file_name,
        max_length=255,
        blank=True,
    )
    evidence_filename = models.CharField(
        _("oorspronkelijke bestandsnaam"), max_length=200, blank=True
    )
    evidence_content_type = models.CharField(max_length=120, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        verbose_name = _("vertegenwoordiging")
        verbose_name_plural = _("vertegenwoordigingen")
        ordering = ["-starts_on", "-id"]
        permissions = [("manage_representations", _("Vertegenwoordigingen beheren"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(representative_bsn=models.F("represented_bsn")),
                name="representation_not_oneself",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="representation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.public_id})"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.representative_bsn and self.representative_bsn == self.represented_bsn:
            errors.setdefault("representative_bsn", []).append(
                ValidationError(
                    _("Iemand kan niet zijn eigen vertegenwoordiger zijn."), code="oneself"
                )
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors.setdefault("ends_on", []).append(
                ValidationError(
                    _("De einddatum mag niet vóór de begindatum liggen."), code="ends_before_start"
                )
            )
        if errors:
            raise ValidationError(errors)

    @property
    def legal_basis(self) -> str:
        return LEGAL_BASIS.get(RepresentationKind(self.kind), "")

    def is_current(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    # documents.downloads.attachment_response reads these three.
    @property
    def file(self):
        return self.evidence

    @property
    def download_name(self) -> str:
        return self.evidence_filename or f"bewijsstuk-{self.public_id}"

    @property
    def content_type(self) -> str:
        return self.evidence_content_type or "application/octet-stream"


class ChangeAction(models.TextChoices):
    CREATED = "created", _("vastgelegd")
    CHANGED = "changed", _("gewijzigd")
    ENDED = "ended", _("beëindigd")
    EVIDENCE = "evidence", _("bewijsstuk toegevoegd")


class RepresentationChange(AppendOnlyModel):
    """One change of a representation: who, when, what (old and new values; a
    BSN only masked). Append-only (portal/append_only.py)."""

    representation = models.ForeignKey(
        Representation, on_delete=models.PROTECT, related_name="changes"
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=20, choices=ChangeAction.choices)
    # {field verbose name: [old, new]} as text.
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijziging van een vertegenwoordiging")
        verbose_name_plural = _("wijzigingen van vertegenwoordigingen")
        ordering = ["-at", "-id"]


LEVEL_CHOICES = [(level.value, LABELS[level]) for level in LevelOfAssurance]


class MandateService(models.Model):
    """The register of mandate services (decision 0050): what a DigiD Machtigen
    or eHerkenning mandate for a service opens in Open Loket.

    A broker names the service a mandate was given for by the id the agency
    registered it under at the authorisation service: an eHerkenning
    dienstcatalogus URN ("urn:etoegang:DV:<OIN>:services:<n>") or a DigiD
    Machtigen dienst id. That id names no case type; this row does. A mandate
    for a service not in this register opens nothing, and a mandate given at a
    lower level than `minimum_level` does not open this service (Wet digitale
    overheid art. 5: the level of assurance the service requires).
    """

    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.PROTECT,
        related_name="mandate_services",
        verbose_name=_("organisatie"),
    )
    # Unique over all agencies: the broker's claim names the service, not the
    # agency, so one id can mean one thing only.
    service_id = models.CharField(
        _("dienst-id bij de makelaar"),
        max_length=255,
        unique=True,
        help_text=_(
            "Precies zoals de makelaar het stuurt, bijvoorbeeld "
            "urn:etoegang:DV:00000001001918000000:services:1."
        ),
    )
    name = models.CharField(_("naam van de dienst"), max_length=200)
    case_types = models.ManyToManyField(
        "cases.CaseType",
        blank=True,
        related_name="mandate_services",
        verbose_name=_("opent deze zaaktypen"),
    )
    products = models.ManyToManyField(
        "pages.ProductPage",
        blank=True,
        related_name="mandate_services",
        verbose_name=_("mag deze producten aanvragen"),
    )
    minimum_level = models.PositiveSmallIntegerField(
        _("minimaal betrouwbaarheidsniveau"),
        choices=LEVEL_CHOICES,
        default=LevelOfAssurance.SUBSTANTIEEL.value,
        help_text=_("Een machtiging op een lager niveau opent deze dienst niet."),
    )

    class Meta:
        verbose_name = _("dienst voor machtigingen")
        verbose_name_plural = _("diensten voor machtigingen")
        ordering = ["agency__name", "name"]

    def __str__(self) -> str:
        return self.name
