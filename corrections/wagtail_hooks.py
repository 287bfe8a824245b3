"""Wagtail admin hooks of the corrections app."""

from wagtail import hooks

from backoffice.panels import CASE_PANELS_HOOK


@hooks.register(CASE_PANELS_HOOK)
def correction_request_panel(*, request, case):
    """The requested correction on a "Correctie persoonsgegevens" case (issue 9)."""
    from .backoffice import correction_panel

    return correction_panel(request=request, case=case)
