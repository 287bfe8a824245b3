"""Reads of citizens' cases. Visibility is decided here, once (cases.viewer):
a case is the acting context's when its subject (a BSN, or a KvK number) has a
role on it, its confidentiality is one citizens may see and it lies within the
mandate's scope; anything else does not exist for them.

Every reader takes `context` (the acting context, `request.acting`); `user`
is "yourself" for callers without a request (tests, commands)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Value, When
from django.db.models import Case as SqlCase

from . import catalogue
from .models import Agency, Case, CaseQuerySet, StatusType, StatusUpdate
from .overview_cases import OverviewCases
from .status_groups import group_filter
from .transitions import transition_error
from .translation import LocalizedText, localized
from .viewer import resolve, visible_cases

if TYPE_CHECKING:
    from identity.acting import ActingContext
    from identity.models import User

OPEN, CLOSED = "open", "closed"


def _visible_cases(context: ActingContext | None) -> CaseQuerySet:
    return visible_cases(context)


def cases_for_citizen(
    *,
    context: ActingContext | None = None,
    user: User | None = None,
    state: str | None = None,
    agency: str | None = None,
    group: str | None = None,
    search: str | None = None,
    oldest_first: bool = False,
) -> QuerySet[Case]:
    """The citizen's cases with everything a card shows, in one query: those
    waiting for the citizen first, then the other open ones, then closed, each by
    last change (newest first by default).

    `state` is "open" or "closed"; `agency` an agency slug; `group` a StatusGroup
    value (cases.status_groups); `search` words found in the title, the reference
    or the case type's name.
    """
    cases = _visible_cases(resolve(context=context, user=user)).select_related(
        "agency", "case_type", "current_status__status_type"
    )
    waiting = Q(current_status__status_type__action_required=True)
    return _filtered_in_order(
        cases, waiting, state=state, agency=agency, group=group, search=search,
        oldest_first=oldest_first,
    )  # fmt: skip


def _filtered_in_order(
    cases: CaseQuerySet,
    action_required: Q,
    *,
    state: str | None = None,
    agency: str | None = None,
    group: str | None = None,
    search: str | None = None,
    oldest_first: bool = False,
) -> QuerySet[Case]:
    if state == OPEN:
        cases = cases.open()
    elif state == CLOSED:
        cases = cases.closed()
    if agency:
        cases = cases.filter(agency__slug=agency)
    if group:
        cases = cases.filter(group_filter(group))
    for word in (search or "").split()[:5]:
        cases = cases.filter(
            Q(title__icontains=word)
            | Q(reference__icontains=word)
            | Q(case_type__name__icontains=word)
            | Q(case_type__name_en__icontains=word)
        )
    changed = "last_changed_at" if oldest_first else "-last_changed_at"
    # Ordered by the expressions themselves, not by annotations: nothing the
    # rows need, and two annotations less for Django to resolve (issue 21).
    closed = ExpressionWrapper(Q(closed_on__isnull=False), output_field=BooleanField())
    # The same rule as Case.action_required and CaseQuerySet.action_required, on
    # the rows already joined for the card; CASE, so a case without a status
    # sorts as "not waiting" (NULL would sort first in PostgreSQL's DESC).
    waiting = SqlCase(
        When(
            Q(closed_on__isnull=True, current_status__answered_at__isnull=True) & action_required,
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    return cases.order_by(
        closed.asc(), waiting.desc(), changed, "-id" if not oldest_first else "id"
    )


def overview_cases_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, **filters
) -> OverviewCases:
    """cases_for_citizen (same order and filters) as the overview's plain rows
    (cases.overview_cases): only the columns a row shows, no model instances.

    With the catalogue cached (cases.catalogue) the rows' agencies and status
    types are the catalogue's, and "waiting for the citizen" is a list of the
    status types that ask an action: the query joins only the current status
    (for its answer), not the agency and the status type (issue 21)."""
    known = catalogue.current()
    cases = _visible_cases(resolve(context=context, user=user))
    if known is None:
        waiting = Q(current_status__status_type__action_required=True)
        return OverviewCases(_filtered_in_order(cases, waiting, **filters))
    asks = known.asking_action
    waiting = Q(current_status__status_type_id__in=asks) if asks else Q(pk__in=[])
    return OverviewCases(_filtered_in_order(cases, waiting, **filters), catalogue=known)


@dataclass(frozen=True)
class AgencyCount:
    slug: str
    name: str
    case_count: int


def agency_counts_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None
) -> list[AgencyCount]:
    """The agencies the citizen has visible cases at, with how many, by name: one
    query for both the overview's agency filter and its total (their sum)."""
    rows = (
        _visible_cases(resolve(context=context, user=user))
        .order_by()
        .values("agency__slug", "agency__name")
        .annotate(case_count=Count("id"))
    )
    return sorted(
        (
            AgencyCount(
                slug=row["agency__slug"], name=row["agency__name"], case_count=row["case_count"]
            )
            for row in rows
        ),
        key=agency_sort_key,
    )


def agency_counts_from(cases: Iterable) -> list[AgencyCount]:
    """agency_counts_for_citizen for cases already read: when they are all of
    the citizen's visible cases, the same list without a query."""
    counts: dict[str, AgencyCount] = {}
    for case in cases:
        slug = case.agency.slug
        known = counts.get(slug)
        counts[slug] = AgencyCount(
            slug=slug, name=case.agency.name, case_count=(known.case_count if known else 0) + 1
        )
    return sorted(counts.values(), key=agency_sort_key)


def agency_sort_key(agency: AgencyCount) -> tuple[str, str]:
    """The overview's order of agencies, in Python wherever they come from
    (the database's collation may differ)."""
    return (agency.name.casefold(), agency.slug)


