"""Back-office screens: an agency's case system and the citizen texts of its
ZGW statustypes, for the agency's administrators (and the operator) only
(backoffice/scoping.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.scoping import (
    AgencyScopedViewSet,
    ScopedCreateView,
    ScopedEditView,
    agencies_in_scope,
    register_agency_scope,
)

from .admin_forms import CaseSystemForm
from .models import CaseSystem, StatusTypeText

ACTIONS = {"add", "change", "view"}
register_agency_scope(CaseSystem, agency_lookup="agency", actions=ACTIONS)
register_agency_scope(StatusTypeText, agency_lookup="case_system__agency", actions=ACTIONS)


class CaseSystemScoped:
    """Offer only the user's agencies' case systems in a form."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)  # type: ignore[misc]
        if "case_system" in form.fields:
            agencies = agencies_in_scope(self.model, self.request.user)  # type: ignore[attr-defined]
            form.fields["case_system"].queryset = CaseSystem.objects.filter(agency__in=agencies)
        return form


class StatusTextCreateView(CaseSystemScoped, ScopedCreateView):
    pass


class StatusTextEditView(CaseSystemScoped, ScopedEditView):
    pass


class CaseSystemViewSet(AgencyScopedViewSet):
    model = CaseSystem
    icon = "link"
    name = "zaaksystemen"
    list_display = ["agency", "kind", "zaken_url", "client_id"]

    def get_form_class(self, for_update=False):
        return CaseSystemForm


class StatusTypeTextViewSet(AgencyScopedViewSet):
    model = StatusTypeText
    icon = "list-ol"
    name = "zgw-statusteksten"
    add_view_class = StatusTextCreateView
    edit_view_class = StatusTextEditView
    list_display = ["citizen_text", "case_system", "statustype_url"]
    form_fields = [
        "case_system",
        "statustype_url",
        "citizen_text",
        "citizen_text_en",
        "citizen_description",
        "citizen_description_en",
    ]


class ZgwViewSetGroup(ModelViewSetGroup):
    menu_label = _("Zaaksystemen")
    menu_icon = "link"
    menu_order = 170
    items = (CaseSystemViewSet, StatusTypeTextViewSet)


@hooks.register("register_admin_viewset")
def register_zgw():
    return ZgwViewSetGroup()
