"""Wagtail admin hooks of the notifications app."""

from wagtail import hooks

# backoffice.panels.CASE_PANELS_HOOK: the name, not an import (backoffice is a
# layer above notifications).
CASE_PANELS_HOOK = "cases_backoffice_case_panels"


@hooks.register(CASE_PANELS_HOOK)
def contact_restore_case_panel(*, request, case):
    from .panels import contact_restore_panel

    return contact_restore_panel(request=request, case=case)
