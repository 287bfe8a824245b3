"""Request and response bodies. Field names follow our models (English);
docs/api.md maps them to the ZGW Catalogi/Zaken field names.

Bounds here mirror the database columns, so a value the database would refuse
is a 400 with a field message instead of a 500.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, Field

from cases.models import Confidentiality, RoleType
from cases.status_groups import StatusGroup
from identity.bsn import is_valid_bsn

_EARLIEST = date(1900, 1, 1)
_LATEST = date(9000, 12, 31)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it as input instead of failing on save.
    if "\x00" in value:
        raise ValueError(_("NUL-tekens zijn niet toegestaan."))
    return value


def _bsn(value: str) -> str:
    if not is_valid_bsn(value):
        # Never echo the value: it may be a real BSN with a typo.
        raise ValueError(_("Dit is geen geldig burgerservicenummer (BSN)."))
    return value


def _kvk(value: str) -> str:
    if not (len(value) == 8 and value.isdigit()):
        raise ValueError(_("Een KvK-nummer bestaat uit 8 cijfers."))
    return value


def _branch(value: str) -> str:
    if not (len(value) == 12 and value.isdigit()):
        raise ValueError(_("Een vestigingsnummer bestaat uit 12 cijfers."))
    return value


def _rsin(value: str) -> str:
    # An RSIN is a 9-digit number with the same 11-test as the BSN.
    if not is_valid_bsn(value):
        raise ValueError(_("Dit is geen geldig RSIN."))
    return value


def _sane_date(value: date | None) -> date | None:
    if value is not None and not _EARLIEST <= value <= _LATEST:
        raise ValueError(_("Deze datum ligt buiten het toegestane bereik."))
    return value


def _not_future(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate() + timedelta(days=1):
        raise ValueError(_("Deze datum ligt in de toekomst."))
    return _sane_date(value)


def Text(max_length: int, min_length: int = 0):
    return Annotated[
        str, Field(max_length=max_length, min_length=min_length), AfterValidator(_no_nul)
    ]


Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
Bsn = Annotated[str, Field(min_length=9, max_length=9), AfterValidator(_bsn)]
Kvk = Annotated[str, Field(min_length=8, max_length=8), AfterValidator(_kvk)]
BranchNumber = Annotated[str, Field(min_length=12, max_length=12), AfterValidator(_branch)]
Rsin = Annotated[str, Field(min_length=9, max_length=9), AfterValidator(_rsin)]
SaneDate = Annotated[date, AfterValidator(_sane_date)]
PastDate = Annotated[date, AfterValidator(_not_future)]
Order = Annotated[int, Field(ge=1, le=32767)]
Days = Annotated[int, Field(ge=0, le=3650)]
ConfidentialityValue = Confidentiality
RoleValue = RoleType


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str = ""
    errors: list[FieldError] = []


class FieldError(Schema):
    field: str
    code: str
    message: str


Problem.model_rebuild()


# Zaaktypen and statustypen (ZGW Catalogi API)


class StatusTypeIn(Schema):
    order: Order = Field(description="ZGW statustype.volgnummer")
    name: Text(100, 1) = Field(description="ZGW statustype.omschrijving (internal)")
    citizen_text: Text(200, 1) = Field(description="ZGW statustype.statustekst")
    citizen_description: Text(2000) = ""
    notify_citizen: bool = Field(True, description="ZGW statustype.informeren")
    is_final: bool = False
    action_required: bool = False
    action_label: Text(100) = ""
    action_url: Text(500) = ""
    shown_in_advance: bool = True
    allows_citizen_upload: bool = False
    citizen_group: StatusGroup | Literal[""] = Field(
        "",
        description=(
            "MijnServices status group the citizen sees, the same at every agency; "
            "empty: suggested from the flags and texts"
        ),
    )


class StatusTypePatch(Schema):
    name: Text(100, 1) | None = None
    citizen_text: Text(200, 1) | None = None
    citizen_description: Text(2000) | None = None
    notify_citizen: bool | None = None
    is_final: bool | None = None
    action_required: bool | None = None
    action_label: Text(100) | None = None
    action_url: Text(500) | None = None
    shown_in_advance: bool | None = None
    allows_citizen_upload: bool | None = None
    citizen_group: StatusGroup | None = None


class StatusTypeOut(Schema):
    order: int
    name: str
    citizen_text: str
    citizen_description: str
    notify_citizen: bool
    is_final: bool
    action_required: bool
    action_label: str
    action_url: str
    shown_in_advance: bool
    allows_citizen_upload: bool
    citizen_group: str


class CaseTypeIn(Schema):
    code: Code = Field(description="ZGW zaaktype.identificatie")
    name: Text(200, 1) = Field(description="ZGW zaaktype.omschrijving")
    description: Text(5000) = ""
    processing_days: Days = Field(description="ZGW zaaktype.doorlooptijd, in days")
    service_norm_days: Days | None = Field(None, description="ZGW zaaktype.servicenorm")
    confidentiality: ConfidentialityValue = Confidentiality.ZAAKVERTROUWELIJK
    citizen_uploads: bool = False
    valid_from: SaneDate | None = Field(None, description="ZGW zaaktype.beginGeldigheid")
    valid_until: SaneDate | None = Field(None, description="ZGW zaaktype.eindeGeldigheid")
    status_types: list[StatusTypeIn] = Field([], max_length=50)


class CaseTypePatch(Schema):
    name: Text(200, 1) | None = None
    description: Text(5000) | None = None
    processing_days: Days | None = None
    service_norm_days: Days | None = None
    confidentiality: ConfidentialityValue | None = None
    citizen_uploads: bool | None = None
    valid_from: SaneDate | None = None
    valid_until: SaneDate | None = None


class CaseTypeOut(Schema):
    code: str
    name: str
    description: str
    processing_days: int
    service_norm_days: int | None
    confidentiality: str
    citizen_uploads: bool
    valid_from: date | None
    valid_until: date | None
    status_types: list[StatusTypeOut]


# Zaken, statussen, rollen (ZGW Zaken API)


class CaseIn(Schema):
    case_type: Code = Field(description="ZGW zaak.zaaktype: the code of one of your case types")
    bsn: Bsn | None = Field(
        None,
        description=(
            "ZGW rol.betrokkeneIdentificatie.inpBsn of the first role: a natural person. "
            "Give either `bsn` or `kvk` (optionally with `branch`) or `rsin`."
        ),
    )
    kvk: Kvk | None = Field(
        None, description="ZGW niet_natuurlijk_persoon kvkNummer: a business (8 digits)"
    )
    branch: BranchNumber | None = Field(
        None, description="ZGW vestigingsNummer: one branch of the business (12 digits)"
    )
    rsin: Rsin | None = Field(None, description="ZGW niet_natuurlijk_persoon innNnpId (RSIN)")
    role_type: RoleValue = Field(RoleType.INITIATOR, description="ZGW rol.omschrijvingGeneriek")
    title: Text(200) = Field("", description="ZGW zaak.omschrijving; empty: the case type name")
    description: Text(5000) = Field("", description="ZGW zaak.toelichting")
    received_on: PastDate | None = Field(None, description="ZGW zaak.registratiedatum")
    planned_end_on: SaneDate | None = Field(None, description="ZGW zaak.uiterlijkeEinddatum")
    reference: Annotated[str, Field(max_length=40, pattern=r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?$")] = (
        Field("", description="ZGW zaak.identificatie; empty: the portal numbers the case")
    )
    external_id: Text(100) = Field("", description="Your own id; a repeat returns the same case")
    external_url: Annotated[str, Field(max_length=500, pattern=r"^(https://\S+)?$")] = ""
    confidentiality: ConfidentialityValue | None = Field(
        None, description="ZGW zaak.vertrouwelijkheidaanduiding"
    )
    initial_status: bool = Field(True, description="Set the case type's first status")


class CasePatch(Schema):
    title: Text(200, 1) | None = None
    description: Text(5000) | None = None
    planned_end_on: SaneDate | None = None


class StatusIn(Schema):
    status_type: Order = Field(description="ZGW status.statustype: the volgnummer (order)")
    explanation: Text(5000) = Field("", description="ZGW status.statustoelichting")
    set_at: AwareDatetime | None = Field(None, description="ZGW status.datumStatusGezet")
    result_text: Text(5000) = Field("", description="Required for a final status")
    result_code: Text(50) = ""


class CloseIn(Schema):
    result_text: Text(5000, 1) = Field(description="ZGW resultaat.toelichting")
    result_code: Text(50) = Field("", description="ZGW resultaat.resultaattype (your code)")
    status_type: Order | None = Field(None, description="Final status; needed if several")
    explanation: Text(5000) = ""
    closed_at: AwareDatetime | None = None


class StatusOut(Schema):
    id: int
    status_type: int
    citizen_text: str
    explanation: str
    set_at: datetime


class CaseOut(Schema):
    reference: str
    case_type: str
    title: str
    description: str
    received_on: date
    planned_end_on: date
    closed_on: date | None
    result_code: str
    result_text: str
    confidentiality: str
    source: str
    external_id: str
    external_url: str
    current_status: StatusOut | None
    last_changed_at: datetime


class RoleIn(Schema):
    """A natural person (`bsn`) or a non-natural person (`kvk` with an
    optional `branch`, or `rsin`), like ZGW Rol.betrokkeneIdentificatie."""

    bsn: Bsn | None = None
    kvk: Kvk | None = None
    branch: BranchNumber | None = None
    rsin: Rsin | None = None
    role_type: RoleValue = RoleType.BELANGHEBBENDE


class RoleOut(Schema):
    id: int
    role_type: str
    created_at: datetime


class RoleWithBsnOut(RoleOut):
    """`betrokkene_type` is ZGW's betrokkeneType: natuurlijk_persoon (with
    `bsn`) or niet_natuurlijk_persoon (with `kvk`/`branch` or `rsin`)."""

    betrokkene_type: Literal["natuurlijk_persoon", "niet_natuurlijk_persoon"]
    bsn: str
    kvk: str
    branch: str
    rsin: str
