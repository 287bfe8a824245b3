"""Zaken, statussen, resultaat and rollen (ZGW Zaken API) through the same
services the back office uses (cases.services), so an API change is audited
(CaseEvent with the client's reference, access log with the agency's name)
and notifies the citizen exactly like a caseworker's change.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router

from cases import services
from cases.models import Case, CaseSource, CaseType, Role, StatusType, StatusUpdate
from identity.access_log import AccessAction, log_case_access

from .auth import caller
from .catalogue import ERRORS, POST_ERRORS
from .idempotency import HEADER, run_idempotent
from .problems import ApiProblem
from .schemas import (
    CaseIn,
    CaseOut,
    CasePatch,
    CloseIn,
    RoleIn,
    RoleOut,
    RoleWithBsnOut,
    StatusIn,
    StatusOut,
)

router = Router(tags=["zaken"])
_REFERENCE = re.compile(r"^[A-Za-z0-9][-A-Za-z0-9_.]{0,39}$")


def own_case(request: HttpRequest, reference: str, *, lock: bool = False) -> Case:
    """The caller's agency's case by reference; another agency's is "not found"."""
    case = None
    if _REFERENCE.match(reference):
        cases = Case.objects.select_related("agency", "case_type", "current_status__status_type")
        if lock:
            cases = cases.select_for_update(of=("self",))
        case = cases.filter(agency=caller(request).agency, reference=reference).first()
    if case is None:
        raise ApiProblem(404, _("Deze zaak bestaat niet."), code="not_found")
    return case


def _field_problem(field: str, code: str, message: str) -> ApiProblem:
    return ApiProblem(
        400, message, code=code, errors=[{"field": field, "code": code, "message": message}]
    )


_BETROKKENE = ("bsn", "kvk", "branch", "rsin")


def betrokkene(payload: CaseIn | RoleIn) -> dict[str, str]:
    """The role's betrokkene from the body: exactly one natural person (bsn)
    or one non-natural person (kvk, optionally with branch; or rsin)."""
    values = {name: getattr(payload, name) or "" for name in _BETROKKENE}
    if values["bsn"] and any(values[name] for name in ("kvk", "branch", "rsin")):
        raise _field_problem(
            "bsn",
            "ambiguous_betrokkene",
            _("Geef een persoon (bsn) of een bedrijf (kvk of rsin), niet allebei."),
        )
    if values["branch"] and not values["kvk"]:
        raise _field_problem(
            "branch",
            "branch_without_kvk",
            _("Een vestigingsnummer hoort bij een KvK-nummer."),
        )
    if not (values["bsn"] or values["kvk"] or values["rsin"]):
        raise _field_problem(
            "bsn",
            "betrokkene_required",
            _("Geef een persoon (bsn) of een bedrijf (kvk of rsin)."),
        )
    return values


def role_out(role: Role) -> RoleWithBsnOut:
    return RoleWithBsnOut(
        id=role.pk,
        role_type=role.role_type,
        created_at=role.created_at,
        betrokkene_type="natuurlijk_persoon" if role.bsn else "niet_natuurlijk_persoon",
        bsn=role.bsn,
        kvk=role.kvk,
        branch=role.branch,
        rsin=role.rsin,
    )


def status_out(update: StatusUpdate) -> dict:
    return StatusOut(
        id=update.pk,
        status_type=update.status_type.order,
        citizen_text=update.status_type.citizen_text,
        explanation=update.explanation,
        set_at=update.set_at,
    ).model_dump(mode="json")


def case_out(case: Case) -> dict:
    case = Case.objects.select_related("case_type", "current_status__status_type").get(pk=case.pk)
    fields = {name: getattr(case, name) for name in CaseOut.model_fields}
    fields["case_type"] = case.case_type.code
    fields["current_status"] = status_out(case.current_status) if case.current_status else None
    return CaseOut.model_validate(fields).model_dump(mode="json")


def log_read(request: HttpRequest, case: Case, what: str) -> None:
    """A read of personal data by an agency system shows in the citizen's access log."""
    log_case_access(
        case=case, actor=caller(request).actor, action=AccessAction.VIEWED, object_kind=what
    )


def _status_type(case: Case, order: int, field: str = "status_type") -> StatusType:
    status_type = StatusType.objects.filter(case_type_id=case.case_type_id, order=order).first()
    if status_type is None:
        raise _field_problem(
            field, "unknown_status_type", _("Dit zaaktype heeft geen statustype met dit nummer.")
        )
    return status_type


