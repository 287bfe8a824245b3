"""Wagtail hooks of the public site."""

from django.conf import settings
from django.utils.cache import patch_cache_control
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
