"""The page cache: whole anonymous Wagtail pages, kept in Django's cache (Redis).

Why and how: docs/decisions/0015-page-cache.md. In short:

- A page is stored only when its rendering could not have depended on the visitor:
  a live, unrestricted Wagtail page (not a preview), rendered for an anonymous
  request with no pending messages, that set no cookie, touched no session, asked
  for no CSRF token and used no CSP nonce.
- A stored page is served to everyone, logged in or not: public pages show the
  same "Mijn Loket" link to every visitor (templates/base.html).
- One site-wide version number invalidates everything at once. Any change an
  editor can make to the catalogue (publish, unpublish, move, delete, a product's
  agency or case type, an image) bumps it: pages list other pages (home, life
  events, related products, breadcrumbs), so tracking which page shows which would
  be easy to get wrong, and publishing is rare next to reading.

Two caches, both Django's cache framework:

- rendered pages live in each process's memory (the "pages" alias, LocMemCache):
  a catalogue page is 5-20 KB, so a worker holds the whole hot set, and a hit
  costs no network round trip (on the benchmark machine that round trip was most
  of a hit's time; docs/performance.md);
- the version lives where every process sees it (Redis when configured, else the
  database: pages/cache_version.py), read at most once a second per process, so a
  publish reaches every worker on every server within a second.

The key is the request's scheme, validated host, language, path and query
string; the version travels inside the stored value.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language_from_path

from . import cache_version
from .cache_version import VERSION_KEY  # noqa: F401  (tests bump it as another process)

logger = logging.getLogger(__name__)

# Marks a response that may be stored (set by pages.wagtail_hooks on live,
# unrestricted Wagtail pages).
CACHEABLE_ATTRIBUTE = "_page_cacheable"
# Query strings longer than this are served but not stored: a real page link never
# has one, and an unbounded key space only fills the cache.
MAX_QUERY_LENGTH = 200


def _pages():
    """Where rendered pages live: this process's memory (see PAGE_CACHE_ALIAS)."""
    return caches[settings.PAGE_CACHE_ALIAS]


# This process's last look at the shared version: (version, time.monotonic() then).
_seen: tuple[int, float] | None = None


def page_key(request) -> str:
    """One key per scheme, host, language, path and query string."""
    raw = "\n".join(
        [
            request.scheme,
            request.get_host(),  # validated against ALLOWED_HOSTS: no poisoning by Host
            # From the URL, as LocaleMiddleware decides it (unprefixed: Dutch); the
            # early middleware runs before LocaleMiddleware has activated it.
            get_language_from_path(request.path_info) or settings.LANGUAGE_CODE,
            request.path,
            request.META.get("QUERY_STRING", ""),
        ]
    )
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def current_version() -> int:
    """The site-wide version, read from where every process sees it (Redis or the
    database, pages/cache_version.py) at most once every PAGE_CACHE_VERSION_SECONDS
    per process (a hit then needs no round trip)."""
    global _seen
    now = time.monotonic()
    if _seen is not None and now - _seen[1] < settings.PAGE_CACHE_VERSION_SECONDS:
        return _seen[0]
    version = cache_version.read()
    _seen = (version, now)
    return version


def bump_version() -> None:
    """Invalidate every cached page. Never fails the change that triggered it."""
    global _seen
    _seen = None  # this process sees its own change at once
    try:
        cache_version.bump()
    except Exception:
        # The store is down; entries expire after PAGE_CACHE_SECONDS at the latest.
        logger.exception("Could not invalidate the page cache")


def lookup(request) -> tuple[int | None, HttpResponse | None]:
    """(version, cached response or None). Version None: the cache is unavailable."""
    try:
        version = current_version()
        entry = _pages().get(page_key(request))
    except Exception:
        logger.warning("Page cache unavailable; serving without it", exc_info=True)
        return None, None
    if entry is None or entry[0] != version:
        return version, None
    _version, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return version, response


def store(request, response, version: int) -> None:
    entry = (
        version,
        response.status_code,
        [(name, value) for name, value in response.items()],
        response.content,
    )
    try:
        _pages().set(page_key(request), entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable; page not stored", exc_info=True)


def has_pending_messages(request) -> bool:
    """Messages (e.g. "U bent uitgelogd.") must be shown once, to this visitor only.

    Counting does not mark them as read, so a page served past the cache leaves
    them for the rendering that shows them.
    """
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _may_serve_at_all(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method == "GET"
        # Wagtail previews run the middleware on a dummy request for the page's own
        # URL (Page.make_preview_request); it must get the draft, not the live page.
        and not getattr(request, "is_dummy", False)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def has_no_session(request) -> bool:
    """No session and no message cookie: nothing of this visitor's can be pending,
    so the page can be served before the session is even looked at."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def may_serve_without_session(request) -> bool:
    """The early middleware: anonymous visitors without a session cookie."""
    return _may_serve_at_all(request) and has_no_session(request)


def may_serve_with_session(request) -> bool:
    """The late middleware: visitors with a session (logged in or not), after the
    session and messages middleware ran, unless a message waits for them."""
    return (
        _may_serve_at_all(request)
        and not has_no_session(request)
        and not has_pending_messages(request)
    )


def may_store(request, response) -> bool:
    """Only a rendering that could not have depended on who asked."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return (
        getattr(response, CACHEABLE_ATTRIBUTE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and not (session is not None and session.modified)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A page that used the nonce relies on it; a stored copy would reuse it.
        and not getattr(request, "_csp_nonce", None)
        and not getattr(request, "is_preview", False)
        and not has_pending_messages(request)
    )
