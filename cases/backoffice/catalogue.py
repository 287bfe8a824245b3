"""Case types and status types, managed in the admin by agency administrators
(AgencyMembership role "agency_admin") for their own agencies only.

Every view starts from the agencies the user administers: another agency's
case type is a 404 in edit, history and usage, absent from the listing, and
not a valid choice in a form. Deleting is not offered: cases and statuses
keep their type (PROTECT); end a type with "geldig tot en met" instead.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cases.models import AgencyMembership, CaseType, MembershipRole, StatusType

from .selectors import agencies_administered_by

ALLOWED_ACTIONS = {"add", "change", "view"}
AGENCY_LOOKUP = {CaseType: "agency", StatusType: "case_type__agency"}


def scoped(model, queryset: QuerySet, user) -> QuerySet:
    lookup = AGENCY_LOOKUP[model]
    return queryset.filter(**{f"{lookup}__in": agencies_administered_by(user=user).values("pk")})


class AgencyAdminPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ALLOWED_ACTIONS and agencies_administered_by(user=user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            action in ALLOWED_ACTIONS
            and scoped(self.model, self.model.objects.filter(pk=instance.pk), user).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not ALLOWED_ACTIONS.intersection(actions):
            return self.model.objects.none()
        return scoped(self.model, self.model.objects.all(), user)

    def users_with_any_permission(self, actions):
        if not ALLOWED_ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True, agency_memberships__role=MembershipRole.AGENCY_ADMIN)
            .distinct()
        )


class ScopedFormMixin:
    """Limit the agency / case type choices to the user's agencies (a POST of
    another agency's id then fails validation like any invalid choice)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        agencies = agencies_administered_by(user=self.request.user)
        if "agency" in form.fields:
            form.fields["agency"].queryset = agencies
        if "case_type" in form.fields:
            form.fields["case_type"].queryset = CaseType.objects.filter(agency__in=agencies)
        return form


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scoped(self.model, super().get_base_queryset(), self.request.user)


class ScopedCreateView(ScopedFormMixin, generic.CreateView):
    pass


class ScopedEditView(ScopedFormMixin, generic.EditView):
    def get_queryset(self):
        return scoped(self.model, self.model._default_manager.all(), self.request.user)


class ScopedHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return scoped(self.model, super().get_base_object_queryset(), self.request.user)


class ScopedUsageView(UsageView):
    def get_base_object_queryset(self):
        return scoped(self.model, super().get_base_object_queryset(), self.request.user)


class AgencyScopedViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False


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
    list_display = ["__str__", "case_type", "citizen_text", "is_final", "notify_citizen"]
    list_filter = ["case_type"]
    form_fields = [
        "case_type",
        "order",
        "name",
        "citizen_text",
        "citizen_description",
        "notify_citizen",
        "is_final",
        "action_required",
        "action_label",
        "action_url",
        "shown_in_advance",
        "allows_citizen_upload",
    ]


class CatalogueViewSetGroup(ModelViewSetGroup):
    menu_label = _("Zaaktypen")
    menu_icon = "folder-inverse"
    menu_order = 160
    items = (CaseTypeViewSet, StatusTypeViewSet)


register_permission_policy(CaseType, AgencyAdminPolicy(CaseType))
register_permission_policy(StatusType, AgencyAdminPolicy(StatusType))


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
