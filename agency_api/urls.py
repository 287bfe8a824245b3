"""URLs of the agency API, mounted at /api/ in the non-i18n part of portal/urls.py.

Everything under /api/ answers in problem+json, also for a path or method that
does not exist (Django's own 404/405 would be HTML).
"""

from __future__ import annotations

from functools import wraps

from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .api import api
from .docs import docs
from .problems import problem_response


def _problem_for_not_allowed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "problem" not in response.get("Content-Type", ""):
            return problem_response(
                405,
                _("Deze methode is hier niet toegestaan."),
                code="method_not_allowed",
                headers={"Allow": response.get("Allow", "")},
            )
        return response

    return wrapped


def _wrap(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _problem_for_not_allowed(pattern.callback)
        elif isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
    return patterns


# An agency system authenticates with a bearer token, never with a cookie, so there
# is no cross-site request to forge; without the exemption a POST to an unknown path
# got Django's HTML "CSRF-verificatie mislukt" page instead of this 404 (issue 14).
@csrf_exempt
def _not_found(request, rest=""):
    return problem_response(404, _("Niet gevonden."), code="not_found")


api_patterns, api_app_name, api_namespace = api.urls
urlpatterns = [
    path("v1/docs", _problem_for_not_allowed(docs), name="api-docs"),
    path("v1/", (_wrap(api_patterns), api_app_name, api_namespace)),
    re_path(r"^(?P<rest>.*)$", _not_found),
]
