"""The agency API's reference page: server-rendered, in the portal's layout, no
CSP exception, WCAG 2.1 AA; every operation once, with its schemas (issue 15 item 14)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_is_accessible(page, home_page):
    response = page.goto("/api/v1/docs")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Loket agency API (v1)")
    expect(page.get_by_role("heading", name="zaken", exact=True)).to_have_count(1)
    # Each path once, as the document has it: never /api/v1/api/v1/...
    expect(page.get_by_text("/api/v1/api/v1")).to_have_count(0)
    operation = page.get_by_role("heading", name="POST /api/v1/zaken", exact=True)
    expect(operation).to_have_count(1)
    # Schemas with their fields: type and whether required.
    schema = page.get_by_role("table", name="Velden van CaseIn")
    expect(schema).to_be_visible()
    expect(schema.get_by_role("columnheader", name="Verplicht")).to_have_count(1)
    expect(page.get_by_role("table", name="Velden van Problem")).to_be_visible()
    # A type links to its schema.
    page.get_by_role("link", name="CaseOut", exact=True).first.click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#schema-CaseOut")
    expect(page.locator("#schema-CaseOut")).to_be_in_viewport()
    assert page.csp_violations == []
    assert_accessible(page, context="on the API docs page")
    page.get_by_role("link", name="OpenAPI-document (JSON)").click()
    page.wait_for_url("**/api/v1/openapi.json")


def test_api_docs_page_chrome_is_english_with_accept_language(browser, live_server):
    context = new_context(browser, live_server, locale="en-GB")
    page = context.new_page()
    page.csp_violations = []  # what assert_accessible checks, as the `page` fixture sets it
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text) if "Content Security" in msg.text else None
        ),
    )
    page.goto("/api/v1/docs")
    expect(page.get_by_role("table", name="Fields of CaseIn")).to_be_visible()
    expect(page.get_by_role("heading", name="Schemas", exact=True)).to_have_count(1)
    assert_accessible(page, context="on the English API docs page")
    context.close()
