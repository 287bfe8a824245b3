"""Mijn gegevens, the contact form (with errors) and the inzage page in Chromium, with axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registry_record(db):
    from identity.tests.factories import LocalPersonFactory

    return LocalPersonFactory(bsn="999993653", with_family=True, moved=True)


def test_personal_data_page_with_bsn_toggle_is_accessible(suzanne_page, registry_record):
    page = suzanne_page
    response = page.goto("/mijn/gegevens/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Mijn gegevens"
    assert page.get_by_test_id("bsn").inner_text() == "******653"
    assert_accessible(page, context="on Mijn gegevens")

    page.get_by_role("button", name="Toon burgerservicenummer").click()
    page.wait_for_url("**/mijn/gegevens/?bsn=toon")
    assert page.get_by_test_id("bsn").inner_text() == "999993653"
    assert_accessible(page, context="on Mijn gegevens with the BSN shown")


def test_unreachable_registry_message_is_accessible(suzanne_page, settings):
    settings.PERSON_REGISTRY = "haal_centraal"
    settings.HAAL_CENTRAAL_BRP = {
        **settings.HAAL_CENTRAAL_BRP,
        "BASE_URL": "http://127.0.0.1:9/brp",
        "TIMEOUT_SECONDS": 1,
        "RETRIES": 0,
    }
    page = suzanne_page
    page.goto("/mijn/gegevens/")
    assert page.get_by_text("kunnen we op dit moment niet ophalen").count() == 1
    assert_accessible(page, context="on Mijn gegevens without the registry")


def test_contact_form_errors_are_summarised_and_focused(suzanne_page, registry_record):
    page = suzanne_page
    page.goto("/mijn/gegevens/contact/")
    assert_accessible(page, context="on the contact form")

    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_label("Telefoonnummer").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.title().startswith("Fout:")
    # Focus moved to the summary (static script, strict CSP).
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page, context="on the contact form with errors")

    summary.get_by_role("link", name="Vul een geldig telefoonnummer in").click()
    expect(page.locator("#id_phone")).to_be_focused()


def test_valid_contact_change_goes_back_to_mijn_gegevens(suzanne_page, registry_record):
    page = suzanne_page
    page.goto("/mijn/gegevens/contact/")
    page.get_by_label("Telefoonnummer").fill("06 1234 5678")
    page.get_by_label("English").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/mijn/gegevens/")
    assert page.get_by_text("Uw contactgegevens zijn gewijzigd.").count() == 1
    assert page.get_by_text("0612345678").count() == 1
    assert_accessible(page, context="on Mijn gegevens after a change")


def test_access_log_page_is_accessible_and_filters(suzanne_page):
    from identity.tests.factories import AccessLogEntryFactory

    AccessLogEntryFactory.create_batch(21, bsn="999993653", organisation="UWV")
    AccessLogEntryFactory(bsn="999993653", organisation="Gemeente Zoetermeer")
    AccessLogEntryFactory(bsn="999993653", login=True)
    page = suzanne_page
    page.goto("/mijn/inzage/")
    assert page.locator("h1").inner_text() == "Wie heeft mijn gegevens bekeken?"
    assert_accessible(page, context="on the inzage page")

    page.get_by_label("Organisatie").select_option("Gemeente Zoetermeer")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/mijn/inzage/?*organisatie=*")
    rows = page.locator("table").first.locator("tbody tr")
    assert rows.count() == 1
    assert "Gemeente Zoetermeer" in rows.first.inner_text()
    assert_accessible(page, context="on the filtered inzage page")


def test_email_confirmation_page_is_accessible(suzanne_page, django_capture_on_commit_callbacks):
    import re

    from django.core import mail

    from identity.services import update_contact_details

    page = suzanne_page
    page.goto("/mijn/gegevens/e-mail/bevestigen/ongeldig/")
    assert page.get_by_role("alert").inner_text().startswith("Deze link is ongeldig")
    assert_accessible(page, context="on the e-mail confirmation error")

    with django_capture_on_commit_callbacks(execute=True):
        update_contact_details(
            user=page.citizen,
            email="suzanne@example.org",
            phone="",
            preferred_language="nl",
            notify_by_email=True,
        )
    path = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(path)
    assert_accessible(page, context="on the e-mail confirmation page")
    page.get_by_role("button", name="Ja, bevestig mijn e-mailadres").click()
    page.wait_for_url("**/mijn/gegevens/")
    assert page.get_by_text("Uw e-mailadres is bevestigd.").count() == 1
