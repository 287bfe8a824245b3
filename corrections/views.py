""" "Klopt er iets niet?": asking the municipality to correct registry data.

Step 1 (no or an unknown ?gegeven=) chooses the field; step 2 asks the correct
value, an explanation and optional evidence, and files the request
(corrections.services), after which the citizen lands on the new case.

The evidence is received like every upload (documents.receiving: streamed size
limit, rate limit, type by content, PDF active content, virus scan) before the
transaction that opens the case; a refused file opens no case and the form
comes back with the other answers and the file's error.
"""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from corrections.forms import CORRECTION_FORMS, FIELD_CHOICES, FieldChoiceForm
from corrections.services import current_value, request_correction
from corrections.values import display_value
from documents.receiving import (
    CITIZEN_UPLOADS,
    receive_upload,
    receives_upload,
    too_large_error,
    upload_too_large,
)
from documents.services import cleanup_uncommitted_files
from identity.decorators import citizen_required
from identity.registry import registry_for_request

FIELD_PARAM = "gegeven"
# Sent by the choice form, so a submit without a choice shows the error.
CHOSEN_PARAM = "stap"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@citizen_required
@receives_upload
def correction_request(request):
    # AVG art. 16 is the data subject's own right: Mijn gegevens corrections are
    # for yourself only; acting for anyone else this page does not exist.
    if not request.acting.is_self:
        raise Http404
    field = request.GET.get(FIELD_PARAM, "")
    form_class = CORRECTION_FORMS.get(field)
    if form_class is None:
        submitted = FIELD_PARAM in request.GET or CHOSEN_PARAM in request.GET
        choice = FieldChoiceForm(request.GET if submitted else None)
        choice.is_valid()
        return render(request, "corrections/correction_choose.html", {"form": choice})

    registry = registry_for_request(request)
    file_sent = False
    if request.method == "POST":
        data = request.POST.copy()
        # A form without a token (tampered or very old) gets a fresh one.
        data["token"] = data.get("token") or _new_token()
        too_large = upload_too_large(request)
        form = form_class(data) if too_large else form_class(data, request.FILES)
        form.is_valid()
        if too_large:
            form.add_error("evidence", too_large_error())
        evidence = _checked_evidence(request, form)
        file_sent = too_large or bool(form.cleaned_data.get("evidence"))
        try:
            if not form.errors:
                correction = _file(request, form, field=field, registry=registry, evidence=evidence)
                if correction is not None:
                    return redirect(correction.case.get_absolute_url())
        finally:
            if evidence is not None:
                evidence.close()
            # A stored evidence file whose transaction rolled back is removed.
            cleanup_uncommitted_files()
    else:
        form = form_class(initial={"token": _new_token()})
    current = current_value(user=request.user, field=field, registry=registry)
    response = render(
        request,
        "corrections/correction_form.html",
        {
            "form": form,
            "field_label": dict(FIELD_CHOICES)[field],
            "current": display_value(field, current),
            "is_address": field == "address",
            # Browsers do not keep a chosen file when the form comes back.
            "choose_file_again": file_sent and "evidence" not in form.errors,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _checked_evidence(request, form):
    """The evidence file received (documents.receiving), or None when there is none
    or it was refused (then the form has the error). The caller closes it."""
    uploaded = form.cleaned_data.get("evidence") if hasattr(form, "cleaned_data") else None
    if not uploaded or "evidence" in form.errors:
        return None
    try:
        return receive_upload(request, uploaded, rate_limit=CITIZEN_UPLOADS)
    except ValidationError as exc:
        form.add_error("evidence", exc)
        return None


def _file(request, form, *, field: str, registry, evidence):
    """File the request; None (with the service's errors on the form) when refused."""
    try:
        correction = request_correction(
            user=request.user,
            field=field,
            value=form.cleaned_data["value"],
            explanation=form.cleaned_data["explanation"],
            idempotency_key=form.cleaned_data["token"],
            registry=registry,
            evidence=evidence,
        )
    except ValidationError as exc:
        by_field = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
        for name, errors in by_field.items():
            form.add_error(name if name in form.fields else None, errors)
        return None
    messages.success(
        request,
        _(
            "Uw verzoek is ontvangen. De gemeente controleert uw gegevens; "
            "u kunt uw verzoek hier en in Mijn overzicht volgen."
        ),
    )
    return correction
