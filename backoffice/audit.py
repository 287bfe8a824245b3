"""Caseworkers' views of a case go to the access log the citizen reads."""

from __future__ import annotations

from django.db import transaction

from cases.models import Case
from cases.services import ACCESS_PURPOSE
from identity.access_log import AccessAction, ActorKind, record_access


@transaction.atomic
def record_case_viewed(*, case: Case, user, bsns: list[str]) -> None:
    """One "viewed" entry per citizen with a role: the citizen sees the
    agency's name, never the caseworker's; the user is kept for accountability."""
    for bsn in sorted(set(bsns)):
        record_access(
            bsn=bsn,
            actor_kind=ActorKind.CASEWORKER,
            action=AccessAction.VIEWED,
            object_kind="case",
            object_label=f"{case.title} ({case.reference})",
            organisation=case.agency.name,
            purpose=ACCESS_PURPOSE,
            actor_user=user,
            detail={"case_id": case.pk},
        )


@transaction.atomic
def record_bsn_search(*, bsn: str, user, organisation: str, found: int) -> None:
    """A search by BSN reveals which cases a person has: the citizen may know."""
    record_access(
        bsn=bsn,
        actor_kind=ActorKind.CASEWORKER,
        action=AccessAction.LOOKED_UP,
        object_kind="case",
        object_label="Zaken gezocht op BSN",
        organisation=organisation,
        purpose=ACCESS_PURPOSE,
        actor_user=user,
        detail={"found": found},
    )
