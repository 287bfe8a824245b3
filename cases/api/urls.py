"""URLs of the agency API, mounted at /api/ in the non-i18n part of portal/urls.py.

Everything under /api/ answers in problem+json, also for a path or method that
does not exist (Django's own 404/405 would be HTML).
"""

from __future__ import annotations

from functools import wraps

from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _

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


def _not_found(request, rest=""):
    return problem_response(404, _("Niet gevonden."), code="not_found")


api_patterns, api_app_name, api_namespace = api.urls
urlpatterns = [
    path("v1/docs", docs, name="api-docs"),
    path("v1/", (_wrap(api_patterns), api_app_name, api_namespace)),
    re_path(r"^(?P<rest>.*)$", _not_found),
]
