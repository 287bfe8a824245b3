"""Cases across agencies, shaped after the ZGW standard (Catalogi and Zaken API).

ZGW concept -> model: bronorganisatie -> Agency, zaaktype -> CaseType,
statustype -> StatusType, zaak -> Case, rol -> Role, status -> StatusUpdate,
resultaat -> the result fields on Case. Writes that span models go through
`cases.services`; reads of a citizen's cases through `cases.selectors`.
"""

from __future__ import annotations

from datetime import date
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.actors import ActorKind
from identity.bsn import validate_bsn
from portal.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet  # noqa: F401

from .case_state import CaseState
from .status_groups import StatusGroup, suggested_group

_digits = RegexValidator(r"^\d+$", _("Alleen cijfers."))
_reference_prefix = RegexValidator(
    r"^[A-Z]{2,6}$", _("Gebruik 2 tot 6 hoofdletters, bijvoorbeeld ZTM.")
)
# A call-to-action goes to our own site ("/...") or to an https address.
_action_url = RegexValidator(
    r"^(/[^/\\]|https://)", _("Gebruik een pad dat begint met / of een https-adres.")
)


class Confidentiality(models.TextChoices):
    """ZGW vertrouwelijkheidaanduiding, from least to most confidential."""

    OPENBAAR = "openbaar", _("openbaar")
    BEPERKT_OPENBAAR = "beperkt_openbaar", _("beperkt openbaar")
    INTERN = "intern", _("intern")
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk", _("zaakvertrouwelijk")
    VERTROUWELIJK = "vertrouwelijk", _("vertrouwelijk")
    CONFIDENTIEEL = "confidentieel", _("confidentieel")
    GEHEIM = "geheim", _("geheim")
    ZEER_GEHEIM = "zeer_geheim", _("zeer geheim")

    @classmethod
    def up_to(cls, level: str) -> list[str]:
        """All levels at or below `level` (the order of the ZGW list)."""
        values = list(cls.values)
        return values[: values.index(level) + 1]

    @classmethod
    def citizen_visible(cls) -> list[str]:
        """Levels a citizen with a role may see. Cases are "zaakvertrouwelijk" by
        default (ZGW: confidential to those involved), so that is the default
        ceiling; operators can change it with CASES_CITIZEN_MAX_CONFIDENTIALITY."""
        return cls.up_to(
            getattr(settings, "CASES_CITIZEN_MAX_CONFIDENTIALITY", cls.ZAAKVERTROUWELIJK)
        )


class CaseSource(models.TextChoices):
    BACK_OFFICE = "back_office", _("backoffice")
    API = "api", _("koppeling")
    REQUEST = "request", _("aanvraag")
    # A bezwaar or klacht sent through the portal opens its own case (messaging).
    MESSAGE = "message", _("formeel bericht")


class RoleType(models.TextChoices):
    """ZGW roltype omschrijving generiek, the ones a citizen can have."""

    INITIATOR = "initiator", _("aanvrager")
    MEDE_INITIATOR = "mede_initiator", _("mede-aanvrager")
    BELANGHEBBENDE = "belanghebbende", _("belanghebbende")


