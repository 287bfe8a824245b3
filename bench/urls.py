"""The bench urlconf: the portal's URLs plus the trivial views that measure the
framework floor, so production code has no bench-only URL.

"Floor" views render an empty page on the same base template as the page they
are compared with (the site layout every page pays for); "bare" views return a
few bytes, for scale. Both sit behind the same access checks as the real page
and under the same URL prefixes, so middleware treats them alike.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from wagtail.admin.auth import require_admin_access

from backoffice.views import _require_caseworker
from identity.decorators import citizen_required
from portal.urls import urlpatterns as portal_urlpatterns

_citizen_floor = engines["django"].from_string(
    '{% extends "portal/personal_base.html" %}'
    "{% block title %}Vloer{% endblock %}{% block content %}<h1>Vloer</h1>{% endblock %}"
)
_admin_floor = engines["django"].from_string(
    '{% extends "wagtailadmin/base.html" %}'
    "{% block titletag %}Vloer{% endblock %}{% block content %}<h1>Vloer</h1>{% endblock %}"
)


@citizen_required
def citizen_floor(request):
    return HttpResponse(_citizen_floor.render({}, request))


@citizen_required
def citizen_bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@require_admin_access
def caseworker_floor(request):
    _require_caseworker(request)
    return HttpResponse(_admin_floor.render({}, request))


@require_admin_access
def caseworker_bare(request):
    _require_caseworker(request)
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("mijn/bench/vloer/", citizen_floor, name="bench_citizen_floor"),
    path("mijn/bench/kaal/", citizen_bare, name="bench_citizen_bare"),
    path("beheer/bench/vloer/", caseworker_floor, name="bench_caseworker_floor"),
    path("beheer/bench/kaal/", caseworker_bare, name="bench_caseworker_bare"),
    *portal_urlpatterns,
]
