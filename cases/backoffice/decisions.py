"""Create a decision (besluit) for a case: pick the agency's template, write the
decision, preview the PDF, confirm. The PDF itself is rendered by a task
(documents.services.create_decision); the citizen is notified when it is added.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_http_methods

from cases.actors import Actor
from cases.models import Case, RoleType
from documents import services as document_services
from documents.models import DecisionRequest, DecisionTemplate
from identity.registry import RegistryUnavailable, get_registry

from .forms import add_service_errors
from .views import _get_case

DECISION_QUEUED = gettext_lazy("Het besluit wordt gemaakt en staat zo bij de zaak.")
# Stored in Dutch in the access log, translated when shown.
PURPOSE_DECISION = gettext_noop("Besluit opstellen")


class DecisionForm(forms.Form):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Sjabloon"), queryset=DecisionTemplate.objects.none()
    )
    outcome = forms.CharField(
        label=gettext_lazy("Uitkomst"),
        max_length=200,
        help_text=gettext_lazy("Kort, bijvoorbeeld “toegekend” of “afgewezen”."),
    )
    decision_text = forms.CharField(
        label=gettext_lazy("Besluittekst"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("De inwoner leest deze tekst in de brief."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = DecisionTemplate.objects.filter(
            case_type=case.case_type, is_active=True
        ).order_by("name")


def _recipient(case: Case, user) -> tuple[str, str]:
    """Name and address of the initiator from the person registry (logged lookup)."""
    role = case.roles.filter(role_type=RoleType.INITIATOR).order_by("id").first()
    if role is None:
        return "", ""
    person = get_registry().get_person(role.bsn, purpose=PURPOSE_DECISION, viewer=user)
    if person is None:
        return "", ""
    address = person.address
    lines = [address.line1, address.line2] if address else []
    return person.full_name, "\n".join(line for line in lines if line)


@require_http_methods(["GET", "POST"])
def create_decision(request, pk: int):
    case = _get_case(request, pk)
    form = DecisionForm(request.POST or None, case=case)
    action = request.POST.get("action", "")
    if request.method == "POST" and action in ("preview", "create") and form.is_valid():
        data = form.cleaned_data
        try:
            name, address = _recipient(case, request.user)
        except RegistryUnavailable:
            form.add_error(
                None,
                _("De basisregistratie personen is nu niet bereikbaar. Probeer het later opnieuw."),
            )
        else:
            if action == "preview":
                # An explicit request for the PDF; nothing is saved.
                unsaved = DecisionRequest(
                    case=case,
                    template=data["template"],
                    decision_text=data["decision_text"],
                    outcome=data["outcome"],
                    recipient_name=name,
                    recipient_address=address,
                    **_dates(data["template"]),
                )
                pdf = document_services.decision_preview_pdf(request=unsaved)
                response = HttpResponse(pdf, content_type="application/pdf")
                response["Content-Disposition"] = 'inline; filename="voorbeeld-besluit.pdf"'
                return response
            try:
                document_services.create_decision(
                    case=case,
                    template=data["template"],
                    decision_text=data["decision_text"],
                    outcome=data["outcome"],
                    actor=Actor.caseworker(request.user, agency=case.agency),
                    recipient_name=name,
                    recipient_address=address,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    DECISION_QUEUED,
                )
                return redirect("cases_backoffice:detail", pk=case.pk)
    return render(request, "cases/backoffice/create_decision.html", {"case": case, "form": form})


def _dates(template: DecisionTemplate) -> dict:
    today = timezone.localdate()
    return {
        "decision_date": today,
        "objection_deadline": today + timedelta(weeks=template.objection_weeks),
    }
