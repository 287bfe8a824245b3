"""Help on every page (WCAG 2.2 SC 3.2.6 consistent help; Awb 2:1 duty of care).

The header links to the help page for the page's context: on a page of one case
(its URL names the agency and reference) the help of that agency for that case,
elsewhere the portal's helpdesk. The context travels as the agency slug and case
reference the case URLs already use; never a BSN.
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.viewer import own_context
from identity.access_log import AccessAction, Purpose, log_case_access
from identity.acting import ActingContext
from identity.actors import Actor
from identity.forms import AccessibleFormMixin
from identity.phone import normalize_phone

from .models import CallbackRequest, CallbackTime


def help_url_for(request) -> str:
    """The header's "Hulp nodig?" target for the page being shown."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    if "agency" in kwargs and "reference" in kwargs:
        return reverse(
            "pages:case_help",
            kwargs={"agency": kwargs["agency"], "reference": kwargs["reference"]},
        )
    return reverse("pages:help")


def help_link(request) -> dict[str, str]:
    """Context processor: HELP_URL for base.html."""
    return {"HELP_URL": help_url_for(request)}


class CallbackForm(AccessibleFormMixin, forms.Form):
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Vul uw telefoonnummer in.")},
    )
    preferred_time = forms.ChoiceField(
        label=_("Wanneer mogen we bellen?"),
        choices=CallbackTime.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wanneer we u mogen bellen.")},
    )
    question = forms.CharField(
        label=_("Waar gaat uw vraag over?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kort, in een paar zinnen. Hooguit 500 tekens."),
        error_messages={
            "required": _("Schrijf kort waar uw vraag over gaat."),
            "max_length": _("Gebruik hooguit 500 tekens."),
        },
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])


def new_callback_form(*, initial_phone: str = "") -> CallbackForm:
    # 3.3.7 redundant entry: the phone number the citizen already gave us is filled in.
    return CallbackForm(initial={"token": uuid.uuid4(), "phone": initial_phone})


@transaction.atomic
def request_callback(
    *,
    case: Case,
    user,
    phone: str,
    preferred_time: str,
    question: str,
    key: uuid.UUID,
    context: ActingContext | None = None,
) -> CallbackRequest:
    """Record the request for the case's agency; the same form sent twice is one request.

    `context` is whom it is for (identity.acting; "yourself" when not given):
    the request is the subject's, the access-log entry names the actor."""
    context = context if context is not None else own_context(user)
    if context is None or not context.subject.bsn:
        raise ValueError("A callback request is kept by BSN: the subject must be a person.")
    bsn = context.subject.bsn
    existing = CallbackRequest.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.case_id != case.pk or existing.bsn != bsn:
            raise ValidationError(_("Dit formulier is al gebruikt."), code="token_used")
        return existing
    callback = CallbackRequest(
        case=case,
        bsn=bsn,
        phone=normalize_phone(phone),
        preferred_time=preferred_time,
        question=question.strip(),
        idempotency_key=key,
    )
    callback.full_clean()
    callback.save()
    log_case_access(
        case=case,
        actor=Actor.acting(user, context),
        action=AccessAction.CREATED,
        purpose=Purpose.CASE_HANDLING,
        object_kind="callback_request",
        object_label=str(_("Terugbelverzoek")),
        detail={"callback_request": callback.pk},
        bsns=[bsn],
    )
    return callback
