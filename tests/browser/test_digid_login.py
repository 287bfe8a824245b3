"""DigiD login in a real browser, through the development IdP (Artifact binding).

The IdP runs on another origin than the portal (`digid_portal`: localhost vs
127.0.0.1), as DigiD does, so the CSP's form-action applies to the redirects to
the IdP and back (issue 14 item 1); every journey ends with no CSP violation.
"""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from demo.people import seed
from tests.browser.conftest import assert_accessible, assert_no_csp_violation

pytestmark = [pytest.mark.browser, pytest.mark.devidp, pytest.mark.django_db(transaction=True)]


class _Out:
    def write(self, text):
        pass


@pytest.fixture
def portal(digid_portal, home_page):
    seed(_Out())
    return digid_portal[0]


@pytest.fixture
def idp(digid_portal):
    return digid_portal[1]


IDP_PAGE = "**/ontwikkel-idp/**"


def _wait_for_idp(page, idp):
    """Arrive at the IdP's login page; a form-action block shows as a CSP violation."""
    try:
        page.wait_for_url(IDP_PAGE, timeout=10_000)
    except PlaywrightTimeoutError:
        assert_no_csp_violation(page, context="on the way to the IdP")
        raise
    assert page.url.startswith(idp + "/")


def _log_in(page, idp, *, citizen="Suzanne Moulin (999993653)", level=None):
    """From a login page: DigiD button -> the IdP on its own origin -> pick -> back."""
    page.get_by_role("button", name=re.compile("Inloggen met DigiD|Log in with DigiD")).click()
    _wait_for_idp(page, idp)
    page.get_by_label(citizen).check()
    if level:
        page.get_by_label("Betrouwbaarheidsniveau").select_option(label=level)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def _through_the_chooser(page, portal, next_path="/mijn/"):
    """Issue 19: Suzanne holds gezag over Noah (demo), so a login without a
    choice yet lands on "Voor wie wilt u iets regelen?" with `next` kept."""
    page.wait_for_url(re.compile(re.escape(portal) + r"/(en/)?mijn/voor-wie/\?next="))
    myself = re.compile(r"^(Verder|Continue) (Uzelf|Yourself) \(Suzanne Moulin\)$")
    page.get_by_role("button", name=myself).click()
    page.wait_for_url(f"{portal}{next_path}")


def test_citizen_logs_in_with_digid_and_arrives_at_mijn_overzicht(page, portal, idp):
    page.goto("/")
    page.get_by_role("link", name="Mijn Loket", exact=True).click()
    page.wait_for_url("**/inloggen/?next=%2Fmijn%2F&niveau=basis")
    assert_accessible(page, context="on the login page")

    page.get_by_role("button", name="Inloggen met DigiD").click()
    _wait_for_idp(page, idp)
    assert_accessible(page, context="on the development IdP")
    page.get_by_label("Suzanne Moulin (999993653)").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()

    page.wait_for_url(re.compile(r"/mijn/voor-wie/\?next=%2Fmijn%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie wilt u iets regelen?")
    expect(page.get_by_role("heading", name="Noah de Vries")).to_be_visible()
    assert_accessible(page, context="on the chooser after the DigiD login")
    _through_the_chooser(page, portal)
    assert page.locator("h1").inner_text() == "Mijn overzicht"
    header = page.locator("header")
    assert "Suzanne Moulin" in header.inner_text()
    assert header.get_by_role("button", name="Uitloggen").count() == 1
    assert "999993653" not in page.url

    # Logout: POST /uitloggen/ -> the IdP's SLO (other origin) -> our /digid/slo/ -> home.
    with page.expect_request(re.compile(re.escape(idp) + "/digid/dev-idp/slo/")):
        header.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{portal}/", timeout=10_000)
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    # Public pages show no login state (they are cacheable); /mijn/ asks to log in again.
    assert "Suzanne Moulin" not in page.locator("header").inner_text()
    page.goto("/mijn/")
    page.wait_for_url("**/inloggen/**")
    assert_no_csp_violation(page, context="during login and logout across origins")


def test_step_up_to_a_higher_level_crosses_origins_without_csp_violation(page, portal, idp):
    page.goto("/inloggen/?next=/mijn/")
    _log_in(page, idp, level="Basis")
    _through_the_chooser(page, portal)

    # A service asks for Midden: the login page again, now with the logout form too.
    page.goto("/inloggen/?next=/mijn/gegevens/&niveau=midden")
    expect(page.get_by_text("niveau Midden of hoger")).to_be_visible()
    _log_in(page, idp, level="Midden")
    page.wait_for_url(f"{portal}/mijn/gegevens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    assert_no_csp_violation(page, context="during the step-up")


def test_language_switch_on_the_idp_keeps_the_saml_request(page, portal, idp):
    """Issue 15 item 9: "English" on the development IdP used to drop the request."""
    page.goto("/inloggen/?next=/mijn/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url(IDP_PAGE)
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{idp}/en/ontwikkel-idp/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in at the development IdP")
    assert_accessible(page, context="on the development IdP in English")
    page.get_by_label("Suzanne Moulin (999993653)").check()
    page.get_by_role("button", name="Log in", exact=True).click()
    _through_the_chooser(page, portal)
    assert_no_csp_violation(page, context="after switching language at the IdP")


def test_logging_out_from_an_english_page_stays_in_english(page, portal, idp):
    """Issue 15 item 7: logout from /en/... used to land on the Dutch home page."""
    page.goto("/en/inloggen/?next=/en/mijn/")
    _log_in(page, idp)
    _through_the_chooser(page, portal, "/en/mijn/")
    page.locator("header").get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{portal}/en/")
    expect(page.get_by_text("You have been logged out.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_no_csp_violation(page, context="during logout in English")


def test_cancel_at_the_idp_shows_an_accessible_cancel_page(page, portal):
    page.goto("/inloggen/?next=/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url(IDP_PAGE)
    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url(f"{portal}/inloggen/geannuleerd/")
    assert page.locator("h1").inner_text() == "Inloggen geannuleerd"
    assert_accessible(page, context="on the cancel page")


def test_failure_page_is_accessible(page, portal):
    page.goto("/inloggen/mislukt/")
    assert page.locator("h1").inner_text() == "Inloggen is niet gelukt"
    page.get_by_role("link", name="Opnieuw inloggen").click()
    page.wait_for_url("**/inloggen/")
    page.goto("/inloggen/mislukt/")
    assert_accessible(page, context="on the login failure page")


def test_idp_error_states_are_accessible(page, portal, idp):
    page.goto("/inloggen/?next=/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url(IDP_PAGE)
    page.get_by_label("Een ander BSN").check()
    page.get_by_label("BSN", exact=True).fill("123456789")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.get_by_label("BSN", exact=True).get_attribute("aria-invalid") == "true"
    assert_accessible(page, context="on the IdP form with an error")

    page.goto(f"{idp}/digid/dev-idp/sso/?SAMLRequest=broken")
    assert "kan dit verzoek niet verwerken" in page.locator("h1").inner_text()
    assert_accessible(page, context="on the IdP error page")


def test_session_warning_is_announced_and_keyboard_usable(page, portal, settings):
    # Less than two minutes of idle time left at once: the warning shows on load.
    settings.SESSION_COOKIE_AGE = 100
    page.goto("/inloggen/?next=/mijn/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url(IDP_PAGE)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    _through_the_chooser(page, portal)

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
