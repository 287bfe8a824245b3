"""Middleware around the page cache (pages/page_cache.py, decision 0015).

PageCacheMiddleware sits at the end of MIDDLEWARE, just before Wagtail's redirects:
every other middleware still runs on a hit, so sessions keep sliding, the absolute
session cap still applies, and the CSP, frame and permissions headers are made
fresh for each response. A hit skips URL routing, Wagtail's page lookup and the
template: no database query for an anonymous visitor.

PublicCacheControlMiddleware sits above the session middleware, where it sees every
cookie a response sets. A public page that sets a cookie (a logged-in visitor's
session refresh) or answers a logged-in visitor becomes `private`, so no shared
proxy ever stores someone's Set-Cookie or a page rendered for them.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control

from . import page_cache


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.may_serve(request):
            return self.get_response(request)
        version, cached = page_cache.lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if version is not None and page_cache.may_store(request, response):
            page_cache.store(request, response, version)
        return response


class PublicCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if "public" in cache_control and (response.cookies or _is_logged_in(request)):
            del response["Cache-Control"]
            patch_cache_control(response, private=True, max_age=0)
        return response


def _is_logged_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
