"""The agency API (`/api/v1/`), django-ninja (docs/decisions/0009-agency-api.md).

Every error is problem+json (agency_api.problems); every endpoint needs a
client token (agency_api.auth). The docs page (agency_api/docs.py) is rendered
on the server from the OpenAPI document, under the site's strict CSP.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from . import berichten, catalogue, documenten, incoming_messages, taken, zaken
from .auth import ApiClientAuth
from .problems import (
    ApiProblem,
    from_problem,
    problem_response,
    schema_problem,
    validation_problem,
)

DESCRIPTION = """
The API through which agencies push cases (ZGW *zaken*), statuses (*statussen*),
roles (*rollen*) and their catalogue (*zaaktypen*, *statustypen*) into Open Loket.

* Authenticate with `Authorization: Bearer <token>` (one token per client; ask
  the portal's administrators, see docs/api.md).
* Send an `Idempotency-Key` header with every POST; a retry with the same key
  returns the original response.
* Errors are `application/problem+json` (RFC 9457) with field-level `errors`.
"""

api = NinjaAPI(
    title="Open Loket agency API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=ApiClientAuth(),
    openapi_url="/openapi.json",
    # Our own server-rendered page (agency_api/docs.py), not Swagger UI.
    docs_url=None,
)
api.add_router("", catalogue.router)
api.add_router("", zaken.router)
api.add_router("", documenten.router)
api.add_router("", berichten.router)  # issue 18: messages to citizens
api.add_router("", taken.router)  # tasks for the citizen (issue 21)
api.add_router("", incoming_messages.router)  # issue 17: formal messages from citizens


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem):
    return from_problem(exc)


@api.exception_handler(SchemaValidationError)
def _schema_invalid(request: HttpRequest, exc: SchemaValidationError):
    return schema_problem(exc.errors)


@api.exception_handler(ValidationError)
def _service_invalid(request: HttpRequest, exc: ValidationError):
    return validation_problem(exc)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
    return problem_response(
        401,
        _("Stuur een geldig token mee: Authorization: Bearer <token>."),
        code="unauthenticated",
        headers={"WWW-Authenticate": 'Bearer realm="openloket"'},
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception):
    return problem_response(404, _("Niet gevonden."), code="not_found")


@api.exception_handler(ObjectDoesNotExist)
def _object_not_found(request: HttpRequest, exc: Exception):
    return problem_response(404, _("Niet gevonden."), code="not_found")


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: Exception):
    return problem_response(413, _("Het verzoek is te groot."), code="too_large")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    return problem_response(exc.status_code, str(exc), code="error")
