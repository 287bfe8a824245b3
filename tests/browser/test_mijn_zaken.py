"""Issue 21: Mijn overzicht as cards and as a table, and the case page, checked with
axe at a phone, a tablet and a desktop width; search without JavaScript."""

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from identity.tests.factories import CitizenFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 768, 1280)


def _table_citizen(login):
    citizen = login(CitizenFactory(bsn="999993653"))
    case_type = CaseFactory(bsn=citizen.bsn, title="Parkeervergunning bewoners").case_type
    for index in range(8):
        CaseFactory(bsn=citizen.bsn, case_type=case_type, title=f"Afvalcontainer {index}")
    CaseFactory(bsn=citizen.bsn, action_required=True, title="Bijzondere bijstand wasmachine")
    CaseFactory(bsn=citizen.bsn, overdue=True, title="WW-uitkering")
    CaseFactory(bsn=citizen.bsn, closed=True, title="Dakkapel Kerkstraat 12")
    return citizen


def test_overview_cards_at_three_widths(citizen_page, home_page):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    CaseFactory(bsn=citizen.bsn, action_required=True, title="Bijzondere bijstand wasmachine")
    CaseFactory(bsn=citizen.bsn, closed=True, title="Schutting in de voortuin")
    page.goto("/mijn/")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        card = page.locator(".ol-case-card").filter(has_text="Bijzondere bijstand wasmachine")
        expect(card.locator(".ol-group")).to_have_text("Wacht op u")
        expect(card).to_contain_text("Laatst bijgewerkt")
        expect(card).to_contain_text("bron: medewerker van de organisatie")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page, context=f"on the overview cards at {width} px")


def test_overview_table_search_and_filter_at_three_widths(citizen_page, home_page):
    page, login = citizen_page
    _table_citizen(login)
    page.goto("/mijn/")
    expect(page.get_by_role("table")).to_be_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page, context=f"on the overview table at {width} px")

    # Search goes by POST: the words never reach the address bar.
    search = page.get_by_role("search", name="Zoeken", exact=True)
    search.get_by_label("Zoeken in uw zaken").fill("Kerkstraat")
    search.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_role("link", name="Dakkapel Kerkstraat 12")).to_be_visible()
    expect(page.get_by_role("link", name="WW-uitkering")).to_have_count(0)
    assert "Kerkstraat" not in page.url
    assert_accessible(page, context="on the overview with a search")
    page.get_by_role("button", name="Zoekopdracht wissen").click()
    expect(page.get_by_role("link", name="WW-uitkering")).to_be_visible()

    page.get_by_label("Status", exact=True).select_option("wacht_op_u")
    page.get_by_role("button", name="Toon zaken").click()
    expect(page.get_by_role("link", name="Bijzondere bijstand wasmachine")).to_be_visible()
    expect(page.get_by_role("link", name="WW-uitkering")).to_have_count(0)


def test_case_page_at_three_widths(citizen_page, home_page):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(bsn=citizen.bsn, action_required=True, title="Bijzondere bijstand")
    page.goto(case.get_absolute_url())
    expect(page.get_by_role("heading", name="Wat moet u doen?")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat gebeurt er nu?")).to_be_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        # "Wat moet u doen?" reads as one column: its text starts at the box's left.
        action = page.get_by_role("region", name="Wat moet u doen?")
        box = action.bounding_box()
        text = action.locator("p").first.bounding_box()
        assert text["width"] > box["width"] * 0.6
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page, context=f"on the case page at {width} px")


def test_overdue_case_page_is_accessible(citizen_page, home_page):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(bsn=citizen.bsn, overdue=True)
    page.goto(case.get_absolute_url())
    expect(page.get_by_text("Stuur een ingebrekestelling.", exact=False)).to_be_visible()
    assert_accessible(page, context="on an overdue case page")
