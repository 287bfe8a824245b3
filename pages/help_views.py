"""The help pages behind the header's "Hulp nodig?" link (pages/help.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import Case
from cases.selectors import case_for_citizen
from identity.decorators import citizen_required
from identity.selectors import contact_details_for_citizen

from .help import CallbackForm, new_callback_form, request_callback


def help_page(request):
    """The portal's helpdesk: for questions that are not about one case."""
    return render(request, "pages/help.html", {"helpdesk": settings.PORTAL_HELPDESK})


@citizen_required
@require_http_methods(["GET", "POST"])
def case_help(request, agency: str, reference: str):
    """Contact options of the agency for one of the citizen's own cases, and "Bel mij
    terug". Another person's case is not found (404), like one that does not exist."""
    if not request.acting.subject.bsn:
        # A callback request is kept by BSN; a business's is not possible yet.
        raise Http404
    try:
        case = case_for_citizen(context=request.acting, agency=agency, reference=reference)
    except Case.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        form = CallbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                request_callback(
                    case=case,
                    user=request.user,
                    phone=data["phone"],
                    preferred_time=data["preferred_time"],
                    question=data["question"],
                    key=data["token"],
                    context=request.acting,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Uw terugbelverzoek is verstuurd. %(agency)s belt u zo snel mogelijk.")
                    % {"agency": case.agency.name},
                )
                return redirect(request.path)
    else:
        form = new_callback_form(initial_phone=contact_details_for_citizen(user=request.user).phone)
    return render(
        request,
        "pages/case_help.html",
        {"case": case, "agency": case.agency, "form": form, "helpdesk": settings.PORTAL_HELPDESK},
    )
