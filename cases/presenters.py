"""What the overview and the case page show, computed once per request in Python.

The overview used to include a card template per case with its own `{% translate %}`
labels and `|date` filters: ~290 gettext calls and 150 date formats for 50 cases
(docs/performance.md). Here every label is translated once per request, every date
is formatted with month names looked up once, and a status type's citizen text is
localised once however many cases share it. Nothing here queries the database: the
rows are built from the cases the selector already joined, and tasks (issue 21,
decision 0030) come in as a mapping by case id, fetched once by the caller.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.encoding import escape_uri_path
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Case, StatusType
from .status_groups import GROUP_EXPLANATIONS, StatusGroup, group_of
from .translation import localized

# Where the information shown comes from (MijnServices "betrouwbaarheid"): Case.source.
# "zgw" is the agency's own case system (issue 20's ZGW sources); an unknown source
# says "the organisation" rather than nothing.
_SOURCE_LABELS = {
    "back_office": lambda: _("medewerker van de organisatie"),
    "api": lambda: _("koppeling met de organisatie"),
    "zgw": lambda: _("zaaksysteem van de organisatie"),
    "request": lambda: _("uw aanvraag"),
}


def source_label(source: str) -> str:
    """Where a case's information comes from, in words ("bron: ...")."""
    label = _SOURCE_LABELS.get(source)
    return label() if label else _("de organisatie")


class DateFormatter:
    """ "3 december 2026" (Django's "j F Y") with the month names translated once."""

    def __init__(self) -> None:
        self._months = {number: str(name) for number, name in MONTHS.items()}

    def text(self, day: date) -> str:
        return f"{day.day} {self._months[day.month]} {day.year}"

    def html(self, day: date | datetime | None) -> SafeString:
        if day is None:
            return SafeString("")
        if isinstance(day, datetime):
            day = timezone.localtime(day).date()
        # Digits and our own month names only: nothing to escape.
        text = f"{day.day} {self._months[day.month]} {day.year}"
        return SafeString(f'<time datetime="{day.isoformat()}">{text}</time>')


_NO_DATE = mark_safe("")


@dataclass
class CaseRow:
    """One case as the overview shows it (a card or a table row)."""

    case: Case
    url: str
    title: str
    reference: str
    agency: str
    group: str
    group_label: str
    status_text: SafeString
    changed: SafeString
    source: str
    deadline: SafeString
    closed: SafeString
    is_overdue: bool
    action_required: bool
    tasks: Sequence[object] = field(default_factory=tuple)
    dates: DateFormatter | None = None

    @property
    def received(self) -> SafeString:
        """Only the cards show it: formatted when asked, not for the table's rows."""
        return (self.dates or DateFormatter()).html(self.case.received_on)


# One table row of "Mijn overzicht" (the table around it: cases/includes/
# overview_table.html). Formatted in Python, one str.format per row, because the
# same row as ~15 template nodes cost ~0.1 ms a row, the largest part of the page
# with 50 cases (docs/performance.md, decision 0034). Every value is escaped by
# table_rows; the dates and status texts arrive as SafeStrings already.
TABLE_ROW = (
    '<tr class="utrecht-table__row ol-case-row--{group}">'
    '<th class="utrecht-table__header-cell" scope="row">'
    '<a class="utrecht-link" href="{url}">{title}</a>'
    '<span class="ol-case-table__reference">{reference}</span></th>'
    '<td class="utrecht-table__cell" data-label="{l_agency}">{agency}</td>'
    '<td class="utrecht-table__cell" data-label="{l_status}">'
    '<span class="ol-group ol-group--{group}">{group_label}</span> '
    '<span class="ol-case-table__status">{status_text}</span>{overdue}</td>'
    '<td class="utrecht-table__cell" data-label="{l_deadline}">{deadline}</td>'
    '<td class="utrecht-table__cell" data-label="{l_changed}">{changed}'
    '<span class="ol-source">{l_source}: {source}</span></td>'
    "</tr>"
)


