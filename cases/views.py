"""Citizen pages: "Mijn overzicht" and the case page. Thin: visibility lives in
cases.selectors, what a case shows in cases.presenters; every view of personal
data is written to the access log."""

import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render

from identity.access_log import AccessAction, log_subject_access
from identity.actors import Actor
from identity.decorators import citizen_required

from . import selectors, sources
from .forms import NEWEST, OverviewFilterForm, OverviewSearchForm
from .models import Case
from .presenters import OverviewPresenter, look_ahead, service_norm_date, source_label
from .status_groups import GROUP_EXPLANATIONS, StatusGroup, group_of
from .viewer import view_purpose

CASES_PER_PAGE = 50
# MijnServices: a handful of cases reads best as cards; from ten on, a table with
# search, filters and paging.
TABLE_FROM = 10
# The search words live in the session, never in a URL (they may be personal).
SEARCH_KEY = "cases.overview.search"


@citizen_required
def overview(request):
    acting = request.acting
    search_form = OverviewSearchForm(
        request.POST
        if request.method == "POST"
        else {"zoektekst": request.session.get(SEARCH_KEY, "")}
    )
    if request.method == "POST" and search_form.is_valid():
        words = "" if "wissen" in request.POST else search_form.cleaned_data["zoektekst"]
        if words:
            request.session[SEARCH_KEY] = words
        else:
            request.session.pop(SEARCH_KEY, None)
        # Post/redirect/get: the filter's query string stays, the words do not.
        query = request.GET.copy()
        query.pop("pagina", None)
        return HttpResponseRedirect(
            f"{request.path}?{query.urlencode()}" if query else request.path
        )
    search = search_form.cleaned_data["zoektekst"] if search_form.is_valid() else ""

    # Cases in agencies' own case systems (cases/sources.py): their agencies join
    # the filter, and the same filters and search apply to them.
    remote = sources.remote_cases_for_citizen(context=acting)
    first_page = _unfiltered_first_page(request, acting, search)
    if first_page is not None and len(first_page) <= CASES_PER_PAGE:
        # All of the citizen's cases are on this page (most citizens): counted
        # from its rows, without a query of their own.
        counts = selectors.agency_counts_from(first_page)
    else:
        counts = selectors.agency_counts_for_citizen(context=acting)
    agencies = sources.with_remote_agencies(counts, remote.cases)
    total = sum(agency.case_count for agency in agencies)
    form = OverviewFilterForm(request.GET or None, agencies=agencies)
    filters = form.filters()
    filtered = bool(search) or any(filters.values())
    remote_cases = sources.filter_cases(
        remote.cases,
        state=filters["state"],
        agency=filters["agency"],
        group=filters["group"],
        search=search,
    )
    if (
        first_page is not None
        and not filtered
        # Merged with remote cases, page one may need more than its local rows.
        and (len(first_page) <= CASES_PER_PAGE or not remote_cases)
    ):
        cases = first_page
    else:
        cases = selectors.overview_cases_for_citizen(context=acting, search=search, **filters)
    if remote_cases:
        cases = sources.merge_cases(cases, remote_cases, oldest_first=filters["oldest_first"])
    paginator = Paginator(cases, CASES_PER_PAGE)
    if not filtered and not remote_cases:
        # Known from the agencies' counts: no second COUNT query (a cached_property).
        paginator.count = total
    page = paginator.get_page(request.GET.get("pagina"))
    # Not logged: the citizen's own overview discloses nothing to anyone else,
    # and the session is in the login history (identity/access_log.py).
    query = request.GET.copy()
    query.pop("pagina", None)
    presenter = OverviewPresenter()
    # Issue 21 (decision 0030): the lead's tasks, fetched in one query, go here as
    # {case id: [task, ...]}; the rows take them without a query per case.
    rows = presenter.rows(page.object_list, tasks_by_case={})
    as_table = total >= TABLE_FROM
    open_rows = [row for row in rows if not row.case.is_closed]
    return render(
        request,
        "cases/overview.html",
        {
            "form": form,
            "search_form": search_form,
            "search": search,
            "page": page,
            "rows": rows,
            "as_table": as_table,
            "table_rows": presenter.table_rows(rows) if as_table else "",
            "total": total,
            # Sorted first by the selector, so all of them are on page one; shown in
            # their own section at the top ("1 zaak wacht op u"), each case once.
            "waiting_rows": [row for row in open_rows if row.action_required],
            "other_open_rows": [row for row in open_rows if not row.action_required],
            "closed_rows": [row for row in rows if row.case.is_closed],
            "filtered": filtered,
            "unavailable_sources": remote.unavailable,
            "page_query": query.urlencode(),
            # Everything the filter form's HTML depends on besides the language.
            "filter_key": hashlib.sha256(
                repr((form["organisatie"].field.choices, sorted(request.GET.lists()))).encode()
            ).hexdigest(),
            "presenter": presenter,
        },
    )


def _unfiltered_first_page(request, acting, search: str) -> list | None:
    """Page one of the citizen's cases in the default order, plus one case to
    tell whether there are more, when the request asks for exactly that (no
    search, filter, other order or later page); otherwise None."""
    if search or request.GET.get("pagina", "1") != "1":
        return None
    if any(request.GET.get(name) for name in OverviewFilterForm.FILTERS):
        return None
    if request.GET.get("volgorde", NEWEST) != NEWEST:
        return None
    return selectors.overview_cases_for_citizen(context=acting)[: CASES_PER_PAGE + 1]


def log_case_view(request, case: Case) -> None:
    """The subject's access-log entry for a view of their case; in another's
    context it names the actor ("Suzanne Moulin (ouder met gezag) bekeek uw zaak")."""
    actor = Actor.acting(request.user, request.acting)
    log_subject_access(
        subject=request.acting.subject,
        actor=actor,
        action=AccessAction.VIEWED,
        purpose=view_purpose(request.acting),
        object_kind="case",
        object_label=f"{case.title} ({case.reference})",
        organisation=actor.organisation or case.agency.name,
        detail={"case_id": case.pk},
    )


@citizen_required
def case_detail(request, agency: str, reference: str):
    try:
        case, updates = selectors.case_with_status_updates(
            context=request.acting, agency=agency, reference=reference
        )
    except Case.DoesNotExist:
        raise Http404 from None
    log_case_view(request, case)
    timeline = selectors.status_timeline(case=case, updates=updates)
    future = [step.status_type for step in timeline if step.state == "future"]
    group = group_of(case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "timeline": timeline,
            # The history section (messaging's case_timeline) shows them too.
            "status_updates": updates,
            "group": group,
            # One case: its label and source directly, not a whole OverviewPresenter
            # (month names, labels and a reverse() the overview needs for 50 rows).
            "group_label": StatusGroup(group).label,
            "group_explanation": GROUP_EXPLANATIONS[StatusGroup(group)],
            "look_ahead": look_ahead(case=case, future_steps=future),
            "service_norm_on": service_norm_date(case),
            "source": source_label(case.source),
            # The notice of default (ingebrekestelling, Awb 4:17) is built by the
            # formal-messages issue; its URL goes here when it exists.
            "notice_of_default_url": None,
        },
    )
