"""Wagtail admin hooks of the back office (imported by cases/wagtail_hooks.py)."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from notifications.models import NotificationTemplate

from . import urls
from .panels import CASE_PANELS_HOOK
from .selectors import dashboard_counts, is_caseworker


@hooks.register("register_admin_urls")
def register_case_urls():
    return [path("zaken/", include((urls, "cases_backoffice"), namespace="cases_backoffice"))]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_caseworker(request.user)


@hooks.register("insert_global_admin_css")
def target_sizes():
    """Our own admin lists of links meet WCAG 2.5.8 (24 px targets)."""
    return format_html('<link rel="stylesheet" href="{}">', static("backoffice/targets.css"))


@hooks.register("insert_global_admin_js")
def translate_datetimepicker_button():
    """The vendored date picker's "Save Selected" button is English only."""
    return format_html(
        '<script src="{}" data-save-label="{}"></script>',
        static("backoffice/datetimepicker_labels.js"),
        _("Keuze opslaan"),
    )


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CasesMenuItem(
        _("Zaken"),
        reverse("cases_backoffice:list"),
        name="cases",
        icon_name="folder-open-inverse",
        order=150,
    )


class CaseworkerPanel(Component):
    """Counts of the caseworker's agencies on the admin dashboard."""

    name = "caseworker_cases"
    template_name = "backoffice/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = dashboard_counts(user=parent_context["request"].user)
        return context


@hooks.register("construct_homepage_panels")
def add_caseworker_panel(request, panels):
    if is_caseworker(request.user):
        panels.insert(0, CaseworkerPanel())
        from .message_dashboard import FormalMessagesDashboardPanel

        panels.insert(1, FormalMessagesDashboardPanel())


class NotificationTemplateViewSet(SnippetViewSet):
    model = NotificationTemplate
    icon = "mail"
    menu_label = _("E-mailteksten")
    list_display = ["__str__", "subject"]


register_snippet(NotificationTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_catalogue():
    from .catalogue import CatalogueViewSetGroup

    return CatalogueViewSetGroup()


@hooks.register("register_admin_viewset")
def register_memberships():
    from .catalogue import AgencyMembershipViewSet

    return AgencyMembershipViewSet()


class MembershipsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("backoffice.change_agencymembership")


@hooks.register("register_settings_menu_item")
def register_memberships_menu_item():
    return MembershipsMenuItem(
        _("Medewerkers van organisaties"),
        reverse("lidmaatschappen:index"),
        name="agency-memberships",
        icon_name="group",
        order=610,
    )


@hooks.register("register_admin_viewset")
def register_agencies():
    from .catalogue import AgencyViewSet

    return AgencyViewSet()


class AgenciesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("cases.change_agency")


@hooks.register("register_settings_menu_item")
def register_agencies_menu_item():
    return AgenciesMenuItem(
        _("Organisaties"),
        reverse("organisaties:index"),
        name="agencies",
        icon_name="site",
        order=600,
    )


@hooks.register("register_admin_viewset")
def register_notification_templates():
    """Notification texts per agency (issue 18, backoffice/notification_templates.py)."""
    from .notification_templates import AgencyNotificationTemplateViewSet

    return AgencyNotificationTemplateViewSet()


@hooks.register("register_admin_viewset")
def register_decision_templates():
    """Decision templates per agency (backoffice/decision_templates.py)."""
    from .decision_templates import decision_templates_viewset

    return decision_templates_viewset


@hooks.register("cases_backoffice_case_panels")  # backoffice.panels.CASE_PANELS_HOOK
def citizen_tasks_panel(*, request, case):
    """The case's tasks for the citizen, with create and withdraw (issue 21)."""
    from .case_tasks import case_tasks_panel

    return case_tasks_panel(request=request, case=case)


@hooks.register(CASE_PANELS_HOOK)
def formal_messages_panel(*, request, case):
    """Citizens' formal messages on the case (issue 17, backoffice/formal_messages.py)."""
    from .formal_messages import formal_messages_panel as panel

    return panel(request=request, case=case)


@hooks.register("register_admin_viewset")
def register_channel_registers():
    """Channel register and outage register (issue 17, backoffice/channels.py)."""
    from .channels import ChannelViewSetGroup

    return ChannelViewSetGroup()
