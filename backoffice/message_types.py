"""An agency's own message types (issue 18), managed by its agency
administrators next to the global types the migration seeds (decision 0037).

Agency-scoped like the catalogue (backoffice/scoping.py): another agency's
type is absent and a 404; the agency is required, so nobody adds a global
type here. Not deletable: messages and consents keep their type (PROTECT).
Registered from backoffice.messages_to_citizens, which the admin URLs import.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from messaging.consent_models import MessageType

from .scoping import (
    AgencyScopedViewSet,
    ScopedCreateView,
    ScopedEditView,
    register_agency_scope,
)

MESSAGE_TYPE_ACTIONS = {"add", "change", "view"}


class _AgencyRequired:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)  # type: ignore[misc]
        form.fields["agency"].required = True
        return form


class MessageTypeCreateView(_AgencyRequired, ScopedCreateView):
    pass


class MessageTypeEditView(_AgencyRequired, ScopedEditView):
    pass


class MessageTypeViewSet(AgencyScopedViewSet):
    model = MessageType
    icon = "mail"
    name = "berichtsoorten"
    menu_label = _("Berichtsoorten")
    menu_order = 170
    add_to_admin_menu = True
    add_view_class = MessageTypeCreateView
    edit_view_class = MessageTypeEditView
    list_display = ["name", "code", "agency", "is_formal"]
    form_fields = [
        "agency",
        "code",
        "name",
        "name_en",
        "description",
        "description_en",
        "is_formal",
        "order",
    ]


register_agency_scope(MessageType, agency_lookup="agency", actions=MESSAGE_TYPE_ACTIONS)


@hooks.register("register_admin_viewset")
def register_message_types():
    return MessageTypeViewSet()
