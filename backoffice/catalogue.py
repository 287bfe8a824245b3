"""Case types and status types, managed in the admin by agency administrators
(AgencyMembership role "agency_admin") for their own agencies only.

The screens are agency-scoped (backoffice/scoping.py): another
agency's case type is a 404 in edit, history and usage, absent from the
listing, and not a valid choice in a form.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from backoffice.models import AgencyMembership
from cases.models import Agency, CaseType, StatusType

from .scoping import AgencyScopedViewSet, register_agency_scope

# Deleting is not offered: cases and statuses keep their type (PROTECT);
# end a type with "geldig tot en met" instead.
CATALOGUE_ACTIONS = {"add", "change", "view"}


class CaseTypeViewSet(AgencyScopedViewSet):
    model = CaseType
    icon = "folder-inverse"
    name = "zaaktypen"
    list_display = ["name", "code", "agency", "processing_days"]
    search_fields = ["name", "code"]
    form_fields = [
        "agency",
        "code",
        "name",
        "name_en",
        "description",
        "processing_days",
        "service_norm_days",
        "confidentiality",
        "citizen_uploads",
        "valid_from",
        "valid_until",
    ]


class StatusTypeViewSet(AgencyScopedViewSet):
    model = StatusType
    icon = "list-ol"
    name = "statustypen"
    list_display = [
        "__str__",
        "case_type",
        "citizen_text",
        "citizen_group",
        "is_final",
        "notify_citizen",
    ]
    list_filter = ["case_type"]
    form_fields = [
        "case_type",
        "order",
        "name",
        "citizen_text",
        "citizen_text_en",
        "citizen_description",
        "citizen_description_en",
        "citizen_group",
        "notify_citizen",
        "is_final",
        "action_required",
        "action_label",
        "action_label_en",
        "action_url",
        "shown_in_advance",
        "allows_citizen_upload",
    ]


class CatalogueViewSetGroup(ModelViewSetGroup):
    menu_label = _("Zaaktypen")
    menu_icon = "folder-inverse"
    menu_order = 160
    items = (CaseTypeViewSet, StatusTypeViewSet)


register_agency_scope(CaseType, agency_lookup="agency", actions=CATALOGUE_ACTIONS)
register_agency_scope(StatusType, agency_lookup="case_type__agency", actions=CATALOGUE_ACTIONS)


class AgencyMembershipViewSet(ModelViewSet):
    """Who works for which agency. Django's model permissions (superusers, or a
    group given cases.add/change/delete_agencymembership) — not agency admins,
    so nobody can make themselves a member of another agency."""

    model = AgencyMembership
    icon = "group"
    name = "lidmaatschappen"
    menu_label = _("Medewerkers van organisaties")
    add_to_admin_menu = False
    list_display = ["user", "agency", "role"]
    list_filter = ["agency", "role"]
    form_fields = ["user", "agency", "role"]
    copy_view_enabled = False


class AgencyViewSet(ModelViewSet):
    """The agencies themselves (issue 15.15): Django's model permissions, so
    superusers (the platform operator) only; an agency admin cannot create or
    rename agencies. `manage.py create_agency` does the same from the shell."""

    model = Agency
    icon = "site"
    name = "organisaties"
    menu_label = _("Organisaties")
    add_to_admin_menu = False
    list_display = ["name", "short_name", "slug", "oin", "rsin", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name", "slug"]
    form_fields = [
        "name",
        "short_name",
        "slug",
        "oin",
        "rsin",
        "reference_prefix",
        "phone",
        "email",
        "website",
        "is_active",
    ]
    copy_view_enabled = False
