"""Requesting a product online in a real browser: search, product, form, check, sent, overview."""

import pytest
from playwright.sync_api import expect

from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.models import RequestFieldType
from pages.tests.factories import RequestFormFieldFactory, requestable_product
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moving_product(home_page):
    product = requestable_product(
        title="Verhuizing doorgeven", summary="Geef uw verhuizing door aan de gemeente."
    )
    RequestFormFieldFactory(
        page=product,
        field_type=RequestFieldType.RADIO,
        label="Wie verhuizen er mee?",
        choices="Alleen ikzelf\nIk en mijn partner",
    )
    return product


def test_request_journey_from_search_to_overview(citizen_page, moving_product):
    page, login = citizen_page
    page.goto("/zoeken/?q=verhuizing")
    page.get_by_role("link", name="Verhuizing doorgeven").click()
    page.get_by_role("link", name="Aanvragen").click()
    page.wait_for_url("**/inloggen/**")
    form_url = f"/aanvragen/{moving_product.slug}/"

    login(CitizenFactory(bsn="999990019"))
    LocalPersonFactory(bsn="999990019", first_names="Peter Jan", prefix="de", surname="Vries")
    page.goto(form_url)
    expect(page.get_by_test_id("applicant-name")).to_have_text("Peter Jan de Vries")
    assert_accessible(page, context="on the empty request form")

    page.get_by_role("button", name="Naar controleren").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Fout:")
    assert_accessible(page, context="on the request form with errors")
    page.get_by_role("link", name="Vul dit veld in: Verhuisdatum.").click()
    expect(page.get_by_label("Verhuisdatum")).to_be_focused()

    page.get_by_label("Verhuisdatum").fill("2026-12-01")
    page.get_by_label("Toelichting (niet verplicht)").fill("Met de kat.")
    page.get_by_label("Ik en mijn partner").check()
    page.get_by_role("button", name="Naar controleren").click()
    expect(page.get_by_role("heading", name="Controleer uw aanvraag")).to_be_visible()
    assert page.get_by_text("1 december 2026").is_visible()
    assert_accessible(page, context="on the check step")

    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is verstuurd")).to_be_visible()
    reference = page.get_by_test_id("case-reference").inner_text()
    assert reference
    assert_accessible(page, context="on the confirmation page")

    page.get_by_role("link", name="Naar Mijn overzicht").click()
    page.wait_for_url("**/mijn/")
    card = page.locator(".ol-case-card", has_text=reference)
    expect(card.get_by_role("link", name="Verhuizing doorgeven")).to_be_visible()
    card.get_by_role("link", name="Verhuizing doorgeven").click()
    page.wait_for_url("**/mijn/zaken/**")
    expect(page.locator("#documenten")).to_contain_text("Ontvangstbevestiging")


def test_confirmation_page_while_the_receipt_is_made_and_when_ready(
    citizen_page, moving_product, settings
):
    """Issue 23: the receipt PDF is the task worker's. With the database task
    backend (as in production) the page first says it is being made, with a
    "Vernieuwen" link and no JavaScript; after a worker run the link offers it."""
    import io

    from django.core.management import call_command

    page, login = citizen_page
    login(CitizenFactory(bsn="999990019"))
    LocalPersonFactory(bsn="999990019", first_names="Peter Jan", prefix="de", surname="Vries")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page.goto(f"/aanvragen/{moving_product.slug}/")
    page.get_by_label("Verhuisdatum").fill("2026-12-01")
    page.get_by_label("Ik en mijn partner").check()
    page.get_by_role("button", name="Naar controleren").click()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is verstuurd")).to_be_visible()
    pending = page.get_by_test_id("receipt-pending")
    expect(pending).to_have_attribute("role", "status")
    expect(pending).to_contain_text("De ontvangstbevestiging (PDF) wordt gemaakt.")
    expect(pending).to_contain_text("Uw aanvraag is al ontvangen.")
    assert_accessible(page, context="on the confirmation page while the receipt is being made")

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
    page.get_by_role("link", name="Vernieuwen").click()
    download = page.get_by_role("link", name="Download de ontvangstbevestiging (PDF)")
    expect(download).to_be_visible()
    receipt = page.request.get(download.get_attribute("href"))
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    assert_accessible(page, context="on the confirmation page with the receipt")
