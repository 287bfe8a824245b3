"""Mijn overzicht's cases as plain rows, not model instances (issue 21).

A page of 50 cases built as Case, Agency, StatusUpdate and StatusType instances
cost ~2 ms of the page in Django's model building (200 instances with deferred
fields, docs/performance.md). The overview only reads a few columns of each, so
it reads them with `values_list` and wraps each row in the small frozen objects
below, which have exactly the attributes of cases.Case that the overview's
presenter, `status_groups.group_of` and `sources.merge_cases` read (as
cases.sources.RemoteCase does for the agencies' own case systems). An agency or
status type shared by many rows is one object.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import reverse

from .case_state import CaseState
from .models import Agency, StatusType


@dataclass(frozen=True, slots=True)
class OverviewAgency:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class OverviewStatusType:
    pk: int
    citizen_text: str
    citizen_text_en: str
    citizen_group: str
    action_required: bool


@dataclass(frozen=True, slots=True)
class OverviewStatus:
    pk: int
    # Or the catalogue's StatusType (cases.catalogue): the same attributes.
    status_type: OverviewStatusType
    answered_at: datetime | None


@dataclass(frozen=True, slots=True)
class OverviewCase(CaseState):
    # The first eight in the order of COLUMNS (OverviewCases builds from a row).
    pk: int
    reference: str
    title: str
    received_on: date
    planned_end_on: date | None
    closed_on: date | None
    source: str
    last_changed_at: datetime
    agency: OverviewAgency  # or the catalogue's Agency: the same attributes
    current_status: OverviewStatus | None

    def get_absolute_url(self) -> str:
        return reverse(
            "cases:detail", kwargs={"agency": self.agency.slug, "reference": self.reference}
        )


# The order of the values in a row (OverviewCases.build reads them by position).
COLUMNS = (
    "id", "reference", "title", "received_on", "planned_end_on", "closed_on", "source",
    "last_changed_at",
    "agency_id", "agency__name", "agency__slug",
    "current_status_id", "current_status__answered_at",
    "current_status__status_type_id", "current_status__status_type__citizen_text",
    "current_status__status_type__citizen_text_en",
    "current_status__status_type__citizen_group",
    "current_status__status_type__action_required",
)  # fmt: skip
# With the catalogue (cases.catalogue): its agencies and status types stand in for
# the joined columns, so only the current status is joined (for its answer).
CATALOGUE_COLUMNS = COLUMNS[:9] + COLUMNS[11:14]


class OverviewCases:
    """A selector's ordered, filtered cases as OverviewCase rows: what the
    Paginator needs (count, slices) and iteration, reading only COLUMNS (or,
    given the cached catalogue, CATALOGUE_COLUMNS)."""

    def __init__(self, cases: QuerySet, *, catalogue=None) -> None:
        self._catalogue = catalogue
        self._rows = cases.values_list(*(CATALOGUE_COLUMNS if catalogue else COLUMNS))
        self._agencies: dict[int, OverviewAgency] = {}
        self._status_types: dict[int, OverviewStatusType] = {}

    # The Paginator asks whether the cases are ordered (they are: the selector's order).
    ordered = True

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        build = self.build_from_catalogue if self._catalogue else self.build
        if isinstance(index, slice):
            return [build(row) for row in self._rows[index]]
        return build(self._rows[index])

    def __iter__(self):
        build = self.build_from_catalogue if self._catalogue else self.build
        return (build(row) for row in self._rows)

    def build_from_catalogue(self, row: tuple) -> OverviewCase:
        agency_id, status_id, answered_at, type_id = row[8:]
        known = self._catalogue
        status = None
        if status_id is not None:
            status_type = known.status_types.get(type_id) or self._status_types.get(type_id)
            if status_type is None:  # newer than the snapshot (raw SQL): read it once
                status_type = self._status_types[type_id] = StatusType.objects.get(pk=type_id)
            status = OverviewStatus(status_id, status_type, answered_at)
        agency = known.agencies.get(agency_id) or self._agencies.get(agency_id)
        if agency is None:
            agency = self._agencies[agency_id] = Agency.objects.get(pk=agency_id)
        return OverviewCase(*row[:8], agency=agency, current_status=status)

    def build(self, row: tuple) -> OverviewCase:
        (agency_id, agency_name, agency_slug, status_id, answered_at, type_id, text, text_en,
         group, action_required) = row[8:]  # fmt: skip
        agency = self._agencies.get(agency_id)
        if agency is None:
            agency = self._agencies[agency_id] = OverviewAgency(agency_id, agency_name, agency_slug)
        status = None
        if status_id is not None:
            status_type = self._status_types.get(type_id)
            if status_type is None:
                status_type = self._status_types[type_id] = OverviewStatusType(
                    type_id, text, text_en, group, action_required
                )
            status = OverviewStatus(status_id, status_type, answered_at)
        return OverviewCase(*row[:8], agency=agency, current_status=status)
