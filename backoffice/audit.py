"""Caseworkers' views of a case go to the access log the citizen reads."""

from __future__ import annotations

from django.db import transaction

from cases.models import Case
from identity.access_log import AccessAction, Purpose, log_case_access, log_person_access
from identity.actors import Actor, ActorKind


@transaction.atomic
def record_case_viewed(*, case: Case, user, bsns: list[str]) -> None:
    """One "viewed" entry per citizen with a role: the citizen sees the
    agency's name, never the caseworker's; the user is kept for accountability."""
    log_case_access(
        case=case,
        actor=Actor.caseworker(user, agency=case.agency),
        action=AccessAction.VIEWED,
        bsns=bsns,
    )


@transaction.atomic
def record_bsn_search(*, bsn: str, user, organisation: str, found: int) -> None:
    """A search by BSN reveals which cases a person has: the citizen may know."""
    log_person_access(
        bsn=bsn,
        actor=Actor(kind=ActorKind.CASEWORKER, user=user, organisation=organisation),
        action=AccessAction.LOOKED_UP,
        purpose=Purpose.CASE_HANDLING,
        object_kind="case",
        object_label="Zaken gezocht op BSN",
        detail={"found": found},
    )
