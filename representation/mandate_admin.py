"""The register of mandate services in the back office (/beheer/machtigingsdiensten/,
decision 0050): an agency's administrators (backoffice/scoping.py) keep which
case types and products a DigiD Machtigen / eHerkenning service opens and at
which level. Another agency's row is absent or a 404; every add, change and
delete is in Wagtail's audit log (the row's "Geschiedenis")."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from backoffice.scoping import (
    AgencyScopedViewSet,
    ScopedCreateView,
    ScopedEditView,
    agencies_in_scope,
    register_agency_scope,
)
from cases.models import CaseType
from pages.models import ProductPage

from .models import MandateService

register_agency_scope(
    MandateService, agency_lookup="agency", actions={"add", "change", "delete", "view"}
)


class MandateServiceForm(WagtailAdminModelForm):
    class Meta:
        model = MandateService
        fields = ["agency", "service_id", "name", "case_types", "products", "minimum_level"]
        widgets = {
            "case_types": forms.CheckboxSelectMultiple,
            "products": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        data = super().clean()
        agency = data.get("agency")
        if agency is not None:
            for name, items in (
                ("case_types", data.get("case_types")),
                ("products", data.get("products")),
            ):
                if any(item.agency_id != agency.pk for item in items or ()):
                    self.add_error(
                        name,
                        ValidationError(
                            _("Kies alleen wat bij de gekozen organisatie hoort."),
                            code="other_agency",
                        ),
                    )
        return data


class ScopedChoices:
    """Offer only the user's agencies' case types and (Dutch) products."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)  # type: ignore[misc]
        agencies = agencies_in_scope(self.model, self.request.user)  # type: ignore[attr-defined]
        form.fields["case_types"].queryset = CaseType.objects.filter(
            agency__in=agencies
        ).select_related("agency")
        form.fields["products"].queryset = ProductPage.objects.filter(
            agency__in=agencies, locale=Locale.get_default()
        ).order_by("title")
        return form


class MandateServiceCreateView(ScopedChoices, ScopedCreateView):
    pass


class MandateServiceEditView(ScopedChoices, ScopedEditView):
    pass


class MandateServiceViewSet(AgencyScopedViewSet):
    model = MandateService
    form_class = MandateServiceForm
    add_view_class = MandateServiceCreateView
    edit_view_class = MandateServiceEditView
    icon = "key"
    name = "machtigingsdiensten"
    menu_label = _("Diensten voor machtigingen")
    add_to_admin_menu = True
    menu_order = 165
    list_display = ["name", "service_id", "agency", "minimum_level"]

    def get_form_class(self, for_update=False):
        return MandateServiceForm
