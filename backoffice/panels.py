"""Panels other apps add to the caseworker's case screen, through a Wagtail hook.

The back office knows cases, not what another app keeps about them (a
correction request's field and values live in identity). An app registers

    @hooks.register(CASE_PANELS_HOOK)
    def my_panel(*, request, case):
        return MyPanel(...) if it concerns this case else None

returning a `wagtail.admin.ui.components.Component` or None. The hook is called
once per view of the case screen, after the case was authorised for the
caseworker (backoffice.selectors), so a panel may audit what it shows
exactly once.
"""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.ui.components import Component

from cases.models import Case

CASE_PANELS_HOOK = "cases_backoffice_case_panels"


def case_panels(*, request, case: Case) -> list[Component]:
    panels = (
        panel_for(request=request, case=case) for panel_for in hooks.get_hooks(CASE_PANELS_HOOK)
    )
    return [panel for panel in panels if panel is not None]
