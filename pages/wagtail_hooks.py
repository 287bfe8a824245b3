"""Wagtail admin hooks of the catalogue."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_panels_without_inline_script():
    """Inline panels and date choosers, started from a file instead of the inline
    <script> tags the admin CSP blocks (see templates/wagtailadmin/)."""
    return format_html('<script src="{}"></script>', static("pages/js/admin-csp-init.js"))
