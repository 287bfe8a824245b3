"""The back office of representations (/beheer/vertegenwoordigingen/).

Thin: forms validate, selectors decide visibility, services write. Every view
starts from `representations_for_caseworker`: without the permission, or for
another municipality's record, it is a 404. A BSN never appears in a URL: the
search is a POST kept in the session, records are named by their public id.
Every view or change of a representation is in the access log of both persons.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backoffice.forms import add_service_errors
from documents.downloads import attachment_response
from documents.receiving import receive_upload, receives_upload, too_large_error, upload_too_large
from documents.services import cleanup_uncommitted_files
from identity.access_log import AccessAction, Purpose
from identity.bsn import mask_bsn
from identity.registry import RegistryUnavailable, get_registry

from . import services
from .forms import EndForm, RepresentationForm, SearchForm
from .models import Representation
from .selectors import (
    agencies_keeping_representations,
    representation_for_caseworker,
    representations_for_caseworker,
)

SEARCH_SESSION_KEY = "representation_search"
PAGE_SIZE = 25


def _rows(request):
    if not agencies_keeping_representations(user=request.user).exists():
        raise Http404
    return representations_for_caseworker(user=request.user)


def _get(request, public_id) -> Representation:
    try:
        return representation_for_caseworker(user=request.user, public_id=public_id)
    except Representation.DoesNotExist:
        raise Http404 from None


def representation_list(request):
    rows = _rows(request)
    bsn = request.session.get(SEARCH_SESSION_KEY, "")
    if bsn:
        rows = rows.filter(Q(representative_bsn=bsn) | Q(represented_bsn=bsn))
    page = Paginator(rows.order_by("-updated_at", "-id"), PAGE_SIZE).get_page(request.GET.get("p"))
    for representation in page.object_list:
        services.record_access(
            representation=representation, user=request.user, action=AccessAction.VIEWED
        )
    return render(
        request,
        "representation/list.html",
        {
            "page": page,
            "search_form": SearchForm(),
            "search_label": mask_bsn(bsn),
            "rows": [
                {
                    "representation": r,
                    "representative": mask_bsn(r.representative_bsn),
                    "represented": mask_bsn(r.represented_bsn),
                }
                for r in page.object_list
            ],
        },
    )


@require_POST
def representation_search(request):
    """Keep the searched BSN in the session (never in a URL) and go back to the list."""
    _rows(request)
    form = SearchForm(request.POST)
    if "clear" in request.POST:
        request.session.pop(SEARCH_SESSION_KEY, None)
        return redirect("representation_backoffice:list")
    if not form.is_valid():
        return render(
            request,
            "representation/list.html",
            {"page": None, "rows": [], "search_form": form, "search_label": ""},
            status=200,
        )
    request.session[SEARCH_SESSION_KEY] = form.cleaned_data["bsn"]
    return redirect("representation_backoffice:list")


def _names(representation: Representation, user) -> dict[str, str]:
    """Both names from the registry, each lookup in that person's access log."""
    registry = get_registry(organisation=representation.agency.name, action=AccessAction.VIEWED)
    names = {}
    for role, bsn in (
        ("representative", representation.representative_bsn),
        ("represented", representation.represented_bsn),
    ):
        try:
            person = registry.get_person(bsn, purpose=Purpose.REPRESENTATION, viewer=user)
        except RegistryUnavailable:
            person = None
        names[role] = person.full_name if person else ""
    return names


def _checked_evidence(request, form):
    """The received evidence (documents.receiving), or None; errors go on the form."""
    if upload_too_large(request, "evidence"):
        form.add_error("evidence", too_large_error())
        return None
    uploaded = form.cleaned_data.get("evidence") if hasattr(form, "cleaned_data") else None
    if not uploaded or form.errors:
        return None
    try:
        return receive_upload(request, uploaded, field="evidence")
    except ValidationError as exc:
        form.add_error("evidence", exc)
        return None


