"""Middleware around the page cache (pages/page_cache.py, decision 0015).

PageCacheMiddleware sits just below whitenoise, above the session middleware. For a
visitor without a session cookie (nearly every anonymous visitor) it serves a
stored page before anything else runs: no session, no routing, no Wagtail, no
template, no database query. On a miss it stores the finished response, headers
and all (CSP, frame options, Content-Language, Vary), if may_store() finds
nothing of the visitor's in it — it sees every cookie the inner middleware set.

SessionPageCacheMiddleware sits at the end, just before Wagtail's redirects. It
serves the same stored pages to visitors with a session (logged-in citizens and
staff), after the session middleware ran: the session keeps sliding
(identity.session.SlidingSessionMiddleware), the absolute session cap still logs out, a pending
message still shows. It never stores: a logged-in rendering is never shared.

PublicCacheControlMiddleware sits above the session middleware, where it sees the
cookies a response sets. A public page that sets a cookie (a logged-in visitor's
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
        if not page_cache.may_serve_without_session(request):
            return self.get_response(request)
        version, cached = page_cache.lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if version is not None and page_cache.may_store(request, response):
            page_cache.store(request, response, version)
        return response


class SessionPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if page_cache.may_serve_with_session(request):
            _version, cached = page_cache.lookup(request)
            if cached is not None:
                return cached
        return self.get_response(request)


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
