"""The agency API's docs page: server-rendered, in the portal's layout, no
CSP exception, WCAG 2.1 AA."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_is_accessible(page, home_page):
    response = page.goto("/api/v1/docs")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text().startswith("Open Loket agency API")
    assert page.get_by_role("heading", name="zaken", exact=True).count() == 1
    assert page.get_by_role("cell", name="/api/v1/zaken/{reference}/statussen").count() >= 1
    page.get_by_role("link", name="OpenAPI-document (JSON)").click()
    page.wait_for_url("**/api/v1/openapi.json")
    page.go_back()
    assert_accessible(page, context="on the API docs page")
