"""Reflow at 320 CSS pixels (WCAG 2.1 SC 1.4.10): no page scrolls sideways on a phone.

320 px is the width the success criterion names (1280 px at 400 % zoom). Each page
is loaded at that width, must not be wider than the viewport, and must stay clean
under axe. Data tables may scroll inside their own region (the criterion's
exception for two-dimensional content), never the page.
"""

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from identity.tests.factories import AccessLogEntryFactory, LocalPersonFactory
from pages.models import RequestFieldType
from pages.tests.factories import ProductPageFactory, RequestFormFieldFactory, requestable_product
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

# For the failure message: the innermost elements that stick out to the right.
WIDEST_ELEMENTS = """(viewport) => [...document.body.querySelectorAll('*')]
  .filter(el => el.getBoundingClientRect().right > viewport + 0.5)
  .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > viewport + 0.5))
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} `
    + `(${Math.round(el.getBoundingClientRect().right)} px): `
    + el.textContent.trim().slice(0, 40))"""


@pytest.fixture
def phone(suzanne_page):
    suzanne_page.set_viewport_size({"width": WIDTH, "height": 640})
    return suzanne_page


def assert_reflows(page, *, context: str) -> None:
    viewport = page.evaluate("window.innerWidth")
    assert viewport == WIDTH
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport, (
        f"{context} is {width} px wide at a {viewport} px viewport; "
        f"too wide: {page.evaluate(WIDEST_ELEMENTS, viewport)}"
    )
    assert_accessible(page, context=f"{context} at {WIDTH} px")


def assert_fits(locator, *, context: str) -> None:
    """Every element the locator matches keeps its content inside its own box."""
    for index in range(locator.count()):
        element = locator.nth(index)
        scroll, client = element.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert scroll <= client, f"{context} #{index} overflows: {scroll} px in {client} px"


def test_case_page_with_action_box_reflows(phone):
    case = CaseFactory(bsn=phone.citizen.bsn, action_required=True, title="Bijzondere bijstand")
    phone.goto(case.get_absolute_url())
    box = phone.get_by_role("region", name="Wat moet u doen?")
    expect(box).to_be_visible()
    # The heading and paragraphs stack: each as wide as the box, not squeezed side by side.
    heading_box = box.get_by_role("heading").bounding_box()
    paragraph_box = box.locator("p").first.bounding_box()
    assert paragraph_box["y"] >= heading_box["y"] + heading_box["height"]
    assert abs(paragraph_box["x"] - heading_box["x"]) < 1
    assert_reflows(phone, context="the case page with an action box")


def test_overview_reflows(phone):
    CaseFactory(bsn=phone.citizen.bsn, action_required=True, title="Bijzondere bijstand")
    CaseFactory(bsn=phone.citizen.bsn, closed=True, title="Kwijtschelding waterschapsbelasting")
    phone.goto("/mijn/")
    expect(phone.locator("h1")).to_have_text("Mijn overzicht")
    assert_reflows(phone, context="Mijn overzicht")


def test_access_log_page_reflows(phone):
    AccessLogEntryFactory.create_batch(3, bsn=phone.citizen.bsn, organisation="UWV")
    AccessLogEntryFactory(bsn=phone.citizen.bsn, organisation="Hoogheemraadschap van Rijnland")
    AccessLogEntryFactory(bsn=phone.citizen.bsn, login=True)
    phone.goto("/mijn/inzage/")
    expect(phone.locator("h1")).to_have_text("Wie heeft mijn gegevens bekeken?")
    assert_reflows(phone, context="the inzage page")


def test_personal_data_page_reflows(phone):
    LocalPersonFactory(bsn=phone.citizen.bsn, with_family=True, moved=True)
    phone.goto("/mijn/gegevens/")
    expect(phone.locator("h1")).to_have_text("Mijn gegevens")
    assert_reflows(phone, context="Mijn gegevens")


def test_product_titles_fit_their_cards_on_the_a_to_z_page(phone, home_page):
    product = ProductPageFactory(
        title="Zwangerschapsuitkering voor zelfstandigen (ZEZ) aanvragen",
        summary="Een uitkering rond de bevalling.",
    )
    ProductPageFactory(title="Kwijtscheldingsverzoek waterschapsbelasting")
    phone.goto(product.get_parent().url)
    expect(phone.get_by_role("heading", name="Alle producten van A tot Z")).to_be_visible()
    assert_fits(phone.locator(".ol-card"), context="a product card")
    assert_reflows(phone, context="the A-Z page")


def test_request_form_reflows(phone):
    product = requestable_product(title="Verhuizing doorgeven", summary="Geef het door.")
    RequestFormFieldFactory(
        page=product,
        field_type=RequestFieldType.RADIO,
        label="Wie verhuizen er mee?",
        choices="Alleen ikzelf\nIk en mijn partner",
    )
    LocalPersonFactory(bsn=phone.citizen.bsn)
    phone.goto(f"/aanvragen/{product.slug}/")
    phone.get_by_role("button", name="Naar controleren").click()
    expect(phone.locator("[data-error-summary]")).to_be_focused()
    # One closing mark after a label that has its own (issue 15.9), not "mee?.".
    expect(
        phone.get_by_role("link", name="Maak een keuze: Wie verhuizen er mee?", exact=True)
    ).to_be_visible()
    assert_reflows(phone, context="the request form with errors")


def test_session_expiry_dialog_reflows(phone, settings):
    # Less than two minutes of idle time left: the warning shows as the page loads.
    settings.SESSION_COOKIE_AGE = 100
    phone.goto("/mijn/")
    dialog = phone.get_by_role("alertdialog", name="U wordt bijna uitgelogd")
    expect(dialog).to_be_visible()
    heading_box = dialog.get_by_role("heading").bounding_box()
    text_box = dialog.locator("p").bounding_box()
    assert text_box["y"] >= heading_box["y"] + heading_box["height"]
    assert_fits(dialog, context="the session-expiry dialog")
    assert_reflows(phone, context="the page with the session-expiry dialog")


def test_product_page_reflows_and_says_how_to_log_in(phone, home_page):
    from identity.loa import LevelOfAssurance

    product = ProductPageFactory(
        title="Zwangerschapsuitkering voor zelfstandigen (ZEZ) aanvragen",
        required_level_of_assurance=LevelOfAssurance.MIDDEN.value,
    )
    phone.goto(product.url)
    # Plain words, not "betrouwbaarheidsniveau Midden" (issue 15.9).
    expect(
        phone.get_by_text("U logt in met DigiD met de DigiD app of sms-controle.")
    ).to_be_visible()
    expect(phone.get_by_text("betrouwbaarheidsniveau")).to_have_count(0)
    assert_reflows(phone, context="a product page")
