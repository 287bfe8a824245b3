"""The public catalogue in a real browser: axe on every page type, keyboard search."""

from decimal import Decimal

import pytest

from pages.tests.factories import (
    LifeEventPageFactory,
    LifeEventProductFactory,
    PopularProductFactory,
    ProductPageFactory,
)
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(home_page):
    product = ProductPageFactory(
        title="Verhuizing doorgeven",
        summary="Geef uw verhuizing door aan de gemeente.",
        conditions="<ul><li>U bent 16 jaar of ouder.</li></ul>",
        what_you_need="<p>Uw DigiD.</p>",
        costs=[
            ("cost", {"description": "Uittreksel", "amount": Decimal("17.15"), "note": "per stuk"})
        ],
        how_to_apply=[
            (
                "online",
                {
                    "description": "<p>Met DigiD.</p>",
                    "link_url": "https://example.org",
                    "link_text": "Naar het formulier",
                },
            ),
            ("post", {"description": "<p>Stuur het formulier op.</p>"}),
        ],
        faq=[
            ("faq", {"question": "Wanneer geef ik het door?", "answer": "<p>Binnen 5 dagen.</p>"})
        ],
    )
    event = LifeEventPageFactory(
        title="Verhuizen",
        intro="Gaat u verhuizen? Dit regelt u.",
        faq=[
            ("faq", {"question": "Wie krijgt mijn adres?", "answer": "<p>Veel organisaties.</p>"})
        ],
    )
    LifeEventProductFactory(page=event, product=product)
    PopularProductFactory(product=product)
    return {"product": product, "event": event}


def test_home_page_with_catalogue_is_accessible(page, catalogue):
    page.goto("/")
    assert page.get_by_role("link", name="Verhuizen").count() == 1
    assert page.get_by_role("link", name="Inloggen met DigiD").get_attribute("href") == (
        "/inloggen/?next=/mijn/"
    )
    assert_accessible(page, context="on the home page with life events and products")


def test_life_event_page_is_accessible_and_faq_opens_by_keyboard(page, catalogue):
    page.goto(catalogue["event"].url)
    assert page.locator("h1").inner_text() == "Verhuizen"
    answer = page.get_by_text("Veel organisaties.")
    assert not answer.is_visible()
    page.locator("summary", has_text="Wie krijgt mijn adres?").focus()
    page.keyboard.press("Enter")
    assert answer.is_visible()
    assert_accessible(page, context="on a life event page with an open FAQ")


def test_product_page_is_accessible(page, catalogue):
    page.goto(catalogue["product"].url)
    assert page.locator("h1").inner_text() == "Verhuizing doorgeven"
    assert page.get_by_role("navigation", name="Kruimelpad").count() == 1
    assert page.locator("td", has_text="17,15").count() == 1
    assert_accessible(page, context="on a product page")


def test_search_by_keyboard_finds_the_product(page, catalogue):
    page.goto("/")
    search_box = page.get_by_label("Zoek een product of dienst")
    # Reach the search box with Tab only, as a keyboard user would.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == search_box.get_attribute("id"):
            break
    else:
        pytest.fail("The search box cannot be reached with the Tab key")
    page.keyboard.type("verhuizing")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=verhuizing")
    result = page.get_by_role("link", name="Verhuizing doorgeven")
    assert result.count() == 1
    assert page.locator("mark", has_text="verhuizing").count() >= 1
    assert_accessible(page, context="on the search results page")
    result.click()
    page.wait_for_url(f"**{catalogue['product'].url}")


def test_no_results_page_is_accessible(page, catalogue):
    page.goto("/zoeken/?q=onvindbaarwoord")
    assert page.get_by_role("heading", name="Geen resultaten voor “onvindbaarwoord”").count() == 1
    assert page.get_by_role("link", name="Bekijk alle producten van A tot Z").count() == 1
    assert_accessible(page, context="on the no-results page")


def test_search_error_is_accessible(page, catalogue):
    page.goto("/zoeken/?q=" + "a" * 201)
    summary_link = page.get_by_role("link", name="Gebruik maximaal 200 tekens in uw zoekvraag.")
    summary_link.click()
    assert page.evaluate("document.activeElement.id") == "id_q"
    assert_accessible(page, context="on the search page with an error")
