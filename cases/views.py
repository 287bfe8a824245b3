"""Citizen pages: "Mijn overzicht" and the case page. Thin: visibility lives in
cases.selectors, every view of personal data is written to the access log."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from identity.access_log import AccessAction, Purpose, log_case_access
from identity.actors import Actor
from identity.decorators import citizen_required

from . import selectors, sources
from .forms import OverviewFilterForm
from .models import Case

CASES_PER_PAGE = 50


@citizen_required
def overview(request):
    user = request.user
    # Cases in agencies' own case systems (cases/sources.py), fetched first so
    # their agencies can be filtered on too; filters are applied to them below.
    remote = sources.remote_cases_for_citizen(user=user)
    agencies = {agency.pk: agency for agency in selectors.agencies_for_citizen(user=user)}
    agencies.update((agency.pk, agency) for agency in remote.agencies)
    form = OverviewFilterForm(
        request.GET or None, agencies=sorted(agencies.values(), key=lambda agency: agency.name)
    )
    filters = form.filters()
    cases = selectors.cases_for_citizen(user=user, **filters)
    remote_cases = sources.filter_cases(
        remote.cases, state=filters["state"], agency=filters["agency"]
    )
    if remote_cases:
        cases = sources.merge_cases(cases, remote_cases, oldest_first=filters["oldest_first"])
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("pagina"))
    # Not logged: the citizen's own overview discloses nothing to anyone else,
    # and the session is in the login history (identity/access_log.py).
    query = request.GET.copy()
    query.pop("pagina", None)
    open_cases = [case for case in page.object_list if not case.is_closed]
    # Sorted first by the selector, so all of them are on page one; shown in their own
    # section at the top ("1 zaak wacht op u"), each case once.
    waiting_cases = [case for case in open_cases if case.action_required]
    return render(
        request,
        "cases/overview.html",
        {
            "form": form,
            "page": page,
            "open_cases": open_cases,
            "waiting_cases": waiting_cases,
            "other_open_cases": [case for case in open_cases if not case.action_required],
            "closed_cases": [case for case in page.object_list if case.is_closed],
            "filtered": any(filters.values()),
            "unavailable_sources": remote.unavailable,
            "page_query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@citizen_required
def case_detail(request, agency: str, reference: str):
    try:
        case = selectors.case_for_citizen(user=request.user, agency=agency, reference=reference)
    except Case.DoesNotExist:
        raise Http404 from None
    log_case_access(
        case=case,
        actor=Actor.citizen(request.user),
        action=AccessAction.VIEWED,
        purpose=Purpose.OWN_VIEW,
        bsns=[request.user.bsn],
    )
    return render(
        request,
        "cases/case_detail.html",
        {"case": case, "timeline": selectors.status_timeline(case=case)},
    )