def _save_form(request, form, save, *, success: str, context):
    """The one skeleton of the create and edit screens: validate the form and
    the evidence, call `save(data, evidence)` (a service; its ValidationError
    goes on the form), and on success go to the record's edit screen; else the
    form again with `context()`. Files of
    a rolled-back save are deleted (documents.services.cleanup_uncommitted_files)."""
    form.is_valid()
    evidence = _checked_evidence(request, form)
    try:
        if not form.errors:
            representation = save(form.cleaned_data, evidence)
            messages.success(request, success)
            return redirect("representation_backoffice:edit", representation.public_id)
    except ValidationError as exc:
        add_service_errors(form, exc)
    finally:
        if evidence is not None:
            evidence.close()
        cleanup_uncommitted_files()
    return render(request, "representation/form.html", context())


@require_http_methods(["GET", "POST"])
@receives_upload(file_inputs=1)
def representation_create(request):
    agencies = agencies_keeping_representations(user=request.user)
    if not agencies.exists():
        raise Http404
    form = RepresentationForm(request.POST or None, request.FILES or None, agencies=agencies)
    context = {"form": form, "representation": None}
    if request.method != "POST":
        return render(request, "representation/form.html", context)

    def save(data, evidence):
        return services.record_representation(
            agency=data["agency"],
            representative_bsn=data["representative_bsn"],
            represented_bsn=data["represented_bsn"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            agencies=data["agencies"],
            case_types=data["case_types"],
            hidden_from_represented=data["hidden_from_represented"],
            evidence=evidence,
            user=request.user,
        )

    return _save_form(
        request,
        form,
        save,
        success=_("De vertegenwoordiging is vastgelegd."),
        context=lambda: context,
    )


def _edit_context(request, form, representation: Representation) -> dict:
    return {
        "form": form,
        "representation": representation,
        "names": _names(representation, request.user),
        "representative": mask_bsn(representation.representative_bsn),
        "represented": mask_bsn(representation.represented_bsn),
        "end_form": EndForm(representation=representation),
        "changes": representation.changes.select_related("changed_by"),
    }


@require_http_methods(["GET", "POST"])
@receives_upload(file_inputs=1)
def representation_edit(request, public_id):
    representation = _get(request, public_id)
    agencies = agencies_keeping_representations(user=request.user)
    initial = {
        "kind": representation.kind,
        "starts_on": representation.starts_on,
        "ends_on": representation.ends_on,
        "agencies": list(representation.agencies.all()),
        "case_types": list(representation.case_types.all()),
        "hidden_from_represented": representation.hidden_from_represented,
    }
    form = RepresentationForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        editing=True,
        initial=initial,
    )
    if request.method != "POST":
        services.record_access(
            representation=representation, user=request.user, action=AccessAction.VIEWED
        )
        return render(
            request, "representation/form.html", _edit_context(request, form, representation)
        )

    def save(data, evidence):
        services.change_representation(
            representation=representation,
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            agencies=data["agencies"],
            case_types=data["case_types"],
            hidden_from_represented=data["hidden_from_represented"],
            evidence=evidence,
            user=request.user,
        )
        return representation

    return _save_form(
        request,
        form,
        save,
        success=_("De wijziging is opgeslagen."),
        context=lambda: _edit_context(request, form, representation),
    )


@require_POST
def representation_end(request, public_id):
    representation = _get(request, public_id)
    form = EndForm(request.POST, representation=representation)
    if form.is_valid():
        try:
            services.end_representation(
                representation=representation,
                ends_on=form.cleaned_data["ends_on"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vertegenwoordiging is beëindigd."))
            return redirect("representation_backoffice:edit", representation.public_id)
    for error in form.errors.get("ends_on", []):
        messages.error(request, error)
    return redirect("representation_backoffice:edit", representation.public_id)


@require_http_methods(["GET", "HEAD"])
def representation_evidence(request, public_id):
    representation = _get(request, public_id)
    if not representation.evidence:
        raise Http404
    services.record_access(
        representation=representation,
        user=request.user,
        action=AccessAction.DOWNLOADED,
        label=_("Bewijsstuk van een vertegenwoordiging"),
    )
    return attachment_response(representation)
