"""The representations screens in the Wagtail admin (/beheer/vertegenwoordigingen/)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .selectors import may_keep_representations


@hooks.register("register_admin_urls")
def register_representation_urls():
    return [
        path(
            "vertegenwoordigingen/",
            include((urls, "representation_backoffice"), namespace="representation_backoffice"),
        )
    ]


class RepresentationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_keep_representations(request.user)


@hooks.register("register_admin_menu_item")
def register_representations_menu_item():
    return RepresentationsMenuItem(
        _("Vertegenwoordigingen"),
        reverse("representation_backoffice:list"),
        name="representations",
        icon_name="group",
        order=160,
    )


@hooks.register("register_permissions")
def register_representation_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="representation", codename="manage_representations"
    )


@hooks.register("register_admin_viewset")
def register_mandate_services():
    from .mandate_admin import MandateServiceViewSet

    return MandateServiceViewSet()
