"""Wagtail admin: a dashboard panel that says plainly whether uploads are scanned for viruses.

Documents themselves get no generic admin listing: a caseworker may only see their
own agency's documents, so they are shown in the back office's case screens
(backoffice), which authorise per agency."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .scanning import scanner_config


class VirusScanPanel(Component):
    name = "virus_scan"
    order = 50
    template_name = "documents/admin/virus_scan_panel.html"

    def __init__(self, *, show_target: bool = False):
        self.show_target = show_target

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        config = scanner_config()
        context["enabled"] = config.enabled
        # Where clamd runs is infrastructure detail: administrators only.
        context["target"] = config.describe() if config.enabled and self.show_target else ""
        return context


@hooks.register("construct_homepage_panels")
def add_virus_scan_panel(request, panels):
    panels.append(VirusScanPanel(show_target=request.user.is_superuser))
