"""Issue 9's "Done when", in Chromium with axe on every citizen page:

as 999993653 ask to correct the address with a rental contract (first a PDF
with active content, refused), follow it in Mijn overzicht; a Gemeente
Zoetermeer caseworker logs in with TOTP, sees the requested correction and the
evidence in the back office and marks it "gecorrigeerd"; the citizen's Mijn
gegevens shows the new address and "Wie heeft mijn gegevens bekeken" shows
that a Gemeente Zoetermeer caseworker viewed the case.
"""

import pytest
from playwright.sync_api import expect

from documents.tests import samples
from tests.browser.conftest import assert_accessible, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def pdf_file(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


@pytest.fixture
def scene(settings):
    from backoffice.tests.factories_backoffice import TEST_TOTP_SECRET, CaseworkerFactory
    from identity.tests.factories import LocalPersonFactory, correction_case_type_at

    settings.CLAMAV_HOST = settings.CLAMAV_SOCKET = ""
    case_type = correction_case_type_at()
    LocalPersonFactory(bsn="999993653")
    caseworker = CaseworkerFactory(agency=case_type.agency, username="behandelaar", mfa=True)
    return {"caseworker": caseworker, "secret": TEST_TOTP_SECRET}


def test_address_correction_from_request_to_registry_and_access_log(
    suzanne_page, browser, live_server, scene, totp_code
):
    page = suzanne_page

    # The citizen asks for the correction, first with a refused file.
    page.goto("/mijn/gegevens/correctie/?gegeven=address")
    assert_accessible(page, context="on the address correction form")
    page.get_by_label("Straat").fill("Stationsplein")
    page.get_by_label("Huisnummer").fill("3")
    page.get_by_label("Postcode").fill("2711 AB")
    page.get_by_label("Woonplaats").fill("Zoetermeer")
    page.get_by_label("Toelichting").fill("Ik woon sinds maart op het Stationsplein.")
    evidence = page.get_by_label("Bewijsstuk (niet verplicht)")
    evidence.set_input_files(pdf_file("huurcontract.pdf", samples.pdf_with_javascript()))
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Fout:")
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("heading")).to_have_text("Uw verzoek is niet verstuurd")
    summary.get_by_role("link", name="Deze PDF bevat scripts").click()
    expect(page.locator("#id_evidence")).to_be_focused()
    expect(page.get_by_label("Straat")).to_have_value("Stationsplein")
    expect(page.get_by_label("Toelichting")).to_have_value(
        "Ik woon sinds maart op het Stationsplein."
    )
    assert_accessible(page, context="on the correction form with an error on the file")

    evidence.set_input_files(pdf_file("huurcontract.pdf", samples.pdf()))
    page.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_url("**/mijn/zaken/zoetermeer/**")
    case_url = page.url
    expect(page.get_by_test_id("requested-value")).to_have_text(
        "Stationsplein 3, 2711 AB Zoetermeer"
    )
    expect(page.get_by_role("link", name="huurcontract.pdf (downloaden)")).to_be_visible()
    assert_accessible(page, context="on the new correction case with its evidence")

    page.goto("/mijn/")
    link = page.get_by_role("link", name="Correctie persoonsgegevens: adres")
    expect(link).to_be_visible()
    assert_accessible(page, context="on Mijn overzicht with the correction case")

    # A Gemeente Zoetermeer caseworker logs in (password + TOTP) in their own browser.
    staff_context = new_context(browser, live_server)
    staff = staff_context.new_page()
    staff.csp_violations = []  # as the `page` fixture: assert_accessible checks CSP too
    staff.on(
        "console",
        lambda msg: (
            staff.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    try:
        staff.goto("/beheer/")
        staff.wait_for_url("**/accounts/login/**")
        staff.locator("input[name=login]").fill("behandelaar")
        staff.locator("input[name=password]").fill(PASSWORD)
        # Enter in the field submits its own form (the header has a search form too).
        staff.locator("input[name=password]").press("Enter")
        staff.wait_for_url("**/2fa/authenticate/**")
        staff.locator("input[name=code]").fill(totp_code(scene["secret"]))
        staff.locator("input[name=code]").press("Enter")
        staff.wait_for_url("**/beheer/")

        staff.goto("/beheer/zaken/")
        staff.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).click()
        panel = staff.get_by_test_id("correction-panel")
        expect(panel.get_by_test_id("registry-value")).to_have_text(
            "Dorpsstraat 12, 2712 AB Zoetermeer"
        )
        expect(panel.get_by_test_id("requested-value")).to_have_text(
            "Stationsplein 3, 2711 AB Zoetermeer"
        )
        expect(panel.get_by_text("Ik woon sinds maart op het Stationsplein.")).to_be_visible()
        with staff.expect_download() as download:
            panel.get_by_role("link", name="huurcontract.pdf").click()
        assert download.value.suggested_filename.startswith("upload-")
        assert_accessible(staff, context="on the back-office correction case")

        staff.get_by_role("link", name="Status publiceren").first.click()
        staff.get_by_label("Uw gegevens zijn gecorrigeerd (eindstatus)").check()
        staff.get_by_label("Resultaat", exact=True).fill("Uw adres is gecorrigeerd.")
        staff.get_by_role("button", name="Voorbeeld bekijken").click()
        staff.get_by_role("button", name="Publiceren").click()
        expect(staff.get_by_text("is gepubliceerd").first).to_be_visible()
    finally:
        staff_context.close()

    # The citizen sees the new address and who looked.
    page.goto(case_url)
    expect(page.get_by_text("Uw adres is gecorrigeerd.").first).to_be_visible()
    assert_accessible(page, context="on the corrected case")
    page.goto("/mijn/gegevens/")
    expect(page.get_by_text("Stationsplein 3").first).to_be_visible()
    assert page.get_by_text("Dorpsstraat 12").count() == 0
    assert_accessible(page, context="on Mijn gegevens with the corrected address")

    page.goto("/mijn/inzage/")
    page.get_by_label("Organisatie").select_option("Gemeente Zoetermeer")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr", has_text="medewerker")
    # Opened, and again after publishing (the screen returns to the case).
    expect(rows.filter(has_text="Bekeken: zaak (Correctie persoonsgegevens: adres")).to_have_count(
        2
    )
    expect(rows.filter(has_text="Bekeken: persoonsgegevens")).to_have_count(2)
    expect(rows.filter(has_text="Gewijzigd: persoonsgegevens")).to_have_count(1)
    assert_accessible(page, context="on the access log filtered on Gemeente Zoetermeer")
