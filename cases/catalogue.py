"""The catalogue every case page reads alike - agencies, case types and their
status types - held in each process's memory and checked against one shared
version (decision 0056, issue 21).

A case page joined its agency and case type into the case's query and each
status update's type into theirs, and an open case read its remaining steps
too: ~70 columns and a query of Django's work (~2 ms) for rows that are the
same for every citizen and change only when an administrator saves one. Here
the whole catalogue (tens of agencies, hundreds of types even at national
scale) is read once per process and kept until its version moves on. Every
save or delete of an agency, case type or status type moves the shared
version on at once and again at commit (as messaging.channels does, decision
0051), so a process that read between the two cannot keep the old rows; a
snapshot older than MAX_AGE_SECONDS is read again whatever the version says (a
change made with raw SQL).

Only with a cache every process shares (Redis: CATALOGUE_CACHE, on with
REDIS_URL); without one `current()` is None and the callers join as before.
The instances are shared by every request of the process: read them, never
change or save them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import cache_versions
from portal.cache_scope import database_scope

from .models import Agency, CaseType, StatusType

MAX_AGE_SECONDS = 300


def version_key(scope: str | None = None) -> str:
    """The shared version of this database's catalogue (portal.cache_scope)."""
    return f"cases:catalogue:{scope or database_scope()}:version"


@dataclass(frozen=True)
class Catalogue:
    version: int
    loaded_at: float
    agencies: dict[int, Agency]
    agency_ids: dict[str, int]  # by slug
    case_types: dict[int, CaseType]
    status_types: dict[int, StatusType]
    # A case type's status types in their order.
    steps: dict[int, tuple[StatusType, ...]]
    # The status types that ask the citizen to act (Mijn overzicht's "wacht op u").
    asking_action: tuple[int, ...]


# Per database (portal.cache_scope): one in production.
_snapshots: dict[str, Catalogue] = {}


def current() -> Catalogue | None:
    """This process's catalogue at the shared version; None when the catalogue
    is not cached (no shared cache, or it is down): then read the database."""
    if not settings.CATALOGUE_CACHE:
        return None
    scope = database_scope()
    version = cache_versions.read(version_key(scope))
    if version is None:  # the cache is down
        return None
    snapshot = _snapshots.get(scope)
    if (
        snapshot is None
        or snapshot.version != version
        or time.monotonic() - snapshot.loaded_at > MAX_AGE_SECONDS
    ):
        snapshot = _snapshots[scope] = _load(version)
    return snapshot


def _load(version: int) -> Catalogue:
    agencies = {agency.pk: agency for agency in Agency.objects.all()}
    case_types = {}
    for case_type in CaseType.objects.all():
        if case_type.agency_id in agencies:
            CaseType.agency.field.set_cached_value(case_type, agencies[case_type.agency_id])
        case_types[case_type.pk] = case_type
    status_types = {}
    steps = defaultdict(list)
    for status_type in StatusType.objects.order_by("case_type_id", "order", "id"):
        if status_type.case_type_id in case_types:
            StatusType.case_type.field.set_cached_value(
                status_type, case_types[status_type.case_type_id]
            )
        status_types[status_type.pk] = status_type
        steps[status_type.case_type_id].append(status_type)
    return Catalogue(
        version=version,
        loaded_at=time.monotonic(),
        agencies=agencies,
        agency_ids={agency.slug: agency.pk for agency in agencies.values()},
        case_types=case_types,
        status_types=status_types,
        steps={case_type_id: tuple(found) for case_type_id, found in steps.items()},
        asking_action=tuple(sorted(pk for pk, st in status_types.items() if st.action_required)),
    )


def catalogue_changed() -> None:
    """Every process reads the catalogue again: now (this process, this
    transaction) and at commit."""
    if not settings.CATALOGUE_CACHE:
        return
    cache_versions.move_on(version_key())


@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
@receiver(post_save, sender=CaseType)
@receiver(post_delete, sender=CaseType)
@receiver(post_save, sender=StatusType)
@receiver(post_delete, sender=StatusType)
def _catalogue_row_changed(sender, **kwargs) -> None:
    catalogue_changed()
