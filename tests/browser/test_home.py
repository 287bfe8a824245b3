import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_and_is_accessible(page, home_page):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == home_page.title
    assert page.locator("html").get_attribute("lang") == "nl"
    # The skip link is the first thing a keyboard user reaches, and it works.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert_accessible(page, context="on the home page")


def test_english_version_has_english_lang(page, home_page):
    page.goto("/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    assert_accessible(page, context="on the English home page")