@router.post(
    "/zaken", response={201: CaseOut, 200: CaseOut, **POST_ERRORS}, summary="Create a zaak"
)
def create_case(
    request: HttpRequest,
    payload: CaseIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    """Open a case for a citizen (`bsn`) or a business (`kvk` [+ `branch`] or
    `rsin`). Returns 201, or 200 with the existing case
    when `external_id` is already known for your agency (safe retries)."""
    api = caller(request)

    def existing() -> Case | None:
        if not payload.external_id:
            return None
        return Case.objects.filter(agency=api.agency, external_id=payload.external_id).first()

    def action():
        if (case := existing()) is not None:
            return 200, case_out(case)
        case_type = CaseType.objects.filter(agency=api.agency, code=payload.case_type).first()
        if case_type is None:
            raise _field_problem(
                "case_type",
                "unknown_case_type",
                _("Uw organisatie heeft geen zaaktype met deze code."),
            )
        fields = payload.model_dump(exclude={"case_type", "confidentiality", *_BETROKKENE})
        fields.update(betrokkene(payload))
        try:
            with transaction.atomic():
                case = services.open_case(
                    case_type=case_type,
                    actor=api.actor,
                    source=CaseSource.API,
                    confidentiality=payload.confidentiality or "",
                    **fields,
                )
        except (IntegrityError, ValidationError):
            # A concurrent request with the same external id won the race (its
            # case is seen by full_clean's unique check or by the unique index).
            if (case := existing()) is not None:
                return 200, case_out(case)
            raise
        return 201, case_out(case)

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )


@router.get("/zaken/{reference}", response={200: CaseOut, **ERRORS}, summary="Read a zaak")
def get_case(request: HttpRequest, reference: str):
    case = own_case(request, reference)
    log_read(request, case, "case")
    return case_out(case)


@router.patch("/zaken/{reference}", response={200: CaseOut, **ERRORS}, summary="Update a zaak")
def update_case(request: HttpRequest, reference: str, payload: CasePatch):
    """Change title, description or planned end date of an open case."""
    case = own_case(request, reference)
    services.update_case(case=case, actor=caller(request).actor, **payload.model_dump())
    return case_out(case)


@router.get(
    "/zaken/{reference}/statussen",
    response={200: list[StatusOut], **ERRORS},
    summary="List statussen",
    tags=["statussen"],
)
def list_statuses(request: HttpRequest, reference: str):
    case = own_case(request, reference)
    updates = case.status_updates.select_related("status_type").order_by("set_at", "id")
    return [status_out(update) for update in updates]


@router.post(
    "/zaken/{reference}/statussen",
    response={201: StatusOut, **POST_ERRORS},
    summary="Add a status",
    tags=["statussen"],
)
def add_status(
    request: HttpRequest,
    reference: str,
    payload: StatusIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    """Append a status (never lower in order than the current one; a final
    status closes the case and needs `result_text`)."""

    def action():
        case = own_case(request, reference)
        update = services.set_status(
            case=case,
            status_type=_status_type(case, payload.status_type),
            actor=caller(request).actor,
            explanation=payload.explanation,
            set_at=payload.set_at,
            result_text=payload.result_text,
            result_code=payload.result_code,
        )
        return 201, status_out(update)

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )


@router.post(
    "/zaken/{reference}/resultaat",
    response={200: CaseOut, **POST_ERRORS},
    summary="Close a zaak with its resultaat",
    tags=["zaken"],
)
def close_case(
    request: HttpRequest,
    reference: str,
    payload: CloseIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    def action():
        case = own_case(request, reference)
        status_type = None
        if payload.status_type is not None:
            status_type = _status_type(case, payload.status_type)
        services.close_case(
            case=case,
            actor=caller(request).actor,
            result_text=payload.result_text,
            result_code=payload.result_code,
            status_type=status_type,
            explanation=payload.explanation,
            closed_at=payload.closed_at,
        )
        return 200, case_out(case)

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )


@router.get(
    "/zaken/{reference}/rollen",
    response={200: list[RoleWithBsnOut], **ERRORS},
    summary="List rollen (with BSN or KvK number)",
    tags=["rollen"],
)
def list_roles(request: HttpRequest, reference: str):
    case = own_case(request, reference)
    log_read(request, case, "case_roles")
    return [role_out(r) for r in Role.objects.filter(case=case).order_by("id")]


@router.post(
    "/zaken/{reference}/rollen",
    response={201: RoleOut, **POST_ERRORS},
    summary="Add a rol (a citizen by BSN, a business by KvK number or RSIN)",
    tags=["rollen"],
)
def add_role(
    request: HttpRequest,
    reference: str,
    payload: RoleIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    def action():
        case = own_case(request, reference)
        role = services.add_role(
            case=case,
            actor=caller(request).actor,
            role_type=payload.role_type,
            **betrokkene(payload),
        )
        return 201, RoleOut(
            id=role.pk, role_type=role.role_type, created_at=role.created_at
        ).model_dump(mode="json")

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )
