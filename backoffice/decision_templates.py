"""Decision templates in the admin, per agency (docs/decisions/0021).

Agency administrators, and editors (group "Redacteuren") who are members of
an agency, maintain that agency's templates: the listing shows only their own
agencies' templates, another agency's template is a 404, and the case type
choice offers only their own agencies' case types (backoffice/scoping.py).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel

from backoffice.groups import EDITORS
from backoffice.models import MembershipRole
from backoffice.scoping import AgencyScopedViewSet, register_agency_scope
from cases.models import Agency
from documents.models import PLACEHOLDERS, DecisionTemplate

# One label for the menu and for every hint that points to it, in both languages.
DECISION_TEMPLATES_MENU_LABEL = _("Besluitsjablonen")
# Templates are ended with "in gebruik" off: a decision keeps its template (PROTECT).
TEMPLATE_ACTIONS = {"add", "change", "view"}


def agencies_for_decision_templates(*, user) -> QuerySet[Agency]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    own = Q(memberships__user=user, memberships__role=MembershipRole.AGENCY_ADMIN)
    if user.groups.filter(name=EDITORS).exists():
        own |= Q(memberships__user=user)
    return Agency.objects.filter(own).distinct()


def _placeholder_help() -> str:
    return format_html(
        "<p>{}</p><ul>{}</ul>",
        _("Gebruik alleen gewone tekst. Deze invulvelden worden vervangen:"),
        format_html_join("", "<li><code>{{{}}}</code>: {}</li>", PLACEHOLDERS.items()),
    )


class DecisionTemplateViewSet(AgencyScopedViewSet):
    model = DecisionTemplate
    icon = "doc-full"
    name = "besluitsjablonen"
    menu_label = DECISION_TEMPLATES_MENU_LABEL
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "case_type", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]

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
                [
                    FieldPanel("objection"),
                    FieldPanel("objection_instructions"),
                    FieldPanel("objection_weeks"),
                ],
                heading=_("Bezwaar"),
            ),
        ]


register_agency_scope(
    DecisionTemplate,
    agency_lookup="case_type__agency",
    actions=TEMPLATE_ACTIONS,
    agencies=agencies_for_decision_templates,
)
decision_templates_viewset = DecisionTemplateViewSet()
