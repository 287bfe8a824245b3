"""Documents on cases (private storage) and the decision templates editors maintain.

Writes go through `documents.services`; citizens' reads through `documents.selectors`.
A document is addressed from outside only by its random `public_id`, never its pk.
"""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseType, Confidentiality
from identity.actors import ActorKind
from portal.storage import private_storage


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("besluit")
    RECEIPT = "receipt", _("ontvangstbevestiging")
    UPLOAD = "upload", _("door u gestuurd")
    AGENCY = "agency", _("van de organisatie")


# Download names are ASCII and predictable (Content-Disposition), in Dutch like the site.
DOWNLOAD_PREFIXES = {
    DocumentKind.DECISION: "besluit",
    DocumentKind.RECEIPT: "ontvangstbevestiging",
    DocumentKind.UPLOAD: "upload",
    DocumentKind.AGENCY: "document",
}


def document_file_name(instance: Document, filename: str) -> str:
    """Generated, never the uploader's name: documents/2026/11/<public id>.<ext>."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not re.fullmatch(r"[a-z0-9]{1,5}", extension):
        extension = "bin"
    return f"documents/{timezone.now():%Y/%m}/{instance.public_id}.{extension}"


class Document(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("zaak")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=document_file_name, max_length=255
    )
    original_filename = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=120)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    confidentiality = models.CharField(
        _("vertrouwelijkheid"), max_length=20, choices=Confidentiality.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_by_kind = models.CharField(
        _("aangemaakt door (soort)"), max_length=20, choices=ActorKind.choices
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    decision_date = models.DateField(_("besluitdatum"), null=True, blank=True)
    objection_deadline = models.DateField(_("uiterste datum bezwaar"), null=True, blank=True)
    # Retries of a render task or a request submission carry the same key: one document.
    idempotency_key = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="document_unique_idempotency_key",
            ),
        ]
        indexes = [models.Index(fields=["case", "-created_at"], name="document_case_time")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:download", kwargs={"public_id": self.public_id})

    @property
    def kind_label(self) -> str:
        """The kind in words ("Besluit"), as get_kind_display|capfirst, without
        building the choices' dictionary on every call (issue 21)."""
        label = DocumentKind(self.kind).label if self.kind in DocumentKind.values else self.kind
        return capfirst(str(label))

    @property
    def is_decision(self) -> bool:
        return self.kind == DocumentKind.DECISION

    @property
    def shown_date(self):
        """A decision is dated by its decision date, everything else by its arrival."""
        if self.is_decision and self.decision_date:
            return self.decision_date
        return timezone.localdate(self.created_at)

    @property
    def objection_term_passed(self) -> bool:
        return bool(
            self.is_decision
            and self.objection_deadline
            and self.objection_deadline < timezone.localdate()
        )

    @property
    def download_name(self) -> str:
        """A safe generated name for Content-Disposition: kind, case, date, type."""
        extension = self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"
        reference = re.sub(r"[^A-Za-z0-9-]", "", self.case.reference)[:40]
        prefix = DOWNLOAD_PREFIXES.get(self.kind, "document")
        return f"{prefix}-{reference}-{self.created_at:%Y%m%d}.{extension}"

    def clean(self) -> None:
        if self.kind == DocumentKind.DECISION and not self.decision_date:
            raise ValidationError(
                {"decision_date": _("Een besluit heeft een besluitdatum.")},
                code="decision_date_missing",
            )
        if (
            self.decision_date
            and self.objection_deadline
            and self.objection_deadline < self.decision_date
        ):
            raise ValidationError(
                {"objection_deadline": _("De bezwaartermijn eindigt voor de besluitdatum.")},
                code="objection_before_decision",
            )


# The placeholders editors may use in decision templates, with what they stand for.
PLACEHOLDERS = {
    "aanhef": _("aanhef, bijvoorbeeld “Geachte mevrouw Moulin” (uit de basisregistratie)"),
    "naam": _("naam van de inwoner, bijvoorbeeld “S.M. Moulin”"),
    "adres": _("adres van de inwoner"),
    "zaaknummer": _("zaaknummer"),
    "zaak": _("titel van de zaak"),
    "organisatie": _("naam van de organisatie"),
    "besluittekst": _("de tekst van het besluit (door de medewerker geschreven)"),
    "besluitdatum": _("datum van het besluit"),
    "bezwaartermijn": _("uiterste datum voor bezwaar"),
}
PLACEHOLDER_PATTERN = re.compile(r"\{([a-z_]+)\}")


