"""Whom an outgoing message or a task is for, from the request body: a person
(`bsn`) or a business (`kvk`, optionally one `branch`), like the betrokkene of
a zaak's role (ZGW Rol.betrokkeneIdentificatie; messaging decision 0049).

An RSIN alone names no one who logs in to the portal, so it is not accepted
here; the business's KvK number is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from cases.models import Case
from identity.acting import Subject
from messaging.subjects import has_role

from .problems import ApiProblem
from .schemas import BranchNumber, Bsn, Kvk


class RecipientIn(Schema):
    """Give either `bsn` or `kvk` (optionally with `branch`)."""

    bsn: Bsn | None = Field(
        None, description="A natural person (ZGW natuurlijk_persoon inpBsn). Or `kvk`."
    )
    kvk: Kvk | None = Field(
        None, description="A business: its KvK number (ZGW niet_natuurlijk_persoon kvkNummer)."
    )
    branch: BranchNumber | None = Field(
        None,
        description="With `kvk`: one branch (ZGW vestigingsNummer). Only that branch's "
        "eHerkenning mandate sees it; a mandate for the whole business sees every branch.",
    )


def _problem(field: str, code: str, message: str) -> ApiProblem:
    return ApiProblem(
        400, message, code=code, errors=[{"field": field, "code": code, "message": message}]
    )


def recipient(payload: RecipientIn) -> Subject:
    """The Subject the body names: exactly one person or one business."""
    if payload.bsn and (payload.kvk or payload.branch):
        raise _problem(
            "bsn",
            "ambiguous_recipient",
            _("Geef een persoon (bsn) of een bedrijf (kvk), niet allebei."),
        )
    if payload.branch and not payload.kvk:
        raise _problem(
            "branch", "branch_without_kvk", _("Een vestigingsnummer hoort bij een KvK-nummer.")
        )
    if payload.bsn:
        return Subject(bsn=payload.bsn)
    if payload.kvk:
        return Subject(kvk=payload.kvk, branch=payload.branch or "")
    raise _problem("bsn", "recipient_required", _("Geef een persoon (bsn) of een bedrijf (kvk)."))


def involved_or_problem(case: Case, subject: Subject) -> None:
    """400 when the recipient has no role on the case (a branch: that branch's role)."""
    if not has_role(case, subject):
        field = "bsn" if subject.bsn else "kvk"
        raise _problem(field, "not_involved", _("Deze persoon is geen betrokkene bij deze zaak."))
