"""A page served from the page cache (decision 0015) in a real browser: the same
page, its stylesheets load, the strict CSP reports nothing, axe finds nothing."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from pages import page_cache
from pages.tests.factories import ProductPageFactory
from tests.browser.conftest import assert_accessible, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cached_product_page_renders_under_the_strict_csp(browser, live_server, home_page):
    product = ProductPageFactory(title="Paspoort aanvragen")
    url = product.url
    first_context = new_context(browser, live_server)
    try:
        first = first_context.new_page().goto(url)
        assert first.headers["cache-control"] == "public, max-age=60"
    finally:
        first_context.close()
    # The first visit stored the page under its key.
    host = urlsplit(live_server.url).netloc
    key = page_cache.page_key(RequestFactory().get(url, HTTP_HOST=host))
    assert caches["pages"].get(key) is not None

    # A new browser context: no cookie, no browser cache; the server's copy answers.
    context = new_context(browser, live_server)
    try:
        cached = context.new_page()
        cached.csp_violations = []  # read by assert_accessible, as the `page` fixture does
        cached.on(
            "console",
            lambda msg: (
                cached.csp_violations.append(msg.text)
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        response = cached.goto(url)
        assert response.status == 200
        assert "nonce-" not in response.headers["content-security-policy"]
        assert cached.get_by_role("heading", level=1).inner_text() == "Paspoort aanvragen"
        # Our stylesheets applied: the CSP let our own files through.
        assert cached.evaluate("document.styleSheets.length") >= 3
        assert cached.csp_violations == []
        assert_accessible(cached, context="on a product page served from the page cache")
    finally:
        context.close()
