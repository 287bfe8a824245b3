"""The search box in the site header and the favicon (issues 15 item 9, 14 item 5)."""

import pytest
from playwright.sync_api import expect

from pages.tests.factories import ContentPageFactory, ProductPageFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def product(home_page):
    return ProductPageFactory(title="Paspoort aanvragen", summary="Een paspoort voor reizen.")


def test_header_search_by_keyboard_at_320_px(page, product):
    # A content page: the product page's own 320 px reflow is issue 15 item 6.
    content = ContentPageFactory(title="Over ons")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(content.url)
    header_search = page.get_by_role("search", name="Zoeken op deze website")
    expect(header_search).to_be_visible()
    box = header_search.get_by_label("Zoekterm")
    # Reach it with Tab only: skip link, brand, "Mijn Loket", language switch, then the box.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "header-search":
            break
    else:
        pytest.fail("The header search box cannot be reached with the Tab key")
    # Reflow (WCAG 1.4.10): nothing wider than the 320 px viewport.
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
    )
    assert wide == [], "\n".join(wide)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, context="on a content page with the header search")

    box.press_sequentially("paspoort")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=paspoort")
    expect(page.get_by_role("link", name="Paspoort aanvragen")).to_have_count(1)
    # The search page has its own form: one search box, not two.
    expect(page.get_by_role("search")).to_have_count(1)
    expect(page.get_by_role("searchbox")).to_have_count(1)
    assert_accessible(page, context="on the search page")


def test_english_header_search_stays_in_english(page, product):
    page.goto("/en/zoeken/?q=x")
    page.goto(product.url.replace("/producten/", "/en/producten/"))
    expect(page.get_by_role("search", name="Search this website")).to_have_attribute(
        "action", "/en/zoeken/"
    )


def test_no_favicon_404_and_no_console_errors(page, product):
    errors, missing = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(product.url)
    icon = page.locator('link[rel="icon"]')
    expect(icon).to_have_attribute("type", "image/svg+xml")
    response = page.request.get(icon.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    legacy = page.request.get("/favicon.ico")
    assert legacy.status == 200
    assert legacy.url.endswith("/favicon.svg")
    page.reload()
    assert missing == []
    assert errors == []