def agencies_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None
) -> QuerySet[Agency]:
    """Agencies the citizen has visible cases at (for the overview's filter)."""
    cases = _visible_cases(resolve(context=context, user=user))
    return Agency.objects.filter(pk__in=cases.values("agency_id")).order_by("name")


# The attribute case_for_citizen sets on the instance it authorised: the
# acting context's key (whose data, under which mandate).
AUTHORISED_FOR = "authorised_for_context"


def case_for_citizen(
    *,
    context: ActingContext | None = None,
    user: User | None = None,
    agency: str,
    reference: str,
    with_current_status: bool = True,
) -> Case:
    """One of the citizen's cases by agency slug and reference.

    Raises Case.DoesNotExist for a case that is not theirs, exactly as for one
    that does not exist (views turn it into a 404). `with_current_status=False`
    leaves the current status out of the join, for a caller that reads all of
    the case's status updates anyway (case_with_status_updates).
    """
    context = resolve(context=context, user=user)
    related: tuple[str, ...] = ("agency", "case_type")
    if with_current_status:
        related += ("current_status__status_type",)
    case = (
        _visible_cases(context)
        .select_related(*related)
        .get(agency__slug=agency, reference=reference)
    )
    # Marks whom this instance was authorised for, so the case page's sections
    # (documents, history) can read its documents without authorising it again.
    setattr(case, AUTHORISED_FOR, context.key if context is not None else None)
    return case


@dataclass(frozen=True)
class TimelineStep:
    status_type: StatusType
    state: str  # "passed", "current" or "future"
    set_at: datetime | None = None
    explanation: str = ""

    @property
    def text(self) -> LocalizedText:
        """The citizen's status text in the active language (Dutch fallback marked)."""
        return localized(self.status_type, "citizen_text")


def status_updates(*, case: Case) -> list[StatusUpdate]:
    """The case's status updates, oldest first, with their status types (one query)."""
    return list(
        StatusUpdate.objects.filter(case=case)
        .select_related("status_type")
        .order_by("set_at", "id")
    )


def case_with_status_updates(
    *, context: ActingContext | None = None, agency: str, reference: str
) -> tuple[Case, list[StatusUpdate]]:
    """case_for_citizen and its status updates, for the case page. The current
    status is one of the updates, so it is taken from them rather than joined
    into the case's query as well; with the catalogue cached (cases.catalogue)
    the agency, case type and status types come from it instead of from joins
    (issue 21). Raises Case.DoesNotExist as case_for_citizen does."""
    known = catalogue.current()
    if known is None:
        case = case_for_citizen(
            context=context, agency=agency, reference=reference, with_current_status=False
        )
        updates = status_updates(case=case)
    else:
        context = resolve(context=context, user=None)
        agency_id = known.agency_ids.get(agency)
        if agency_id is None:
            raise Case.DoesNotExist
        case = _visible_cases(context).get(agency_id=agency_id, reference=reference)
        setattr(case, AUTHORISED_FOR, context.key if context is not None else None)
        _from_catalogue(case, "agency", known.agencies.get(case.agency_id))
        _from_catalogue(case, "case_type", known.case_types.get(case.case_type_id))
        updates = list(StatusUpdate.objects.filter(case=case).order_by("set_at", "id"))
        for update in updates:
            _from_catalogue(update, "status_type", known.status_types.get(update.status_type_id))
    current = next((u for u in updates if u.pk == case.current_status_id), None)
    if current is not None:
        # The same row the join would have read; no query when the page reads it.
        Case.current_status.field.set_cached_value(case, current)
    elif case.current_status_id is None:
        Case.current_status.field.set_cached_value(case, None)
    return case, updates


def _from_catalogue(instance, name: str, related) -> None:
    # A row the snapshot does not know (impossible but for raw SQL) is read when used.
    if related is not None:
        type(instance)._meta.get_field(name).set_cached_value(instance, related)


def status_timeline(*, case: Case, updates: list[StatusUpdate] | None = None) -> list[TimelineStep]:
    """The case's statuses so far (the last one current) followed by the case
    type's remaining planned steps in order (two queries; one when the caller
    passes the `status_updates` it already read)."""
    if updates is None:
        updates = status_updates(case=case)
    steps = [
        TimelineStep(
            status_type=update.status_type,
            state="current" if index == len(updates) - 1 and not case.is_closed else "passed",
            set_at=update.set_at,
            explanation=update.explanation,
        )
        for index, update in enumerate(updates)
    ]
    if case.is_closed:
        return steps
    reached = updates[-1].status_type.order if updates else -1
    known = catalogue.current()
    future: list[StatusType]
    if known is not None:
        future = [
            status_type
            for status_type in known.steps.get(case.case_type_id, ())
            if status_type.order > reached and status_type.shown_in_advance
        ]
    else:
        future = list(
            StatusType.objects.filter(
                case_type_id=case.case_type_id, order__gt=reached, shown_in_advance=True
            ).order_by("order")
        )
    return steps + [TimelineStep(status_type=status_type, state="future") for status_type in future]


def next_status_types(*, case: Case) -> QuerySet[StatusType]:
    """Exactly the status types `services.set_status` would accept now (the rule
    in cases.transitions), in order: for the back office's "publish a status"."""
    current_status = case.current_status
    current = current_status.status_type if current_status is not None else None
    candidates = StatusType.objects.filter(case_type_id=case.case_type_id).order_by("order")
    allowed = [
        status_type.pk
        for status_type in candidates
        if transition_error(case=case, status_type=status_type, current=current) is None
    ]
    return candidates.filter(pk__in=allowed)
