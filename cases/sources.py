"""Remote case sources: cases that live in an agency's own case system.

The overview shows local cases (cases.selectors) and the cases of every
registered remote source together, in the one shape the case card renders.
`cases` cannot import the apps that talk to those systems (they sit above it,
docs/architecture.md), so they register a provider here from their
AppConfig.ready (the `zgw` app does, for ZGW APIs).

A provider answers for one citizen with one `SourceResult` per agency it
serves: the cases, or "not available" with the time of the last good answer,
so the page can say "De gegevens van X zijn nu niet bereikbaar" instead of
pretending the citizen has no cases there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .case_state import DatesState
from .selectors import CLOSED, OPEN

if TYPE_CHECKING:
    from identity.acting import ActingContext
    from identity.models import User

    from .models import Agency


@dataclass(frozen=True)
class RemoteStatusType:
    """What the card and timeline read of a status type (`localized` works on it)."""

    citizen_text: str
    citizen_text_en: str = ""
    citizen_description: str = ""
    citizen_description_en: str = ""
    action_required: bool = False
    # cases.status_groups.StatusGroup value; empty: derived from the flags.
    citizen_group: str = ""
    # Not a row of ours: the overview's per-status-type caches skip it.
    pk: None = None


@dataclass(frozen=True)
class RemoteStatus:
    status_type: RemoteStatusType
    set_at: datetime | None = None
    explanation: str = ""
    answered_at: datetime | None = None


@dataclass(frozen=True)
class RemoteCase(DatesState):
    """A case from an agency's own system, with the attributes of cases.Case
    that the case card uses (cases/includes/case_card.html)."""

    agency: Agency
    reference: str
    title: str
    url: str  # the case page in the portal
    received_on: date
    planned_end_on: date | None
    last_changed_at: datetime
    current_status: RemoteStatus | None = None
    closed_on: date | None = None
    result_text: str = ""
    action_required: bool = False
    action_answered: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    # Where the information comes from (cases.presenters source labels).
    source: str = "zgw"
    # Not a row of ours (tasks are keyed by local case ids).
    pk: None = None

    def get_absolute_url(self) -> str:
        return self.url

    # is_closed and is_overdue: cases.case_state.DatesState.


@dataclass(frozen=True)
class SourceResult:
    """One agency's answer for one citizen."""

    agency: Agency
    cases: Sequence[RemoteCase] = ()
    available: bool = True
    # When the cases shown were fetched (the stale copy's time when not available).
    updated_at: datetime | None = None


# A provider: (acting context) -> one result per agency it serves, for the
# context's subject and within its mandate's scope. It must not raise for a
# source that is down; it says so in the result.
Provider = Callable[["ActingContext"], Iterable[SourceResult]]
_PROVIDERS: dict[str, Provider] = {}


def register_source(name: str, provider: Provider) -> None:
    """Called from an AppConfig.ready; registering a name again replaces it."""
    _PROVIDERS[name] = provider


@dataclass(frozen=True)
class RemoteCases:
    cases: list[RemoteCase]
    unavailable: list[SourceResult]
    agencies: list[Agency]


def remote_cases_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None
) -> RemoteCases:
    """Every provider's cases for the acting context's subject, the agencies
    they are at, and the sources that did not answer."""
    from .viewer import resolve

    context = resolve(context=context, user=user)
    if context is None or not context.is_current():
        return RemoteCases([], [], [])
    cases: list[RemoteCase] = []
    unavailable: list[SourceResult] = []
    agencies: dict[int, Agency] = {}
    for provider in _PROVIDERS.values():
        for result in provider(context):
            if not result.available:
                unavailable.append(result)
            for case in result.cases:
                agencies[case.agency.pk] = case.agency
                cases.append(case)
    return RemoteCases(
        cases, unavailable, sorted(agencies.values(), key=lambda agency: agency.name)
    )


def filter_cases(
    cases: Iterable[RemoteCase],
    *,
    state: str | None = None,
    agency: str | None = None,
    group: str | None = None,
    search: str = "",
) -> list[RemoteCase]:
    """The overview's filters on remote cases (`state` "open"/"closed", `agency` a
    slug, `group` a status group, `search` words in the title or reference)."""
    from .status_groups import group_of

    words = search.lower().split()
    return [
        case
        for case in cases
        if (not agency or case.agency.slug == agency)
        and not (state == OPEN and case.is_closed)
        and not (state == CLOSED and not case.is_closed)
        and (not group or group_of(case) == group)
        and all(word in f"{case.title} {case.reference}".lower() for word in words)
    ]


def with_remote_agencies(counts: list, remote: Sequence[RemoteCase]) -> list:
    """The overview's agency counts (cases.selectors.AgencyCount) with the agencies
    of remote cases added, by name."""
    from .selectors import AgencyCount, agency_sort_key

    by_slug = {count.slug: count for count in counts}
    for case in remote:
        known = by_slug.get(case.agency.slug)
        by_slug[case.agency.slug] = AgencyCount(
            slug=case.agency.slug,
            name=case.agency.name,
            case_count=(known.case_count if known else 0) + 1,
        )
    return sorted(by_slug.values(), key=agency_sort_key)


def merge_cases(local: Iterable, remote: Iterable[RemoteCase], *, oldest_first: bool) -> list:
    """Local and remote cases in the overview's order (cases.selectors): waiting
    for the citizen first, then other open ones, then closed, each by last change."""

    def changed(case) -> float:
        stamp = case.last_changed_at.timestamp()
        return stamp if oldest_first else -stamp

    return sorted(
        [*local, *remote],
        key=lambda case: (case.is_closed, not case.action_required, changed(case)),
    )
