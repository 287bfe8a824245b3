"""A business's role on the caseworker's case screen and in the case search.

The company's name comes from the business registry (a logged lookup in the
business's own access log, in the agency's name: the caseworker saw it); the
KvK number is shown whole (it is a public registry number), a BSN never is.
"""

from __future__ import annotations

from django.db import transaction

from cases.models import Case, Role
from identity.access_log import AccessAction, Purpose, log_subject_access
from identity.acting import Subject
from identity.actors import Actor, ActorKind
from identity.business_registry import RegistryUnavailable, get_business_registry

KVK_LENGTH = 8


def is_kvk_number(text: str) -> bool:
    return len(text) == KVK_LENGTH and text.isdigit()


def business_role_item(*, role: Role, case: Case, viewer) -> dict:
    """What the case screen lists for a business's role; the name is empty
    when the registry does not know the number or cannot answer."""
    name = ""
    if role.kvk:
        registry = get_business_registry(organisation=case.agency.name, action=AccessAction.VIEWED)
        try:
            business = registry.get_business(
                role.kvk, purpose=Purpose.CASE_HANDLING, viewer=viewer, branch=role.branch
            )
        except RegistryUnavailable:
            business = None
        name = business.name if business else ""
    return {"role": role, "is_business": True, "name": name}


@transaction.atomic
def record_kvk_search(*, kvk: str, user, organisation: str, found: int) -> None:
    """A search by KvK number reveals which cases a business has: its log says so."""
    log_subject_access(
        subject=Subject(kvk=kvk),
        actor=Actor(kind=ActorKind.CASEWORKER, user=user, organisation=organisation),
        action=AccessAction.LOOKED_UP,
        purpose=Purpose.CASE_HANDLING,
        object_kind="case",
        object_label="Zaken gezocht op KvK-nummer",
        detail={"found": found},
    )
