"""The caseworker's dashboard panel for citizens' formal messages (issue 17):
"nieuwe bezwaren" (objections nobody took into handling yet) and
"ingebrekestellingen met termijn" (notices of default with the agency's
deadline, Awb 4:17 lid 3: two weeks after receipt, then a penalty may
accrue), soonest first, overdue ones marked.

Scoped to the caseworker's agencies like every back-office read.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from wagtail.admin.ui.components import Component

from messaging.kinds import Direction, EvidenceKind, MessageKind
from messaging.models import EvidenceEvent, Message

from .selectors import agencies_for_caseworker

LIST_LENGTH = 10


def _own(user) -> QuerySet[Message]:
    agency_ids = list(agencies_for_caseworker(user=user).values_list("pk", flat=True))
    return Message.objects.filter(agency_id__in=agency_ids, direction=Direction.TO_AGENCY)


def new_objections(*, user) -> QuerySet[Message]:
    """Objections not yet taken into handling (nor handled)."""
    taken = EvidenceEvent.objects.filter(
        message=OuterRef("pk"), kind=EvidenceKind.TAKEN_INTO_HANDLING
    )
    return (
        _own(user)
        .filter(kind=MessageKind.BEZWAAR, handled_at__isnull=True)
        .exclude(Exists(taken))
        .select_related("agency", "case", "opened_case")
        .order_by("sent_at", "id")
    )


def notices_of_default(*, user) -> QuerySet[Message]:
    """Open notices of default with the agency's deadline, soonest first."""
    return (
        _own(user)
        .filter(
            kind=MessageKind.INGEBREKESTELLING,
            handled_at__isnull=True,
            expects_action_by__isnull=False,
        )
        .select_related("agency", "case")
        .order_by("expects_action_by", "sent_at", "id")
    )


class FormalMessagesDashboardPanel(Component):
    name = "caseworker_formal_messages"
    template_name = "backoffice/message_dashboard_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        objections = new_objections(user=user)
        notices = notices_of_default(user=user)
        return {
            "objections_count": objections.count(),
            "objections": list(objections[:LIST_LENGTH]),
            "notices_count": notices.count(),
            "notices": list(notices[:LIST_LENGTH]),
            "today": timezone.localdate(),
        }
