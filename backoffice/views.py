"""Case screens in the Wagtail admin (/beheer/zaken/). Thin: forms validate,
selectors decide visibility, cases.services change things.

Every view starts from `cases_for_caseworker`: a case of another agency is a
404 for every screen and every action, exactly like a case that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import services
from cases.models import Case, CaseEvent, CaseSource, StatusType, StatusUpdate
from identity.acting import Subject
from identity.actors import Actor
from identity.bsn import is_valid_bsn, mask_bsn
from notifications.models import ContactRestoreTask, Notification, NotificationState

from .audit import record_bsn_search, record_case_viewed
from .business_roles import business_role_item, is_kvk_number, record_kvk_search
from .citizens import bsns_matching_name, citizen_names
from .forms import (
    SORTS,
    CaseFilterForm,
    CaseSearchForm,
    OpenCaseForm,
    PublishStatusForm,
    add_service_errors,
)
from .panels import case_panels
from .selectors import (
    agencies_for_caseworker,
    case_for_caseworker,
    cases_for_caseworker,
    is_caseworker,
)

SEARCH_SESSION_KEY = "backoffice_case_search"
PAGE_SIZE = 25


def _require_caseworker(request) -> None:
    if not is_caseworker(request.user):
        raise Http404


def _get_case(request, pk: int) -> Case:
    try:
        return case_for_caseworker(user=request.user, pk=pk)
    except Case.DoesNotExist:
        raise Http404 from None


def _search(request, cases):
    """Apply the search kept in the session (never in the URL)."""
    text = request.session.get(SEARCH_SESSION_KEY, "").strip()
    if not text:
        return cases, ""
    compact = "".join(text.split())
    if is_valid_bsn(compact):
        return cases.for_bsn(compact), mask_bsn(compact)
    if is_kvk_number(compact):
        # A KvK number finds the business's cases (any branch).
        return cases.for_subject(Subject(kvk=compact)), compact
    query = Q(reference__icontains=text) | Q(title__icontains=text)
    bsns = bsns_matching_name(text)
    if bsns:
        query |= Q(roles__bsn__in=bsns)
    return cases.filter(query).distinct(), text


def case_list(request):
    if request.user.is_superuser and not is_caseworker(request.user):
        # docs/decisions/0022: a superuser reads no citizen's cases without a
        # membership (a role with a purpose); say how to get one instead of a 404.
        return render(request, "backoffice/no_membership.html")
    _require_caseworker(request)
    form = CaseFilterForm(request.GET or None, user=request.user)
    cases = cases_for_caseworker(user=request.user)
    sort = "-last_changed_at"
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["case_type"]:
            cases = cases.filter(case_type=data["case_type"])
        if data["status"]:
            # Status types are per case type; the filter names one across them. The
            # ids first, then the denormalised current status (docs/decisions/0052):
            # no join to the status rows, an index range per type for list and count.
            status_type_ids = list(
                StatusType.objects.filter(name=data["status"]).values_list("pk", flat=True)
            )
            cases = cases.filter(current_status_type_id__in=status_type_ids)
        if data["state"] == "open":
            cases = cases.open()
        elif data["state"] == "closed":
            cases = cases.closed()
        if data["overdue"]:
            cases = cases.overdue()
        if data["action_required"]:
            cases = cases.action_required()
        if data.get("new_documents"):
            cases = cases.with_unseen_citizen_documents()
        sort = data["sort"] or sort
    cases, search_label = _search(request, cases)
    cases = cases.order_by(sort, "-id")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "backoffice/case_list.html",
        {
            "filter_form": form if form.is_bound else CaseFilterForm(user=request.user),
            "search_form": CaseSearchForm(),
            "search_label": search_label,
            "page": page,
            "query": query.urlencode(),
            "sorts": SORTS,
            "today": timezone.localdate(),
        },
    )


@require_POST
def case_search(request):
    """Keep the search text in the session and go back to the list."""
    _require_caseworker(request)
    form = CaseSearchForm(request.POST)
    if "clear" in request.POST or not form.is_valid():
        request.session.pop(SEARCH_SESSION_KEY, None)
        return redirect("cases_backoffice:list")
    text = form.cleaned_data["q"]
    request.session[SEARCH_SESSION_KEY] = text
    compact = "".join(text.split())
    if is_valid_bsn(compact):
        # Logged once per search, not on every page of its results.
        agencies = agencies_for_caseworker(user=request.user)
        record_bsn_search(
            bsn=compact,
            user=request.user,
            organisation=", ".join(agencies.values_list("name", flat=True)),
            found=cases_for_caseworker(user=request.user).for_bsn(compact).count(),
        )
    elif is_kvk_number(compact):
        agencies = agencies_for_caseworker(user=request.user)
        record_kvk_search(
            kvk=compact,
            user=request.user,
            organisation=", ".join(agencies.values_list("name", flat=True)),
            found=cases_for_caseworker(user=request.user).for_subject(Subject(kvk=compact)).count(),
        )
    return redirect("cases_backoffice:list")


def case_detail(request, pk: int):
    case = _get_case(request, pk)
    roles = list(case.roles.order_by("role_type", "id"))
    bsns = [role.bsn for role in roles if role.bsn]
    record_case_viewed(case=case, user=request.user, bsns=bsns)
    # Opening the case screen is seeing the citizen's new documents (listed below).
    new_documents_since = case.citizen_documents_unseen_since
    services.mark_citizen_documents_seen(case=case)
    names = citizen_names(bsns)
    return render(
        request,
        "backoffice/case_detail.html",
        {
            "case": case,
            # What other apps show about this case (a correction request, ...).
            "panels": case_panels(request=request, case=case),
            "documents": case.documents.order_by("-created_at", "-id"),
            "new_documents_since": new_documents_since,
            "roles": [
                {"role": role, "masked_bsn": mask_bsn(role.bsn), "name": names.get(role.bsn, "")}
                if role.bsn
                else business_role_item(role=role, case=case, viewer=request.user)
                for role in roles
            ],
            "updates": StatusUpdate.objects.filter(case=case)
            .select_related("status_type", "set_by_user")
            .order_by("-set_at", "-id"),
            "events": CaseEvent.objects.filter(case=case)
            .select_related("actor_user")
            .order_by("-occurred_at", "-id"),
            "notifications": Notification.objects.filter(case=case).order_by("-created_at", "-id"),
            "request_answers": _request_answers(case),
        },
    )


def _request_answers(case: Case) -> list[dict]:
    """What the citizen filled in, for a case opened by an online request."""
    try:
        return case.request_submission.answers
    except ObjectDoesNotExist:
        return []


@require_http_methods(["GET", "POST"])
def publish_status(request, pk: int):
    """Choose the next status, preview the citizen's view, publish."""
    case = _get_case(request, pk)
    if case.is_closed:
        messages.error(request, _("Deze zaak is al afgerond; er kan geen status meer bij."))
        return redirect("cases_backoffice:detail", pk=case.pk)
    form = PublishStatusForm(request.POST or None, case=case)
    step = request.POST.get("action", "edit")
    if request.method == "POST" and step in ("preview", "publish") and form.is_valid():
        data = form.cleaned_data
        if step == "publish":
            try:
                services.set_status(
                    case=case,
                    status_type=data["status_type"],
                    actor=Actor.caseworker(request.user, agency=case.agency),
                    explanation=data["explanation"],
                    result_text=data["result_text"],
                    result_code=data["result_code"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Status “%(status)s” is gepubliceerd.")
                    % {"status": data["status_type"].name},
                )
                return redirect("cases_backoffice:detail", pk=case.pk)
        else:
            return render(
                request,
                "backoffice/publish_preview.html",
                {"case": case, "form": form, "preview": _preview(case, data)},
            )
    return render(request, "backoffice/publish_status.html", {"case": case, "form": form})


def _preview(case: Case, data: dict) -> dict:
    """What the citizen will see after publishing (nothing is saved)."""
    status_type = data["status_type"]
    passed = list(
        StatusUpdate.objects.filter(case=case)
        .select_related("status_type")
        .order_by("set_at", "id")
    )
    future = []
    if not status_type.is_final:
        future = list(
            case.case_type.status_types.filter(
                order__gt=status_type.order, shown_in_advance=True
            ).order_by("order")
        )
    return {
        "status_type": status_type,
        "explanation": data["explanation"].strip(),
        "result_text": data["result_text"].strip(),
        "passed": passed,
        "future": future,
    }


@require_http_methods(["GET", "POST"])
def open_case(request):
    _require_caseworker(request)
    form = OpenCaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case_type = data["case_type"]
        try:
            case = services.open_case(
                case_type=case_type,
                bsn=data["bsn"],
                actor=Actor.caseworker(request.user, agency=case_type.agency),
                source=CaseSource.BACK_OFFICE,
                title=data["title"],
                description=data["description"],
                received_on=data["received_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Zaak %(reference)s is geopend.") % {"reference": case.reference}
            )
            return redirect(reverse("cases_backoffice:detail", kwargs={"pk": case.pk}))
    return render(request, "backoffice/open_case.html", {"form": form})


def undelivered_notifications(request):
    """The operator page (issue 18): notifications of the user's agencies that
    did not reach the citizen or were escalated, and open "contact herstellen"
    tasks, per agency."""
    _require_caseworker(request)
    agencies = agencies_for_caseworker(user=request.user).values("pk")
    notifications = (
        Notification.objects.filter(
            Q(case__agency__in=agencies) | Q(message__agency__in=agencies),
            Q(state__in=[NotificationState.UNDELIVERABLE, NotificationState.FAILED])
            | Q(escalated_at__isnull=False),
        )
        .select_related("case__agency", "message__agency")
        .order_by("-created_at", "-id")
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("p"))
    tasks = (
        ContactRestoreTask.objects.filter(agency__in=agencies, resolved_at__isnull=True)
        .select_related("agency", "case", "message")
        .order_by("agency__name", "-created_at")
    )
    return render(request, "backoffice/undelivered.html", {"page": page, "tasks": tasks})
