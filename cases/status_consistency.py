"""The invariant of the denormalised current status (docs/decisions/0052).

For every case, `current_status`, `current_status_type` and `current_status_set_at`
are the latest status row (ordered by set_at, then id, as StatusUpdate.Meta says)
and its type and moment; a case without status rows has none of them. Only
cases.services.set_status writes them. `inconsistent_cases` lists the cases that
break it; `manage.py check_case_status` runs it in batches for an operator, and
the tests run it after every status change they make on purpose.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from .models import Case, StatusUpdate


def inconsistent_cases(cases: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """The cases (of `cases`, default all) whose denormalised status disagrees
    with their latest status row."""
    cases = Case.objects.all() if cases is None else cases
    latest = StatusUpdate.objects.filter(case=OuterRef("pk")).order_by("-set_at", "-id")
    annotated = cases.annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_type_id=Subquery(latest.values("status_type_id")[:1]),
        latest_set_at=Subquery(latest.values("set_at")[:1]),
    )
    without_status = Q(latest_id__isnull=True) & (
        Q(current_status__isnull=False)
        | Q(current_status_type__isnull=False)
        | Q(current_status_set_at__isnull=False)
    )
    with_status = Q(latest_id__isnull=False) & (
        Q(current_status__isnull=True)
        | Q(current_status_type__isnull=True)
        | Q(current_status_set_at__isnull=True)
        | ~Q(current_status_id=F("latest_id"))
        | ~Q(current_status_type_id=F("latest_type_id"))
        | ~Q(current_status_set_at=F("latest_set_at"))
    )
    return annotated.filter(without_status | with_status).order_by("pk")
