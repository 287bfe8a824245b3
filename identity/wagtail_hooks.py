"""Wagtail admin hooks of the identity app."""

from wagtail import hooks

from cases.backoffice.panels import CASE_PANELS_HOOK


@hooks.register(CASE_PANELS_HOOK)
def correction_request_panel(*, request, case):
    """The requested correction on a "Correctie persoonsgegevens" case (issue 9)."""
    from .corrections.backoffice import correction_panel

    return correction_panel(request=request, case=case)
