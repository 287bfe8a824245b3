"""Notification texts per agency, kept by that agency's administrators
(issue 18; decision 0043).

Agency-scoped like the other registers (backoffice/scoping.py): the listing
shows only the user's own agencies' texts, another agency's text is a 404 in
every view, and the agency choice offers only their own agencies. A text must
carry the four facts of Awb 2:10 lid 2 (notifications.models.check_template_text:
refused with a translated error), is saved through
notifications.template_services (which records who changed what, when), and
its "inspect" page is a preview filled with sample data next to its history.
Not deletable: the change record keeps its text (PROTECT); an agency goes back
to the global text by asking an operator.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel

from notifications.models import PLACEHOLDERS, AgencyNotificationTemplate
from notifications.template_services import save_agency_notification_template
from notifications.texts import fill, sample_values

from .scoping import (
    AgencyScopedViewSet,
    ScopedCreateView,
    ScopedEditView,
    ScopedInspectView,
    register_agency_scope,
)

TEMPLATE_ACTIONS = {"add", "change", "view"}


def _placeholder_help() -> str:
    return format_html(
        "<p>{}</p><ul>{}</ul>",
        _(
            "Een melding verwijst naar Open Loket en noemt volgens Awb 2:10 lid 2 de soort "
            "bericht, het rechtsgevolg, of actie wordt verwacht en de termijn. Invulvelden:"
        ),
        format_html_join("", "<li><code>${}</code></li>", ((name,) for name in PLACEHOLDERS)),
    )


class _SavedThroughService:
    def save_instance(self):
        return save_agency_notification_template(
            user=self.request.user,  # type: ignore[attr-defined]
            template=self.form.instance,  # type: ignore[attr-defined]
        )


class TemplateCreateView(_SavedThroughService, ScopedCreateView):
    pass


class TemplateEditView(_SavedThroughService, ScopedEditView):
    pass


class TemplatePreviewView(ScopedInspectView):
    """The text filled in with sample data, in its own language, and its history."""

    template_name = "backoffice/notification_template_preview.html"

    def get_page_subtitle(self):
        return _("Voorbeeld: %(template)s") % {"template": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        template = self.object
        with translation.override(template.language):
            values = sample_values(agency_name=template.agency.name, kind=template.kind)
            subject, body = fill(template.subject, template.body, values)
        context.update(
            preview_subject=subject,
            preview_body=body,
            changes=template.changes.select_related("changed_by")[:50],
        )
        return context


class AgencyNotificationTemplateViewSet(AgencyScopedViewSet):
    model = AgencyNotificationTemplate
    icon = "mail"
    name = "meldingsteksten"
    menu_label = _("Meldingsteksten")
    menu_order = 175
    add_to_admin_menu = True
    add_view_class = TemplateCreateView
    edit_view_class = TemplateEditView
    inspect_view_class = TemplatePreviewView
    inspect_view_enabled = True
    delete_view_enabled = False
    list_display = ["__str__", "agency", "subject", "updated_at"]
    list_filter = ["agency", "kind", "language"]

    @property
    def panels(self):
        return [
            HelpPanel(content=_placeholder_help()),
            FieldPanel("agency"),
            FieldPanel("kind"),
            FieldPanel("language"),
            FieldPanel("subject"),
            FieldPanel("body"),
        ]


register_agency_scope(AgencyNotificationTemplate, agency_lookup="agency", actions=TEMPLATE_ACTIONS)
