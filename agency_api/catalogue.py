"""Zaaktypen and statustypen (ZGW Catalogi API): an agency reads its case
types and, if it manages them in its own system, creates and updates them.

Case types are catalogue data, not personal data: plain model writes with
full_clean (house rule: trivial CRUD stays on models), logged to Wagtail's
history with the client's identity.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Path, Router
from wagtail.log_actions import log

from cases.models import CaseType, StatusType

from .auth import caller
from .idempotency import HEADER, run_idempotent
from .problems import ApiProblem
from .schemas import (
    CaseTypeIn,
    CaseTypeOut,
    CaseTypePatch,
    Problem,
    StatusTypeIn,
    StatusTypeOut,
    StatusTypePatch,
)

router = Router(tags=["zaaktypen"])
_CODE = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem}
POST_ERRORS = {**ERRORS, 409: Problem, 413: Problem}


def own_case_type(request: HttpRequest, code: str) -> CaseType:
    """The caller's case type by code; anything else is "not found"."""
    case_type = None
    if _CODE.match(code):
        case_type = (
            CaseType.objects.filter(agency=caller(request).agency, code=code)
            .prefetch_related("status_types")
            .first()
        )
    if case_type is None:
        raise ApiProblem(404, _("Dit zaaktype bestaat niet."), code="not_found")
    return case_type


def case_type_out(case_type: CaseType) -> dict:
    status_types = sorted(case_type.status_types.all(), key=lambda s: s.order)
    return CaseTypeOut.model_validate(
        {
            **{field: getattr(case_type, field) for field in CaseTypeOut.model_fields},
            "status_types": [status_type_out(s) for s in status_types],
        }
    ).model_dump(mode="json")


def status_type_out(status_type: StatusType) -> dict:
    return StatusTypeOut.model_validate(
        {field: getattr(status_type, field) for field in StatusTypeOut.model_fields}
    ).model_dump(mode="json")


def _audit(request: HttpRequest, instance, action: str) -> None:
    log(instance, action, user=None, data={"api_client": caller(request).client.reference})


@router.get("/zaaktypen", response={200: list[CaseTypeOut], **ERRORS}, summary="List zaaktypen")
def list_case_types(request: HttpRequest):
    case_types = CaseType.objects.filter(agency=caller(request).agency).prefetch_related(
        "status_types"
    )
    return [case_type_out(case_type) for case_type in case_types.order_by("code")]


@router.post("/zaaktypen", response={201: CaseTypeOut, **POST_ERRORS}, summary="Create a zaaktype")
def create_case_type(
    request: HttpRequest,
    payload: CaseTypeIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    body = payload.model_dump(mode="json")

    def action():
        agency = caller(request).agency
        if CaseType.objects.filter(agency=agency, code=payload.code).exists():
            raise ApiProblem(
                400,
                _("Er is al een zaaktype met deze code."),
                code="exists",
                errors=[{"field": "code", "code": "exists", "message": _("Bestaat al.")}],
            )
        fields = payload.model_dump(exclude={"status_types"})
        case_type = CaseType(agency=agency, **fields)
        case_type.full_clean()
        case_type.save()
        for status in payload.status_types:
            status_type = StatusType(case_type=case_type, **status.model_dump())
            status_type.full_clean()
            status_type.save()
        _audit(request, case_type, "wagtail.create")
        return 201, case_type_out(case_type)

    return run_idempotent(request, key=idempotency_key, body=body, action=action)


@router.get("/zaaktypen/{code}", response={200: CaseTypeOut, **ERRORS}, summary="Read a zaaktype")
def get_case_type(request: HttpRequest, code: str):
    return case_type_out(own_case_type(request, code))


@router.patch(
    "/zaaktypen/{code}", response={200: CaseTypeOut, **ERRORS}, summary="Update a zaaktype"
)
def update_case_type(request: HttpRequest, code: str, payload: CaseTypePatch):
    with transaction.atomic():
        case_type = own_case_type(request, code)
        for name, value in payload.model_dump(exclude_unset=True).items():
            if value is None and name not in ("service_norm_days", "valid_from", "valid_until"):
                continue
            setattr(case_type, name, value)
        case_type.full_clean()
        case_type.save()
        _audit(request, case_type, "wagtail.edit")
    return case_type_out(own_case_type(request, code))


@router.get(
    "/zaaktypen/{code}/statustypen",
    response={200: list[StatusTypeOut], **ERRORS},
    summary="List statustypen",
    tags=["statustypen"],
)
def list_status_types(request: HttpRequest, code: str):
    case_type = own_case_type(request, code)
    return [status_type_out(s) for s in sorted(case_type.status_types.all(), key=lambda s: s.order)]


@router.post(
    "/zaaktypen/{code}/statustypen",
    response={201: StatusTypeOut, **POST_ERRORS},
    summary="Add a statustype",
    tags=["statustypen"],
)
def create_status_type(
    request: HttpRequest,
    code: str,
    payload: StatusTypeIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    def action():
        case_type = own_case_type(request, code)
        status_type = StatusType(case_type=case_type, **payload.model_dump())
        status_type.full_clean()
        status_type.save()
        _audit(request, status_type, "wagtail.create")
        return 201, status_type_out(status_type)

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )


@router.patch(
    "/zaaktypen/{code}/statustypen/{order}",
    response={200: StatusTypeOut, **ERRORS},
    summary="Update a statustype",
    tags=["statustypen"],
)
def update_status_type(
    request: HttpRequest,
    code: str,
    payload: StatusTypePatch,
    order: int = Path(..., ge=1, le=32767),
):
    with transaction.atomic():
        case_type = own_case_type(request, code)
        status_type = StatusType.objects.filter(case_type=case_type, order=order).first()
        if status_type is None:
            raise ApiProblem(404, _("Dit statustype bestaat niet."), code="not_found")
        for name, value in payload.model_dump(exclude_unset=True).items():
            if value is not None:
                setattr(status_type, name, value)
        status_type.full_clean()
        status_type.save()
        _audit(request, status_type, "wagtail.edit")
    return status_type_out(status_type)
