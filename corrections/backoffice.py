"""The requested correction on the caseworker's case screen (/beheer/zaken/<pk>/).

Registered on the back office's case-panel hook (identity/wagtail_hooks.py,
backoffice/panels.py), so cases/ does not import this app's internals.
The panel puts what the citizen asks next to what the registry says now; that
lookup is shown to a caseworker, so it is logged once per view as the agency
viewing the citizen's registry data (the citizen reads it on "Wie heeft mijn
gegevens bekeken").
"""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from cases.models import Case, RoleType
from identity.access_log import AccessAction, Purpose
from identity.registry import RegistryUnavailable, get_registry

from .case_type import CASE_TYPE_CODE
from .models import CorrectionRequest
from .values import display_value, registered_value

# Stored in Dutch in the access log, translated when shown.


class CorrectionPanel(Component):
    template_name = "corrections/correction_panel.html"

    def __init__(self, *, case: Case, correction: CorrectionRequest, current: str | None):
        self.case = case
        self.correction = correction
        # None: the registry could not answer; "": it has nothing for this field.
        self.current = current

    def get_context_data(self, parent_context=None):
        return {
            "case": self.case,
            "correction": self.correction,
            "current": self.current,
            "registry_unavailable": self.current is None,
        }


def correction_panel(*, request, case: Case) -> CorrectionPanel | None:
    """The panel for a "Correctie persoonsgegevens" case, else None."""
    if case.case_type.code != CASE_TYPE_CODE:
        return None
    correction = (
        CorrectionRequest.objects.select_related("evidence").filter(case_id=case.pk).first()
    )
    if correction is None:
        return None
    return CorrectionPanel(
        case=case, correction=correction, current=_current(case, correction, viewer=request.user)
    )


def _current(case: Case, correction: CorrectionRequest, *, viewer) -> str | None:
    bsn = (
        case.roles.filter(role_type=RoleType.INITIATOR)
        .order_by("id")
        .values_list("bsn", flat=True)
        .first()
    )
    if not bsn:
        return ""
    registry = get_registry(organisation=case.agency.name, action=AccessAction.VIEWED)
    try:
        person = registry.get_person(bsn, purpose=Purpose.CORRECTION_REVIEW, viewer=viewer)
    except RegistryUnavailable:
        return None
    return display_value(correction.field, registered_value(correction.field, person))
