"""Error pages that must work while a dependency is down.

`server_error` is the project's handler500 (and `bad_request` its handler400).
Django calls them for every uncaught exception, including those raised in
middleware (the session middleware loads and saves sessions from the
database). When the driver's error says the database cannot be reached (see
is_database_unavailable: connection failures only, not every database error),
the answer is 503 with Retry-After and a page that asks the citizen to try
again shortly, instead of a 500: the failure is temporary and not the
citizen's fault. Everything else keeps Django's own 400 and 500 handling.

The 503 page is rendered without a RequestContext, so no context processor
runs: the messages processor would read the session, i.e. the database that
is down. The API (/api/) answers with problem details (RFC 9457) instead.
"""

from __future__ import annotations

import sqlite3
import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import csrf, defaults

try:  # the PostgreSQL driver is only needed where PostgreSQL is used
    import psycopg
except ImportError:  # pragma: no cover
    psycopg = None

# Seconds a client should wait before trying again: a PostgreSQL restart or
# fail-over takes seconds, and the connection health check reconnects then.
RETRY_AFTER_SECONDS = 10


# SQLite result codes (https://sqlite.org/rescode.html) that mean "not now" rather than
# "wrong": another process holds the write lock past the busy timeout (SQLITE_BUSY), or
# the file cannot be opened at all (SQLITE_CANTOPEN). Compared on the primary code, the
# low byte of the extended code.
_SQLITE_UNAVAILABLE = {5, 14}

# PostgreSQL SQLSTATEs (Appendix A of its manual) for a server that cannot serve us
# right now: class 08 "connection exception"; 57P01 admin_shutdown, 57P02
# crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery); 53300
# too_many_connections. Deliberately absent: 40P01 deadlock and 57014 statement
# timeout (a query or locking bug to fix, not an outage), 53100 disk full and every
# syntax or data error: those are 500 and must be looked at.
_POSTGRES_UNAVAILABLE_CLASSES = ("08",)
_POSTGRES_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}


def _driver_says_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        # A sqlite3.InterfaceError is a bad parameter (a bug), never an outage.
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _SQLITE_UNAVAILABLE
    if psycopg is not None and isinstance(exc, psycopg.Error):
        if isinstance(exc, psycopg.InterfaceError):
            return True  # "the connection is closed/lost": always the connection
        if not isinstance(exc, psycopg.OperationalError):
            return False
        state = exc.sqlstate
        if state is None:
            # Raised by libpq itself, before or without a server answer: refused,
            # timed out, "server closed the connection unexpectedly".
            return True
        return state.startswith(_POSTGRES_UNAVAILABLE_CLASSES) or (
            state in _POSTGRES_UNAVAILABLE_STATES
        )
    return False


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True only for errors that mean "the database cannot be reached right now".

    Django wraps the driver's exception (OperationalError, InterfaceError) and keeps
    it as __cause__; the driver's error code says what happened. OperationalError
    alone is far too broad to answer 503: SQLite raises it for a full-text syntax
    error, a missing table or a locked table too (issue 14: a `"` in the search box
    became a "database down" page). Anything not recognised here is a bug: 500.
    """
    while exc is not None:
        if _driver_says_unavailable(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _language_for(request: HttpRequest, *, api: bool) -> str:
    # Citizen pages carry the language in the URL (/en/...; Dutch without prefix);
    # the API follows Accept-Language. Neither needs the database.
    if api:
        return translation.get_language_from_request(request) or settings.LANGUAGE_CODE
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 for a request that needed the database while it was unreachable."""
    api = request.path_info.startswith("/api/")
    with translation.override(_language_for(request, api=api)):
        if api:
            from portal.problems import problem_response

            response = problem_response(
                503,
                _(
                    "De dienst is tijdelijk niet beschikbaar. "
                    "Probeer het over enkele seconden opnieuw."
                ),
                code="service_unavailable",
            )
        else:
            # No RequestContext: no context processors, so nothing touches the database.
            html = loader.get_template("503.html").render(
                {
                    "request": request,
                    "PORTAL_NAME": settings.WAGTAIL_SITE_NAME,
                    "retry_after": RETRY_AFTER_SECONDS,
                }
            )
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(
    request: HttpRequest, exception, template_name: str = defaults.ERROR_400_TEMPLATE_NAME
):
    """handler400: 503 when the "bad request" is a database outage in disguise.

    The session middleware saves the session after the view (when it changed, or at
    most once a minute to slide the idle timeout: identity.session); when that
    UPDATE fails, Django raises SessionInterrupted (a SuspiciousOperation,
    so 400) from the database error. Found by the PostgreSQL restart drill.
    """
    if is_database_unavailable(exception):
        return service_unavailable(request)
    return defaults.bad_request(request, exception, template_name)


def server_error(request: HttpRequest, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: 503 when the database is unreachable, a 500 otherwise.

    Under /api/ the 500 is problem+json like every other API answer.
    """
    # Django calls handler500 inside its `except` block, so the exception is at hand.
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if request.path_info.startswith("/api/"):
        from portal.problems import problem_response

        with translation.override(_language_for(request, api=True)):
            return problem_response(500, _("Er ging iets mis aan onze kant."), code="server_error")
    return defaults.server_error(request, template_name)


def csrf_failure(request: HttpRequest, reason: str = ""):
    """CSRF_FAILURE_VIEW: problem+json under /api/, Django's page elsewhere.

    The API's views are CSRF-exempt (bearer tokens, no cookies); this is the
    backstop for any view under /api/ that is not, so an integrator never parses
    an HTML page.
    """
    if request.path_info.startswith("/api/"):
        from portal.problems import problem_response

        with translation.override(_language_for(request, api=True)):
            return problem_response(
                403, _("Deze aanvraag is geweigerd (CSRF)."), code="csrf_failed"
            )
    return csrf.csrf_failure(request, reason)
