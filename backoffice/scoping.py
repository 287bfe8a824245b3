"""Admin screens limited to the agencies a user manages.

Every scoped screen starts from `agencies_managed_by(user)`: an agency
administrator (AgencyMembership role "agency_admin") sees their own agencies'
rows only; another agency's row is absent from listings, a 404 in every
single-object view, and not a valid choice in a form. A superuser is the
platform operator and sees every agency: that adds no power, since a
superuser may already make themselves a member of any agency.

A model joins with `register_agency_scope(Model, agency_lookup=..., actions=...)`
and a viewset built on `AgencyScopedViewSet`. A model whose rows more people
maintain (decision templates: editors of the agency too) passes its own
`agencies=` function; it must still answer only with the user's own agencies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from backoffice.models import MembershipRole
from cases.models import Agency

from .selectors import agencies_administered_by


def agencies_managed_by(*, user) -> QuerySet[Agency]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return agencies_administered_by(user=user)


@dataclass(frozen=True)
class AgencyScope:
    agency_lookup: str
    actions: frozenset[str]
    agencies: Callable[..., QuerySet[Agency]] = agencies_managed_by


_SCOPES: dict[type, AgencyScope] = {}


def agencies_in_scope(model, user) -> QuerySet[Agency]:
    return _SCOPES[model].agencies(user=user)


def scoped(model, queryset: QuerySet, user) -> QuerySet:
    lookup = _SCOPES[model].agency_lookup
    return queryset.filter(**{f"{lookup}__in": agencies_in_scope(model, user).values("pk")})


class AgencyScopedPolicy(BasePermissionPolicy):
    """Which actions exist at all is per model (an API client is never added in
    the admin, a webhook event is only read); who may do them is per agency."""

    @cached_property
    def actions(self) -> frozenset[str]:
        return _SCOPES[self.model].actions

    def user_has_permission(self, user, action):
        return action in self.actions and agencies_in_scope(self.model, user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            action in self.actions
            and scoped(self.model, self.model.objects.filter(pk=instance.pk), user).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.actions.intersection(actions):
            return self.model.objects.none()
        return scoped(self.model, self.model.objects.all(), user)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(agency_memberships__role=MembershipRole.AGENCY_ADMIN))
            .distinct()
        )


def register_agency_scope(
    model,
    *,
    agency_lookup: str,
    actions: set[str],
    agencies: Callable[..., QuerySet[Agency]] = agencies_managed_by,
) -> None:
    _SCOPES[model] = AgencyScope(
        agency_lookup=agency_lookup, actions=frozenset(actions), agencies=agencies
    )
    register_permission_policy(model, AgencyScopedPolicy(model))


class ScopedFormMixin:
    """Limit agency and case type choices to the user's agencies (a POST of
    another agency's id then fails validation like any invalid choice)."""

    def get_form(self, form_class=None):
        from cases.models import CaseType

        form = super().get_form(form_class)
        agencies = agencies_in_scope(self.model, self.request.user)
        if "agency" in form.fields:
            form.fields["agency"].queryset = agencies
        if "case_type" in form.fields:
            form.fields["case_type"].queryset = CaseType.objects.filter(agency__in=agencies)
        return form


def scope_filter_choices(filterset, user) -> None:
    """Offer only the user's agencies (and their case types) in the listing's
    filter drop-downs: the rows are scoped, so must the names be."""
    from cases.models import CaseType

    agencies = agencies_managed_by(user=user)
    choices = {Agency: agencies, CaseType: CaseType.objects.filter(agency__in=agencies)}
    for list_filter in filterset.filters.values():
        model = getattr(getattr(list_filter, "queryset", None), "model", None)
        if model in choices:
            list_filter.queryset = choices[model]


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scoped(self.model, super().get_base_queryset(), self.request.user)

    @cached_property
    def filters(self):
        if not self.filterset_class:
            return None
        filterset = self.filterset_class(**self.get_filterset_kwargs())
        scope_filter_choices(filterset, self.request.user)
        return filterset if filterset.form.fields else None


class ScopedCreateView(ScopedFormMixin, generic.CreateView):
    pass


class ScopedEditView(ScopedFormMixin, generic.EditView):
    def get_queryset(self):
        return scoped(self.model, self.model._default_manager.all(), self.request.user)


class ScopedDeleteView(generic.DeleteView):
    def get_queryset(self):
        return scoped(self.model, self.model._default_manager.all(), self.request.user)


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        rows = scoped(self.model, self.model._default_manager.all(), self.request.user)
        return get_object_or_404(rows, pk=unquote(str(self.pk)))


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
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
