"""Error pages that must work while a dependency is down.

`server_error` is the project's handler500 (and `bad_request` its handler400).
Django calls them for every uncaught exception, including those raised in
middleware (the session middleware loads and saves sessions from the
database). When the exception says the database cannot be reached, the answer
is 503 with Retry-After and a page that asks the citizen to try again shortly,
instead of a 500: the failure is temporary and not the citizen's fault.
Everything else keeps Django's own 400 and 500 handling.

The 503 page is rendered without a RequestContext, so no context processor
runs: the messages processor would read the session, i.e. the database that
is down. The API (/api/) answers with problem details (RFC 9457) instead.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

# Seconds a client should wait before trying again: a PostgreSQL restart or
# fail-over takes seconds, and the connection health check reconnects then.
RETRY_AFTER_SECONDS = 10


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True for errors that mean "the database cannot be used right now".

    Django wraps the driver's errors: a refused or timed-out connection, a
    server that is starting up or shutting down, and a connection cut off
    mid-query are OperationalError; using a connection that was closed under
    us is InterfaceError. Deadlocks and statement timeouts are OperationalError
    too; for them "try again in a moment" is also the honest answer.
    """
    while exc is not None:
        if isinstance(exc, (OperationalError, InterfaceError)):
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
            from cases.api.problems import problem_response

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

    The session middleware saves the session after the view (SESSION_SAVE_EVERY_REQUEST);
    when that UPDATE fails, Django raises SessionInterrupted (a SuspiciousOperation,
    so 400) from the database error. Found by the PostgreSQL restart drill.
    """
    if is_database_unavailable(exception):
        return service_unavailable(request)
    return defaults.bad_request(request, exception, template_name)


def server_error(request: HttpRequest, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: 503 when the database is unreachable, Django's 500 otherwise."""
    # Django calls handler500 inside its `except` block, so the exception is at hand.
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return defaults.server_error(request, template_name)
