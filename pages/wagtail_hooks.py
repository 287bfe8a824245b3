"""Wagtail hooks of the public site and of the catalogue's admin."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from wagtail import hooks

from .page_cache import CACHEABLE_ATTRIBUTE


@hooks.register("on_serve_page")
def mark_public_pages_cacheable(serve_page):
    """A live page without view restrictions is the same for everyone: browsers and
    proxies may keep it briefly (max-age), and the page cache may store it
    (pages/page_cache.py decides per request). Restricted pages (login or password)
    are never marked."""

    def serve(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        if (
            response.status_code == 200
            and not getattr(request, "is_preview", False)
            and not page.get_view_restrictions().exists()
        ):
            setattr(response, CACHEABLE_ATTRIBUTE, True)
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return response

    return serve


@hooks.register("insert_global_admin_js")
def start_panels_without_inline_script():
    """Inline panels and date choosers, started from a file instead of the inline
    <script> tags the admin CSP blocks (see templates/wagtailadmin/)."""
    return format_html('<script src="{}"></script>', static("pages/js/admin-csp-init.js"))
