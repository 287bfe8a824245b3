"""A request with a file, in a real browser: a refused file, the kept file, the check
step and the case page - by keyboard, axe-checked at every step."""

import re

import pytest
from playwright.sync_api import expect

from documents.tests import samples
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.models import RequestFieldType
from pages.tests.factories import RequestFormFieldFactory, requestable_product
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def product(home_page, settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""
    product = requestable_product(title="Bijzondere bijstand")
    RequestFormFieldFactory(
        page=product,
        field_type=RequestFieldType.FILE,
        label="Offerte of kassabon",
        help_text="Een foto of scan is genoeg.",
        required=False,
    )
    return product


def _tab_to(page, locator, *, limit=40):
    """Press Tab until `locator` has focus: proves it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reachable with Tab")


def test_request_with_a_file_by_keyboard(citizen_page, product, tmp_path):
    page, login = citizen_page
    login(CitizenFactory(bsn="999990019"))
    LocalPersonFactory(bsn="999990019")
    page.goto(f"/aanvragen/{product.slug}/")
    file_input = page.get_by_label("Offerte of kassabon (niet verplicht)")
    expect(file_input).to_have_attribute("type", "file")
    assert_accessible(page, context="on the request form with a file question")

    # A web page renamed to .pdf, and the date left empty: two errors at once.
    fake = tmp_path / "offerte.pdf"
    fake.write_bytes(b"<!doctype html><html><script>alert(1)</script></html>")
    _tab_to(page, file_input)
    file_input.set_input_files(str(fake))
    submit = page.get_by_role("button", name="Naar controleren")
    _tab_to(page, submit)
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Dit is een webpagina (HTML)")
    expect(summary).to_contain_text("Vul dit veld in: Verhuisdatum.")
    assert_accessible(page, context="on the request form with a refused file")
    _tab_to(page, summary.get_by_role("link", name=re.compile("Dit is een webpagina")))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Offerte of kassabon (niet verplicht)")).to_be_focused()

    # A real PDF is kept although the date is still missing.
    good = tmp_path / "kassabon wasmachine.pdf"
    good.write_bytes(samples.pdf())
    page.get_by_label("Offerte of kassabon (niet verplicht)").set_input_files(str(good))
    page.get_by_role("button", name="Naar controleren").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_test_id("kept-file")).to_contain_text("kassabon wasmachine.pdf")
    assert_accessible(page, context="on the request form with a kept file")

    page.get_by_label("Verhuisdatum").fill("2026-12-01")
    page.get_by_role("button", name="Naar controleren").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Controleer uw aanvraag")).to_be_visible()
    expect(page.locator("section[aria-labelledby=answers-heading]")).to_contain_text(
        re.compile(r"kassabon wasmachine\.pdf \(\d+")
    )
    assert_accessible(page, context="on the check step with a file")

    send = page.get_by_role("button", name="Aanvraag versturen")
    _tab_to(page, send)
    page.keyboard.press("Enter")
    # The receipt PDF is rendered in the request (WeasyPrint): slow on a busy machine.
    expect(page.get_by_role("heading", name="Uw aanvraag is verstuurd")).to_be_visible(
        timeout=30_000
    )
    page.get_by_role("link", name="Naar Mijn overzicht").click()
    page.get_by_role("link", name="Bijzondere bijstand").first.click()
    page.wait_for_url("**/mijn/zaken/**")
    documents = page.locator("#documenten")
    expect(documents).to_contain_text("Offerte of kassabon")
    expect(documents).to_contain_text("Ontvangstbevestiging")
