"""The correction form ("Klopt er iets niet?") in Chromium, with axe: from Mijn
gegevens via the choice, errors summarised and focused, then the new case."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registry_record(db):
    from identity.tests.factories import LocalPersonFactory, correction_case_type_at

    correction_case_type_at()
    return LocalPersonFactory(bsn="999993653")


def test_correction_form_with_errors_then_filed_as_a_case(suzanne_page, registry_record):
    page = suzanne_page
    page.goto("/mijn/gegevens/")
    page.get_by_role("link", name="Klopt er iets niet? Vraag de gemeente om een correctie").click()
    page.wait_for_url("**/mijn/gegevens/correctie/")
    assert_accessible(page, context="on the choice of field")

    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/mijn/gegevens/correctie/?stap=2")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page, context="on the choice of field with an error")

    page.get_by_label("Adres").check()
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/mijn/gegevens/correctie/?stap=2&gegeven=address")
    assert page.get_by_test_id("current-value").inner_text() == "Dorpsstraat 12, 2712 AB Zoetermeer"
    assert_accessible(page, context="on the address correction form")

    page.get_by_label("Straat").fill("Stationsplein")
    page.get_by_label("Postcode").fill("12")
    page.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_load_state()
    assert page.title().startswith("Fout:")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("link").count() == 4  # house number, postcode, city, explanation
    summary.get_by_role("link", name="Vul een postcode in zoals 2711 AB.").click()
    expect(page.locator("#id_postcode")).to_be_focused()
    assert_accessible(page, context="on the correction form with errors")

    page.get_by_label("Huisnummer").fill("3")
    page.get_by_label("Postcode").fill("2711 AB")
    page.get_by_label("Woonplaats").fill("Zoetermeer")
    page.get_by_label("Toelichting").fill("Ik woon sinds maart op het Stationsplein.")
    page.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_url("**/mijn/zaken/zoetermeer/**")
    assert page.locator("h1").inner_text() == "Correctie persoonsgegevens: adres"
    assert page.get_by_text("Uw verzoek is ontvangen").count() == 1
    assert (
        page.get_by_test_id("requested-value").inner_text() == "Stationsplein 3, 2711 AB Zoetermeer"
    )
    assert_accessible(page, context="on the new correction case")