def validate_placeholders(text: str) -> None:
    unknown = sorted(set(PLACEHOLDER_PATTERN.findall(text)) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Onbekende invulvelden: %(unknown)s. Toegestaan zijn: %(allowed)s."),
            code="unknown_placeholder",
            params={
                "unknown": ", ".join("{" + name + "}" for name in unknown),
                "allowed": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            },
        )


class DecisionTemplate(models.Model):
    """A decision letter per case type. Plain text with {placeholders}; no markup,
    no template code: the text is filled in and escaped by documents.letters."""

    case_type = models.ForeignKey(
        CaseType,
        on_delete=models.CASCADE,
        related_name="decision_templates",
        verbose_name=_("zaaktype"),
    )
    name = models.CharField(_("naam"), max_length=200)
    letterhead = models.TextField(
        _("briefhoofd"), blank=True, help_text=_("Adres en contactgegevens van de organisatie.")
    )
    salutation = models.CharField(_("aanhef"), max_length=200, default="{aanhef},")
    body = models.TextField(
        _("brieftekst"),
        default="{besluittekst}",
        help_text=_("Gebruik {besluittekst} voor de tekst die de medewerker schrijft."),
        validators=[validate_placeholders],
    )
    signature = models.TextField(_("ondertekening"), default="Met vriendelijke groet,\n\n")
    objection = models.TextField(
        _("bezwaarparagraaf"),
        blank=True,
        default=(
            "U kunt binnen zes weken na de datum van dit besluit bezwaar maken, uiterlijk "
            "op {bezwaartermijn}. Noem daarbij het zaaknummer {zaaknummer}."
        ),
        validators=[validate_placeholders],
    )
    # Awb 3:45: a decision open to objection says so, within which term, and to
    # whom and how the objection is sent. Required: no template without it.
    objection_instructions = models.TextField(
        _("bezwaar indienen bij"),
        help_text=_(
            "Bij wie, op welk adres en hoe de inwoner bezwaar maakt, bijvoorbeeld "
            "“Stuur uw bezwaarschrift naar het college van burgemeester en wethouders, "
            "Postbus 15, 2700 AA Zoetermeer, of maak online bezwaar via …”."
        ),
        validators=[validate_placeholders],
    )
    # Awb 6:7/6:8: six weeks, starting the day after the decision was sent.
    objection_weeks = models.PositiveSmallIntegerField(_("bezwaartermijn (weken)"), default=6)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("besluitsjabloon")
        verbose_name_plural = _("besluitsjablonen")
        ordering = ["case_type", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for field in ("letterhead", "salutation", "signature"):
            try:
                validate_placeholders(getattr(self, field))
            except ValidationError as exc:
                errors[field] = exc
        # Empty is refused by the field itself (blank=False); whitespace here.
        if self.objection_instructions and not self.objection_instructions.strip():
            errors["objection_instructions"] = ValidationError(
                _("Vul in bij wie en hoe de inwoner bezwaar maakt (Awb 3:45)."),
                code="objection_instructions_missing",
            )
        if errors:
            raise ValidationError(errors)


class DecisionRequestStatus(models.TextChoices):
    PENDING = "pending", _("wordt gemaakt")
    DONE = "done", _("klaar")


class DecisionRequest(models.Model):
    """What a caseworker confirmed; the render task turns it into one Document."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("zaak")
    )
    template = models.ForeignKey(
        DecisionTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("sjabloon")
    )
    decision_text = models.TextField(_("besluittekst"))
    outcome = models.CharField(_("uitkomst"), max_length=200)
    decision_date = models.DateField(_("besluitdatum"))
    objection_deadline = models.DateField(_("uiterste datum bezwaar"))
    # Filled by documents.services.create_decision from the person registry (the
    # case's initiator), never by the caller; kept so the render task needs no lookup.
    recipient_salutation = models.CharField(_("aanhef"), max_length=200, blank=True)
    recipient_name = models.CharField(_("naam inwoner"), max_length=200, blank=True)
    recipient_address = models.TextField(_("adres inwoner"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=DecisionRequestStatus.choices, default=DecisionRequestStatus.PENDING
    )
    document = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("besluitopdracht")
        verbose_name_plural = _("besluitopdrachten")

    def __str__(self) -> str:
        return f"{self.case.reference} {self.outcome}"

    @property
    def idempotency_key(self) -> str:
        return f"decision:{self.pk}"
