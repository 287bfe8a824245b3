"""Wagtail admin: decision templates as snippets, and a dashboard panel that says
plainly whether uploads are scanned for viruses.

Documents themselves get no generic admin listing: a caseworker may only see their
own agency's documents, so they are shown in the back office's case screens
(cases.backoffice), which authorise per agency."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PLACEHOLDERS, DecisionTemplate
from .scanning import scanner_config


def _placeholder_help() -> str:
    from django.utils.html import format_html, format_html_join

    return format_html(
        "<p>{}</p><ul>{}</ul>",
        _("Gebruik alleen gewone tekst. Deze invulvelden worden vervangen:"),
        format_html_join("", "<li><code>{{{}}}</code>: {}</li>", PLACEHOLDERS.items()),
    )


class DecisionTemplateViewSet(SnippetViewSet):
    model = DecisionTemplate
    icon = "doc-full"
    menu_label = _("Besluitsjablonen")
    list_display = ["name", "case_type", "is_active"]
    list_filter = ["is_active"]

    @property
    def panels(self):
        return [
            HelpPanel(content=_placeholder_help()),
            FieldPanel("case_type"),
            FieldPanel("name"),
            FieldPanel("is_active"),
            MultiFieldPanel(
                [
                    FieldPanel("letterhead"),
                    FieldPanel("salutation"),
                    FieldPanel("body"),
                    FieldPanel("signature"),
                ],
                heading=_("Brief"),
            ),
            MultiFieldPanel(
                [FieldPanel("objection"), FieldPanel("objection_weeks")],
                heading=_("Bezwaar"),
            ),
        ]


register_snippet(DecisionTemplateViewSet)


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
