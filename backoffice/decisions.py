"""Create a decision (besluit) for a case: pick the agency's template, write the
decision, preview the PDF, confirm. The PDF itself is rendered by a task
(documents.services.create_decision); the citizen is notified when it is added.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backoffice.decision_templates import DECISION_TEMPLATES_MENU_LABEL
from cases.models import Case
from documents import services as document_services
from documents.models import DecisionTemplate
from identity.actors import Actor
from identity.registry import RegistryUnavailable

from .forms import add_service_errors
from .views import _get_case

DECISION_QUEUED = gettext_lazy("Het besluit wordt gemaakt en staat zo bij de zaak.")


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


@require_http_methods(["GET", "POST"])
def create_decision(request, pk: int):
    case = _get_case(request, pk)
    form = DecisionForm(request.POST or None, case=case)
    action = request.POST.get("action", "")
    if request.method == "POST" and action in ("preview", "create") and form.is_valid():
        data = form.cleaned_data
        actor = Actor.caseworker(request.user, agency=case.agency)
        decision = {
            "case": case,
            "template": data["template"],
            "decision_text": data["decision_text"],
            "outcome": data["outcome"],
            "actor": actor,
        }
        try:
            if action == "preview":
                # An explicit request for the PDF; nothing is saved.
                unsaved = document_services.decision_request(**decision)
                pdf = document_services.decision_preview_pdf(request=unsaved)
                response = HttpResponse(pdf, content_type="application/pdf")
                response["Content-Disposition"] = 'inline; filename="voorbeeld-besluit.pdf"'
                return response
            document_services.create_decision(**decision)
        except RegistryUnavailable:
            form.add_error(
                None,
                _("De basisregistratie personen is nu niet bereikbaar. Probeer het later opnieuw."),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, DECISION_QUEUED)
            return redirect("cases_backoffice:detail", pk=case.pk)
    context = {
        "case": case,
        "form": form,
        "templates_menu_label": DECISION_TEMPLATES_MENU_LABEL,
        "templates_url": _templates_url(request.user),
    }
    return render(request, "backoffice/create_decision.html", context)


def _templates_url(user) -> str:
    """Where this user maintains decision templates, if they may."""
    from backoffice.decision_templates import decision_templates_viewset

    if decision_templates_viewset.permission_policy.user_has_any_permission(
        user, ["add", "change"]
    ):
        return reverse(decision_templates_viewset.get_url_name("index"))
    return ""
