"""Saving a request as "Concept" in a real browser (issue 21): save with an
empty required field, find it on Mijn overzicht (cards, then the table form),
continue it, send it; delete another. axe on every state, at three widths."""

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.tests.factories import requestable_product
from product_requests.models import RequestDraft
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 768, 1280)


@pytest.fixture
def product(home_page):
    return requestable_product(title="Verhuizing doorgeven")


def test_save_continue_and_send_a_draft(citizen_page, product):
    page, login = citizen_page
    login(CitizenFactory(bsn="999990019"))
    LocalPersonFactory(bsn="999990019", first_names="Peter Jan", prefix="de", surname="Vries")
    page.goto(f"/aanvragen/{product.slug}/")
    page.get_by_label("Toelichting (niet verplicht)").fill("Met de kat.")
    page.get_by_role("button", name="Opslaan als concept").click()

    page.wait_for_url("**/mijn/")
    expect(page.get_by_text("Uw aanvraag is opgeslagen als concept.")).to_be_visible()
    drafts = page.locator("section.ol-drafts")
    expect(drafts.get_by_role("heading", name="1 aanvraag nog niet verstuurd")).to_be_visible()
    expect(drafts.get_by_text("Concept", exact=True)).to_be_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, context=f"on Mijn overzicht with a draft card at {width}px")

    drafts.get_by_role("link", name="Verder met deze aanvraag").click()
    expect(page.get_by_text("U gaat verder met uw concept")).to_be_visible()
    expect(page.get_by_label("Toelichting (niet verplicht)")).to_have_value("Met de kat.")
    assert_accessible(page, context="on the request form continuing a draft")
    page.get_by_label("Verhuisdatum").fill("2026-12-01")
    page.get_by_role("button", name="Naar controleren").click()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is verstuurd")).to_be_visible()
    assert not RequestDraft.objects.exists()

    page.goto("/mijn/")
    expect(page.locator("section.ol-drafts")).to_have_count(0)


def test_drafts_in_the_table_form_and_deleting_one(citizen_page, product):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999990019"))
    for _ in range(10):
        CaseFactory(bsn=citizen.bsn)
    LocalPersonFactory(bsn="999990019", first_names="Peter Jan", prefix="de", surname="Vries")
    page.goto(f"/aanvragen/{product.slug}/")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_url("**/mijn/")
    table = page.get_by_role("table", name="Uw concept-aanvragen")
    expect(table.get_by_role("rowheader", name="Verhuizing doorgeven")).to_be_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, context=f"on the overview table with a draft at {width}px")

    table.get_by_role("button", name="Concept verwijderen").click()
    expect(
        page.get_by_text("Het concept van uw aanvraag Verhuizing doorgeven is verwijderd.")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Uw concept-aanvragen")).to_have_count(0)
    assert_accessible(page, context="on the overview after deleting a draft")
