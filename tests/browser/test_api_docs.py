"""The agency API's docs page: Swagger UI from our own static files renders the
operations under our CSP (scripts only from 'self'), without CSP violations."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_renders_without_csp_violations(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto("/api/v1/docs")
    assert response.status == 200
    page.get_by_text("/api/v1/zaken", exact=True).first.wait_for()
    assert page.locator(".opblock-tag", has_text="zaaktypen").count() == 1
    assert not page.csp_violations
    # Nothing is fetched from another origin (no CDN).
    origin = page.url.split("/api/")[0]
    assert all(url.startswith((origin, "data:")) for url in requests), requests
    assert_accessible(page, context="on the API docs page")
