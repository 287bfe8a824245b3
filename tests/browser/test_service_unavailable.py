"""The page a citizen sees while the database cannot be reached (portal.errors)."""

from unittest import mock

import pytest

from portal.tests.db_errors import postgres_connection_refused
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def database_down():
    # Wagtail looks up the site before serving any page: the first query of "/".
    return mock.patch(
        "wagtail.models.Site.find_for_request",
        side_effect=postgres_connection_refused(),
    )


def test_database_outage_shows_an_accessible_dutch_503_page(page):
    with database_down():
        response = page.goto("/")
    assert response.status == 503
    assert response.headers["retry-after"] == "10"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Even niet beschikbaar"
    assert "Probeer het over 10 seconden opnieuw." in page.locator("main").inner_text()
    # The site's own look (stylesheets load; they do not need the database).
    assert page.locator(".ol-header").is_visible()
    # Keyboard: the skip link and the retry link are reachable.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    assert page.get_by_role("link", name="Probeer opnieuw").get_attribute("href") == "/"
    assert_accessible(page, context="on the 503 page")


def test_database_outage_page_in_english(page):
    with database_down():
        response = page.goto("/en/")
    assert response.status == 503
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Temporarily unavailable"
    assert "Please try again in 10 seconds." in page.locator("main").inner_text()
    assert_accessible(page, context="on the English 503 page")
