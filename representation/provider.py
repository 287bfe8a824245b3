"""The acting contexts of a registered representative (identity.acting, decision 0041).

For the logged-in person, every current representation where they are the
representative becomes a context for the represented person, scoped like the
representation. One query for all representations and their scopes (the scope
lists are joined, not prefetched), and one registry lookup per represented
person for the name (through the audited registry of the request: the lookup
is in the represented person's access log).
"""

from __future__ import annotations

from collections.abc import Iterator

from identity.access_log import Purpose
from identity.acting import ActingContext, Basis, Subject
from identity.registry import RegistryUnavailable, registry_for_request

from .models import Representation


def _rows(bsn: str) -> dict[int, dict]:
    """Current representations of `bsn` by id, with their scope, in one query."""
    by_pk: dict[int, dict] = {}
    rows = (
        Representation.objects.current()
        .filter(representative_bsn=bsn)
        .values(
            "pk",
            "represented_bsn",
            "ends_on",
            "agencies__slug",
            "case_types__code",
            "case_types__agency__slug",
        )
        .order_by("starts_on", "pk")
    )
    for row in rows:
        entry = by_pk.setdefault(
            row["pk"],
            {
                "bsn": row["represented_bsn"],
                "ends_on": row["ends_on"],
                "agencies": set(),
                "case_types": set(),
            },
        )
        if row["agencies__slug"]:
            entry["agencies"].add(row["agencies__slug"])
        if row["case_types__code"]:
            # A case type scope is also an agency scope: its code is unique
            # only within its agency.
            entry["case_types"].add(row["case_types__code"])
            entry["agencies"].add(row["case_types__agency__slug"])
    return by_pk


def representation_contexts(request) -> Iterator[ActingContext]:
    user = request.user
    bsn = getattr(user, "bsn", None)
    if not (getattr(user, "is_authenticated", False) and bsn):
        return
    rows = _rows(bsn)
    if not rows:
        return
    registry = registry_for_request(request)
    actor_name = user.get_full_name()
    names: dict[str, str] = {}
    for pk, row in rows.items():
        if row["bsn"] not in names:
            try:
                person = registry.get_person(
                    row["bsn"], purpose=Purpose.REPRESENTATION, viewer=user
                )
            except RegistryUnavailable:
                person = None
            names[row["bsn"]] = person.full_name if person else ""
        yield ActingContext(
            actor_bsn=bsn,
            subject=Subject(bsn=row["bsn"], name=names[row["bsn"]]),
            basis=Basis.REPRESENTATIVE,
            actor_name=actor_name,
            basis_ref=str(pk),
            agencies=frozenset(row["agencies"]),
            case_types=frozenset(row["case_types"]),
            valid_until=row["ends_on"],
        )
