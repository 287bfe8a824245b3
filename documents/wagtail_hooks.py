"""Wagtail admin: decision templates as snippets, documents (read-only list), and a
dashboard panel that says plainly whether uploads are scanned for viruses."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PLACEHOLDERS, DecisionTemplate, Document
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


class DocumentViewSet(SnippetViewSet):
    """Caseworkers and operators see which documents exist (no contents, no editing:
    documents are created only through documents.services)."""

    model = Document
    icon = "doc-empty"
    menu_label = _("Documenten")
    list_display = ["title", "kind", "case", "content_type", "size", "created_at"]
    list_filter = ["kind"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_add_url(self):  # no manual creation
        return None


register_snippet(DecisionTemplateViewSet)
register_snippet(DocumentViewSet)


class VirusScanPanel(Component):
    name = "virus_scan"
    order = 50
    template_name = "documents/admin/virus_scan_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        config = scanner_config()
        context["enabled"] = config.enabled
        context["target"] = config.describe() if config.enabled else ""
        return context


@hooks.register("construct_homepage_panels")
def add_virus_scan_panel(request, panels):
    if request.user.is_superuser or request.user.has_perm("documents.view_document"):
        panels.append(VirusScanPanel())