class Agency(models.Model):
    """A government organisation whose cases the portal shows (bronorganisatie)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=50)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    # OIN: Organisatie-identificatienummer (20 digits, Logius); RSIN: 9 digits.
    oin = models.CharField(_("OIN"), max_length=20, blank=True, validators=[_digits])
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True, validators=[_digits])
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    reference_prefix = models.CharField(
        _("voorvoegsel zaaknummers"),
        max_length=6,
        blank=True,
        validators=[_reference_prefix],
        help_text=_("Zaaknummers worden bijvoorbeeld ZTM-2026-000123. Leeg: de code."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def case_reference_prefix(self) -> str:
        return self.reference_prefix or self.slug[:6].upper()


class CaseTypeQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class CaseType(models.Model):
    """Zaaktype: what kind of case, its legal processing term and its statuses."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="case_types", verbose_name=_("organisatie")
    )
    # ZGW zaaktype "identificatie": the agency's own code, stable across versions.
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("naam voor inwoners"), max_length=200)
    # English for citizens on /en/ (cases.translation); empty: the Dutch with a note.
    name_en = models.CharField(_("naam voor inwoners (Engels)"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    # ZGW doorlooptijd: the legal term; servicenorm: the (shorter) promise.
    processing_days = models.PositiveIntegerField(_("wettelijke termijn (dagen)"))
    service_norm_days = models.PositiveIntegerField(_("servicenorm (dagen)"), null=True, blank=True)
    confidentiality = models.CharField(
        _("standaard vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.ZAAKVERTROUWELIJK,
    )
    # The product that can be requested as this case type is linked from the
    # product's side (pages.ProductPage.case_type, reverse: product_pages).
    # Master switch; each StatusType says in which statuses uploads are open.
    citizen_uploads = models.BooleanField(_("inwoner mag documenten uploaden"), default=False)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    objects = CaseTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="casetype_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.short_name})"

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("De einddatum ligt voor de begindatum.")}, code="invalid_period"
            )


class StatusType(models.Model):
    """Statustype: one step of a case type, in order, with the citizen's wording."""

    case_type = models.ForeignKey(
        CaseType, on_delete=models.CASCADE, related_name="status_types", verbose_name=_("zaaktype")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    name = models.CharField(_("interne naam"), max_length=100)
    citizen_text = models.CharField(_("tekst voor de inwoner"), max_length=200)
    citizen_description = models.TextField(_("uitleg voor de inwoner"), blank=True)
    # English for citizens on /en/ (cases.translation); empty: the Dutch with a note.
    citizen_text_en = models.CharField(
        _("tekst voor de inwoner (Engels)"), max_length=200, blank=True
    )
    citizen_description_en = models.TextField(_("uitleg voor de inwoner (Engels)"), blank=True)
    notify_citizen = models.BooleanField(_("inwoner informeren"), default=True)
    is_final = models.BooleanField(_("eindstatus"), default=False)
    action_required = models.BooleanField(_("actie nodig van de inwoner"), default=False)
    action_label = models.CharField(_("knoptekst"), max_length=100, blank=True)
    action_label_en = models.CharField(_("knoptekst (Engels)"), max_length=100, blank=True)
    action_url = models.CharField(
        _("knoplink"), max_length=500, blank=True, validators=[_action_url]
    )
    # Steps that only sometimes happen (e.g. "more information needed") are not
    # shown as planned steps in the citizen's timeline.
    shown_in_advance = models.BooleanField(_("vooraf tonen als verwachte stap"), default=True)
    allows_citizen_upload = models.BooleanField(
        _("uploaden mogelijk in deze status"), default=False
    )
    # Awb 4:8 / 3:15: in this status a draft decision is open for views
    # (zienswijzen) during this many days after the status was set.
    views_term_days = models.PositiveSmallIntegerField(
        _("ontwerpbesluit: dagen voor zienswijzen"),
        null=True,
        blank=True,
        help_text=_("Leeg: in deze status kan de inwoner geen zienswijze geven."),
    )
    # MijnServices: the same few words for every agency (cases.status_groups).
    # Empty in a form means "suggest one" (filled in by save()).
    citizen_group = models.CharField(
        _("statusgroep voor de inwoner"),
        max_length=20,
        choices=StatusGroup.choices,
        blank=True,
        help_text=_(
            "Wat de inwoner in het overzicht ziet, bij elke organisatie hetzelfde. "
            "Leeg: gekozen op basis van de instellingen hierboven."
        ),
    )

    class Meta:
        verbose_name = _("statustype")
        verbose_name_plural = _("statustypen")
        ordering = ["case_type", "order"]
        constraints = [
            models.UniqueConstraint(fields=["case_type", "order"], name="statustype_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    def save(self, *args, **kwargs) -> None:
        if not self.citizen_group:
            self.citizen_group = suggested_group(self, first_order=1)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.action_label and not self.action_url:
            raise ValidationError(
                {"action_url": _("Een knop heeft een link nodig.")}, code="action_url_missing"
            )
        if self.is_final and self.action_required:
            raise ValidationError(
                {"action_required": _("Een eindstatus kan geen actie van de inwoner vragen.")},
                code="final_action",
            )


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> Self:
        return self.filter(closed_on__isnull=True)

    def closed(self) -> Self:
        return self.filter(closed_on__isnull=False)

    def overdue(self, today: date | None = None) -> Self:
        return self.open().filter(planned_end_on__lt=today or timezone.localdate())

    def action_required(self) -> Self:
        """Waiting for the citizen: an action is asked and not yet answered."""
        return self.open().filter(
            current_status__status_type__action_required=True,
            current_status__answered_at__isnull=True,
        )

    def with_unseen_citizen_documents(self) -> Self:
        return self.filter(citizen_documents_unseen_since__isnull=False)

    def for_bsn(self, bsn: str) -> Self:
        """Cases on which this BSN has a role (uses the role BSN index)."""
        return self.filter(pk__in=Role.objects.filter(bsn=bsn).values("case_id"))

    def for_subject(self, subject) -> Self:
        """Cases on which an acting context's subject (identity.acting.Subject)
        has a role: a person by BSN; a business by KvK number, and when the
        mandate is limited to one branch, only that branch's cases."""
        if subject.bsn:
            return self.for_bsn(subject.bsn)
        roles = Role.objects.filter(kvk=subject.kvk)
        if subject.branch:
            roles = roles.filter(branch=subject.branch)
        return self.filter(pk__in=roles.values("case_id"))


class Case(CaseState, models.Model):
    """Zaak: one matter of one citizen (or several) at one agency."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="cases", verbose_name=_("organisatie")
    )
    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="cases", verbose_name=_("zaaktype")
    )
    # ZGW zaak "identificatie": unique per bronorganisatie, human-readable, never the pk.
    reference = models.CharField(_("zaaknummer"), max_length=40)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    received_on = models.DateField(_("ontvangen op"))
    planned_end_on = models.DateField(_("uiterlijke einddatum"))
    closed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    result_code = models.CharField(_("resultaatcode"), max_length=50, blank=True)
    result_text = models.TextField(_("resultaat"), blank=True)
    confidentiality = models.CharField(
        _("vertrouwelijkheid"), max_length=20, choices=Confidentiality.choices
    )
    source = models.CharField(_("bron"), max_length=20, choices=CaseSource.choices)
    external_id = models.CharField(_("extern kenmerk"), max_length=100, blank=True)
    external_url = models.URLField(_("externe URL"), max_length=500, blank=True)
    # Denormalised by services.set_status in the same transaction, so the
    # overview needs no "latest status" subquery per case.
    current_status = models.ForeignKey(
        "StatusUpdate",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("huidige status"),
    )
    # The current status's type and moment, copied from `current_status` by the same
    # services.set_status call (docs/decisions/0052): the back office filters and
    # counts an agency's open cases by status without joining the status rows.
    # cases.status_consistency reports any case where they disagree with its
    # latest status row.
    current_status_type = models.ForeignKey(
        StatusType,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the partial index below covers the back office's filter
        verbose_name=_("huidig statustype"),
    )
    current_status_set_at = models.DateTimeField(
        _("huidige status gezet op"), null=True, blank=True, editable=False
    )
    last_changed_at = models.DateTimeField(_("laatst gewijzigd"), default=timezone.now)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    # Set by the first citizen upload the caseworkers have not looked at yet
    # (cases.services.record_document_added); cleared when a caseworker opens
    # the case screen. The dashboard count and the case list marker read it.
    citizen_documents_unseen_since = models.DateTimeField(
        _("nieuwe documenten van inwoner sinds"), null=True, blank=True, editable=False
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        ordering = ["-last_changed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reference"], name="case_unique_reference"),
            models.UniqueConstraint(
                fields=["agency", "external_id"],
                condition=~Q(external_id=""),
                name="case_unique_external_id",
            ),
            models.UniqueConstraint(
                fields=["agency", "external_url"],
                condition=~Q(external_url=""),
                name="case_unique_external_url",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "-last_changed_at"], name="case_agency_changed"),
            models.Index(fields=["planned_end_on"], name="case_planned_end"),
            # The back office's "open cases by deadline" (and "overdue"): most cases
            # are closed, and closed ones have the earliest deadlines, so without
            # this an agency's open page walked past ~800,000 closed cases at 1M.
            models.Index(
                fields=["agency", "planned_end_on"],
                condition=Q(closed_on__isnull=True),
                name="case_open_agency_deadline",
            ),
            # The back office's "open cases in status X by deadline" and its count
            # (bench/caseworker_list.py "filtered"): an index range per status type.
            models.Index(
                fields=["agency", "current_status_type", "planned_end_on"],
                condition=Q(closed_on__isnull=True),
                name="case_open_agency_status_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "cases:detail", kwargs={"agency": self.agency.slug, "reference": self.reference}
        )

    def clean(self) -> None:
        errors = {}
        if self.case_type_id and self.agency_id and self.case_type.agency_id != self.agency_id:
            errors["case_type"] = _("Dit zaaktype hoort bij een andere organisatie.")
        if self.received_on and self.planned_end_on and self.planned_end_on < self.received_on:
            errors["planned_end_on"] = _("De einddatum ligt voor de ontvangstdatum.")
        if self.received_on and self.closed_on and self.closed_on < self.received_on:
            errors["closed_on"] = _("De zaak kan niet zijn afgerond voor de ontvangstdatum.")
        if errors:
            raise ValidationError(errors)

    # is_closed, is_overdue and action_required: cases.case_state.CaseState.

    @property
    def action_answered(self) -> bool:
        """The citizen sent a document while the agency asked for action: the
        agency has it and is looking at it (no longer "Actie nodig van u")."""
        status = self.current_status
        return (
            not self.is_closed
            and status is not None
            and status.status_type.action_required
            and status.answered_at is not None
        )

    def citizen_may_upload(self) -> bool:
        """Whether a citizen may add documents now (documents issue uses this)."""
        status = self.current_status
        return (
            not self.is_closed
            and self.case_type.citizen_uploads
            and status is not None
            and status.status_type.allows_citizen_upload
        )


class Role(models.Model):
    """Rol: a person's or a business's part in a case; a citizen (or a business)
    sees a case because of a role. Like ZGW's Rol.betrokkeneIdentificatie, the
    betrokkene is a natural person (BSN: natuurlijk_persoon.inpBsn) or a
    non-natural person (KvK number, optionally one branch - vestigingsnummer -
    or the RSIN: niet_natuurlijk_persoon.innNnpId/kvkNummer)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="roles", verbose_name=_("zaak")
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    kvk = models.CharField(_("KvK-nummer"), max_length=8, blank=True, validators=[_digits])
    branch = models.CharField(
        _("vestigingsnummer"), max_length=12, blank=True, validators=[_digits]
    )
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True, validators=[_digits])
    role_type = models.CharField(
        _("rol"), max_length=20, choices=RoleType.choices, default=RoleType.INITIATOR
    )
    # ZGW Rol.authenticatieContext: how the role was established when someone
    # acted for the betrokkene (source, level of assurance, representee, mandate).
    authentication_context = models.JSONField(_("authenticatiecontext"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "bsn", "role_type"],
                condition=~models.Q(bsn=""),
                name="role_unique",
            ),
            models.UniqueConstraint(
                fields=["case", "kvk", "branch", "rsin", "role_type"],
                condition=models.Q(bsn=""),
                name="role_unique_non_natural_person",
            ),
            # Exactly one kind of betrokkene: a BSN, or a KvK number / RSIN;
            # a branch only with a KvK number.
            models.CheckConstraint(
                condition=(
                    (~models.Q(bsn="") & models.Q(kvk="", branch="", rsin=""))
                    | (models.Q(bsn="") & (~models.Q(kvk="") | ~models.Q(rsin="")))
                )
                & (models.Q(branch="") | ~models.Q(kvk="")),
                name="role_one_kind_of_betrokkene",
            ),
        ]
        # The overview's lookup: all cases of one BSN, or of one business.
        indexes = [
            models.Index(fields=["bsn", "case"], name="role_bsn_case"),
            models.Index(fields=["kvk", "case"], name="role_kvk_case"),
        ]

    def __str__(self) -> str:
        # Never the BSN: this string reaches admin screens and logs.
        return f"{self.get_role_type_display()} ({self.case.reference})"


class StatusUpdate(models.Model):
    """Status: a step reached by a case, with the explanation the citizen reads."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="status_updates", verbose_name=_("zaak")
    )
    status_type = models.ForeignKey(
        StatusType, on_delete=models.PROTECT, related_name="+", verbose_name=_("statustype")
    )
    set_at = models.DateTimeField(_("gezet op"), default=timezone.now)
    explanation = models.TextField(_("toelichting voor de inwoner"), blank=True)
    set_by_kind = models.CharField(_("gezet door"), max_length=20, choices=ActorKind.choices)
    set_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    # API client or system job identifier; never shown to citizens.
    set_by_reference = models.CharField(_("gezet door (kenmerk)"), max_length=200, blank=True)
    # For a status asking the citizen for action: when the citizen answered it
    # with an upload (cases.services.record_document_added). A new status
    # starts unanswered again.
    answered_at = models.DateTimeField(
        _("beantwoord door inwoner op"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statussen")
        ordering = ["set_at", "id"]
        indexes = [models.Index(fields=["case", "set_at"], name="statusupdate_case_time")]

    def __str__(self) -> str:
        return f"{self.status_type.citizen_text} ({self.set_at:%Y-%m-%d})"


class CaseEventKind(models.TextChoices):
    OPENED = "opened", _("zaak geopend")
    STATUS_SET = "status_set", _("status gezet")
    CLOSED = "closed", _("zaak afgerond")
    ROLE_ADDED = "role_added", _("rol toegevoegd")
    UPDATED = "updated", _("zaak gewijzigd")
    DOCUMENT_ADDED = "document_added", _("document toegevoegd")


class CaseEvent(AppendOnlyModel):
    """The case's audit trail: who changed what, when (docs/decisions/0006)."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="events", verbose_name=_("zaak")
    )
    kind = models.CharField(_("gebeurtenis"), max_length=20, choices=CaseEventKind.choices)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor_kind = models.CharField(_("soort gebruiker"), max_length=20, choices=ActorKind.choices)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_reference = models.CharField(_("kenmerk"), max_length=200, blank=True)
    # What changed, never a BSN (roles are identified by their id).
    detail = models.JSONField(_("details"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("zaakgebeurtenis")
        verbose_name_plural = _("zaakgebeurtenissen")
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["case", "occurred_at"], name="caseevent_case_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind}"


class CaseReferenceSequence(models.Model):
    """The last case number handed out per agency and year. Services lock the
    row (SELECT ... FOR UPDATE) so concurrent openings never share a number."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="casereference_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.slug} {self.year}: {self.last_number}"
