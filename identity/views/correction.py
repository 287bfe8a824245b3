""" "Klopt er iets niet?": asking the municipality to correct registry data.

Step 1 (no or an unknown ?gegeven=) chooses the field; step 2 asks the correct
value and an explanation and files the request (identity.corrections.services),
after which the citizen lands on the new case.
"""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from identity.corrections.forms import CORRECTION_FORMS, FIELD_CHOICES, FieldChoiceForm
from identity.corrections.services import current_value, request_correction
from identity.corrections.values import display_value
from identity.decorators import citizen_required
from identity.registry import registry_for_request

FIELD_PARAM = "gegeven"
# Sent by the choice form, so a submit without a choice shows the error.
CHOSEN_PARAM = "stap"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@citizen_required
def correction_request(request):
    field = request.GET.get(FIELD_PARAM, "")
    form_class = CORRECTION_FORMS.get(field)
    if form_class is None:
        submitted = FIELD_PARAM in request.GET or CHOSEN_PARAM in request.GET
        choice = FieldChoiceForm(request.GET if submitted else None)
        choice.is_valid()
        return render(request, "identity/correction_choose.html", {"form": choice})

    registry = registry_for_request(request)
    if request.method == "POST":
        data = request.POST.copy()
        # A form without a token (tampered or very old) gets a fresh one.
        data["token"] = data.get("token") or _new_token()
        form = form_class(data)
        if form.is_valid():
            try:
                correction = request_correction(
                    user=request.user,
                    field=field,
                    value=form.cleaned_data["value"],
                    explanation=form.cleaned_data["explanation"],
                    idempotency_key=form.cleaned_data["token"],
                    registry=registry,
                )
            except ValidationError as exc:
                by_field = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
                for name, errors in by_field.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _(
                        "Uw verzoek is ontvangen. De gemeente controleert uw gegevens; "
                        "u kunt uw verzoek hier en in Mijn overzicht volgen."
                    ),
                )
                return redirect(correction.case.get_absolute_url())
    else:
        form = form_class(initial={"token": _new_token()})
    current = current_value(user=request.user, field=field, registry=registry)
    return render(
        request,
        "identity/correction_form.html",
        {
            "form": form,
            "field_label": dict(FIELD_CHOICES)[field],
            "current": display_value(field, current),
            "is_address": field == "address",
        },
    )
