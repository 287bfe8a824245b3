"""Every answer under /api/ is problem+json, for every method (issue 14, item 4).

The client enforces CSRF checks like a browser-less integrator meets them: the
API authenticates with bearer tokens, so a missing CSRF token must never turn an
answer into Django's HTML "CSRF-verificatie mislukt" page.
"""

import pytest
from django.test import Client, override_settings
from django.urls import path

from portal.errors import csrf_failure

pytestmark = pytest.mark.django_db

METHODS = ["get", "post", "put", "patch", "delete", "options", "head"]
UNKNOWN_PATHS = [
    "/api/",
    "/api/onbekend",
    "/api/v1/onbekend/",
    "/api/v2/zaken",
    "/api/v1/zaken/x/y/z",
]


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("url", UNKNOWN_PATHS)
def test_unknown_paths_are_a_problem_json_404(client, method, url):
    body = {} if method in ("get", "head") else {"data": "{}"}
    response = getattr(client, method)(url, content_type="application/json", **body)
    assert response.status_code == 404, (method, url)
    assert response["Content-Type"] == "application/problem+json"
    if method != "head":
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_to_the_docs_page_are_a_problem_json_405(client, method):
    response = getattr(client, method)("/api/v1/docs", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_known_paths_without_a_token_get_401_not_a_csrf_page(client, method):
    response = getattr(client, method)(
        "/api/v1/zaken/ZAAK-1", data="{}", content_type="application/json"
    )
    assert response["Content-Type"] == "application/problem+json"
    assert response.status_code in (401, 405)


def _needs_csrf(request):  # pragma: no cover - the middleware answers first
    raise AssertionError("reached the view")


urlpatterns = [path("api/beschermd", _needs_csrf), path("beschermd", _needs_csrf)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_csrf_failure_under_api_is_problem_json_and_elsewhere_html(client):
    response = client.post("/api/beschermd", headers={"Accept-Language": "en"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "csrf_failed"

    response = client.post("/beschermd")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert csrf_failure  # the configured CSRF_FAILURE_VIEW