class OverviewPresenter:
    """Labels and formatters for one request; `rows()` for any number of cases."""

    def __init__(self, *, today: date | None = None) -> None:
        self.today = today or timezone.localdate()
        self.dates = DateFormatter()
        self.group_labels = {group.value: str(group.label) for group in StatusGroup}
        self._status_texts: dict[int, SafeString] = {}
        self._sources: dict[str, str] = {}
        self.no_status = _("Nog geen status")
        self.labels = {
            "l_agency": _("Organisatie"),
            "l_status": _("Status"),
            "l_deadline": _("Besluit uiterlijk"),
            "l_changed": _("Laatst bijgewerkt"),
            "l_source": _("bron"),
        }
        self._overdue = format_html(
            '<span class="ol-marker ol-marker--overdue">{}</span>', _("Duurt langer dan verwacht")
        )
        self._formal = format_html(
            '<span class="ol-date-kind ol-date-kind--formal">({})</span>', _("wettelijke termijn")
        )
        self._closed_on = _("Afgerond op")
        # One reverse() for the page instead of one per case (~0.1 ms each): the
        # URL pattern is the same for every case, only the two slots differ.
        self._url = reverse("cases:detail", kwargs={"agency": "AGENCY", "reference": "REF"})
        self._agency_urls: dict[str, str] = {}

    def url(self, case: Case) -> str:
        slug = case.agency.slug
        agency_url = self._agency_urls.get(slug)
        if agency_url is None:
            agency_url = self._agency_urls[slug] = self._url.replace(
                "AGENCY", escape_uri_path(slug), 1
            )
        return agency_url.replace("REF", escape_uri_path(case.reference), 1)

    def group_legend(self) -> list[tuple[str, str, str]]:
        return [
            (group.value, str(group.label), str(GROUP_EXPLANATIONS[group])) for group in StatusGroup
        ]

    def source_label(self, source: str) -> str:
        if source not in self._sources:
            self._sources[source] = source_label(source)
        return self._sources[source]

    def status_text(self, status_type: StatusType) -> SafeString:
        if status_type.pk is None:  # a remote case's status type (cases.sources)
            return localized(status_type, "citizen_text").__html__()
        text = self._status_texts.get(status_type.pk)
        if text is None:
            text = self._status_texts[status_type.pk] = localized(
                status_type, "citizen_text"
            ).__html__()
        return text

    def row(self, case: Case, tasks: Sequence[object] = ()) -> CaseRow:
        status = case.current_status
        group = group_of(case)
        closed = case.closed_on is not None
        return CaseRow(
            case=case,
            # A remote case (cases.sources) has its own page in the app that reads it.
            url=self.url(case) if case.pk is not None else case.get_absolute_url(),
            title=case.title,
            reference=case.reference,
            agency=case.agency.name,
            group=group,
            group_label=self.group_labels[group],
            status_text=(
                self.status_text(status.status_type)
                if status is not None
                else escape(self.no_status)
            ),
            changed=self.dates.html(case.last_changed_at),
            source=self.source_label(case.source),
            deadline=_NO_DATE if closed else self.dates.html(case.planned_end_on),
            closed=self.dates.html(case.closed_on) if closed else _NO_DATE,
            dates=self.dates,
            is_overdue=not closed
            and case.planned_end_on is not None
            and case.planned_end_on < self.today,
            action_required=group == StatusGroup.WAITING,
            tasks=tasks,
        )

    def table_rows(self, rows: Iterable[CaseRow]) -> SafeString:
        """The table body's rows for `rows`, in one string.

        `str.format` on values escaped here, not `format_html` per row: that
        escaped the eleven labels again for every row and cost ~40 % of the
        table (docs/performance.md). Every value below is escaped: the labels
        once, the case's own texts per row (html.escape: what django's escape
        does, without making a SafeString of each); dates and status texts are
        SafeStrings (conditional_escape leaves them as they are)."""
        labels = {name: escape(label) for name, label in self.labels.items()}
        closed_on = escape(self._closed_on)
        overdue = self._overdue
        formal = self._formal
        parts = []
        for row in rows:
            deadline = (
                f"{closed_on} {conditional_escape(row.closed)}"
                if row.closed
                else f"{conditional_escape(row.deadline)} {formal}"
            )
            parts.append(
                TABLE_ROW.format(
                    group=html.escape(row.group),
                    url=html.escape(row.url),
                    title=html.escape(row.title),
                    reference=html.escape(row.reference),
                    agency=html.escape(row.agency),
                    group_label=html.escape(row.group_label),
                    status_text=conditional_escape(row.status_text),
                    overdue=overdue if row.is_overdue else "",
                    deadline=deadline,
                    changed=conditional_escape(row.changed),
                    source=html.escape(row.source),
                    **labels,
                )
            )
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped

    def rows(
        self, cases: Iterable[Case], *, tasks_by_case: Mapping[int, Sequence[object]] | None = None
    ) -> list[CaseRow]:
        tasks_by_case = tasks_by_case or {}
        return [self.row(case, tasks_by_case.get(case.pk, ())) for case in cases]


@dataclass(frozen=True)
class DueDate:
    """A date and whether it binds the agency (the legal term) or is an expectation."""

    on: date
    formal: bool


@dataclass(frozen=True)
class LookAhead:
    """The case page's "what happens next": the next planned step and when."""

    next_step: StatusType | None
    expected: DueDate | None


def service_norm_date(case: Case) -> date | None:
    """The agency's own promise (ZGW servicenorm): indicative, never binding."""
    days = case.case_type.service_norm_days
    return case.received_on + timedelta(days=days) if days else None


def look_ahead(*, case: Case, future_steps: Sequence[StatusType]) -> LookAhead:
    """The next planned step of an open case and when it is expected.

    The decision (the last planned step, or a final one) is due by planned_end_on,
    the legal term (Awb 4:13: within the statutory term or a reasonable one); a step
    before it is expected before then, by the service norm when the agency has one.
    """
    if case.closed_on is not None:
        return LookAhead(next_step=None, expected=None)
    next_step = future_steps[0] if future_steps else None
    norm = service_norm_date(case)
    decides = next_step is None or next_step.is_final or len(future_steps) == 1
    if decides:
        return LookAhead(next_step=next_step, expected=DueDate(case.planned_end_on, formal=True))
    if norm is not None and norm <= case.planned_end_on:
        return LookAhead(next_step=next_step, expected=DueDate(norm, formal=False))
    return LookAhead(next_step=next_step, expected=DueDate(case.planned_end_on, formal=False))
