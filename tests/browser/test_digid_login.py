"""DigiD login in a real browser, through the development IdP (Artifact binding)."""

import pytest

from identity.demo import seed
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Out:
    def write(self, text):
        pass


@pytest.fixture
def portal(live_server, settings, home_page):
    settings.PORTAL_BASE_URL = live_server.url
    seed(_Out())
    return live_server.url


def test_citizen_logs_in_with_digid_and_arrives_at_mijn_overzicht(page, portal):
    page.goto("/")
    page.get_by_role("link", name="Mijn Loket", exact=True).click()
    page.wait_for_url("**/inloggen/?next=%2Fmijn%2F&niveau=basis")
    assert_accessible(page, context="on the login page")

    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url("**/digid/dev-idp/sso/**")
    assert_accessible(page, context="on the development IdP")
    page.get_by_label("Suzanne Moulin (999993653)").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()

    page.wait_for_url(f"{portal}/mijn/")
    assert page.locator("h1").inner_text() == "Mijn overzicht"
    header = page.locator("header")
    assert "Suzanne Moulin" in header.inner_text()
    assert header.get_by_role("button", name="Uitloggen").count() == 1
    assert "999993653" not in page.url

    header.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{portal}/")
    # Public pages show no login state (they are cacheable); /mijn/ asks to log in again.
    assert "Suzanne Moulin" not in page.locator("header").inner_text()
    page.goto("/mijn/")
    page.wait_for_url("**/inloggen/**")


def test_cancel_at_the_idp_shows_an_accessible_cancel_page(page, portal):
    page.goto("/inloggen/?next=/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url("**/digid/dev-idp/sso/**")
    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url("**/inloggen/geannuleerd/")
    assert page.locator("h1").inner_text() == "Inloggen geannuleerd"
    assert_accessible(page, context="on the cancel page")


def test_failure_page_is_accessible(page, portal):
    page.goto("/inloggen/mislukt/")
    assert page.locator("h1").inner_text() == "Inloggen is niet gelukt"
    page.get_by_role("link", name="Opnieuw inloggen").click()
    page.wait_for_url("**/inloggen/")
    page.goto("/inloggen/mislukt/")
    assert_accessible(page, context="on the login failure page")


def test_idp_error_states_are_accessible(page, portal):
    page.goto("/inloggen/?next=/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url("**/digid/dev-idp/sso/**")
    page.get_by_label("Een ander BSN").check()
    page.get_by_label("BSN", exact=True).fill("123456789")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.get_by_label("BSN", exact=True).get_attribute("aria-invalid") == "true"
    assert_accessible(page, context="on the IdP form with an error")

    page.goto("/digid/dev-idp/sso/?SAMLRequest=broken")
    assert "kan dit verzoek niet verwerken" in page.locator("h1").inner_text()
    assert_accessible(page, context="on the IdP error page")


def test_session_warning_is_announced_and_keyboard_usable(page, portal, settings):
    # Less than two minutes of idle time left at once: the warning shows on load.
    settings.SESSION_COOKIE_AGE = 100
    page.goto("/inloggen/?next=/mijn/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url("**/digid/dev-idp/sso/**")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(f"{portal}/mijn/")

    dialog = page.get_by_role("alertdialog", name="U wordt bijna uitgelogd")
    dialog.wait_for(state="visible")
    live = page.locator("#session-warning-live")
    assert "automatisch uitgelogd" in live.inner_text()
    assert page.evaluate("document.activeElement.id") == "session-warning-stay"
    assert_accessible(page, context="with the session warning shown")

    with page.expect_response("**/sessie/verlengen/") as extended:
        page.keyboard.press("Enter")
    assert extended.value.status == 200
    assert extended.value.json()["seconds_left"] > 0


def test_staff_login_page_uses_our_layout_and_is_accessible(page, portal):
    page.goto("/beheer/")
    page.wait_for_url("**/accounts/login/**")
    assert page.locator("header.ol-header").count() == 1
    assert page.get_by_role("link", name="registreer").count() == 0  # no self sign-up
    assert_accessible(page, context="on the staff (allauth) login page")
    page.get_by_label("Gebruikersnaam").fill("nobody")
    page.get_by_label("Wachtwoord").fill("not-the-password")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, context="on the staff login page with an error")
