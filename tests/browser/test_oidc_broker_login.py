"""The broker login buttons in a real browser, against the development broker
(`oidc-provider` in node) on another origin than the portal, so the CSP's
form-action applies to the redirect to the broker (identity/oidc/csp.py): the
buttons, a DigiD Machtigen journey to Mijn overzicht, and the cancelled and
failed pages, each checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from identity.tests.oidc_broker import running_broker
from portal.settings.oidc import development_brokers
from tests.browser.conftest import assert_accessible, assert_no_csp_violation

pytestmark = [pytest.mark.browser, pytest.mark.oidc_broker, pytest.mark.django_db(transaction=True)]
BROKER_PAGE = re.compile(r"^http://127\.0\.0\.1:\d+/interaction/")


@pytest.fixture
def broker(settings, live_server, home_page):
    assert "//localhost:" in live_server.url
    # Redirect URIs are built from PORTAL_BASE_URL: here, the live server.
    settings.PORTAL_BASE_URL = live_server.url
    with running_broker() as url:
        settings.OIDC_BROKERS = development_brokers(url)
        yield url


def test_login_page_offers_both_means_and_machtigen_reaches_mijn_overzicht(page, broker):
    page.goto("/inloggen/?next=/mijn/")
    machtigen = page.get_by_role("button", name="Inloggen met DigiD Machtigen")
    expect(machtigen).to_be_visible()
    expect(page.get_by_role("button", name="Inloggen met eHerkenning")).to_be_visible()
    assert_accessible(page, context="on the login page with broker buttons")

    machtigen.click()
    page.wait_for_url(BROKER_PAGE)
    page.get_by_role(
        "button", name=re.compile("^Suzanne Moulin .* Fatima El Amrani \\(999991772\\)$")
    ).click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_csp_violation(page, context="through the broker and back")


def test_cancel_at_the_broker_ends_on_the_cancelled_page(page, broker):
    page.goto("/inloggen/")
    page.get_by_role("button", name="Inloggen met eHerkenning").click()
    page.wait_for_url(BROKER_PAGE)
    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url(re.compile(r"/inloggen/geannuleerd/$"))
    assert_accessible(page, context="on the cancelled page after the broker")


def test_refused_token_ends_on_the_failed_page(page, broker, settings):
    settings.OIDC_BROKERS = [
        {**entry, "issuer": f"{broker}/another-issuer"} for entry in settings.OIDC_BROKERS
    ]
    page.goto("/inloggen/")
    page.get_by_role("button", name="Inloggen met eHerkenning").click()
    page.wait_for_url(BROKER_PAGE)
    page.get_by_role("button", name=re.compile("Bakkerij De Vries")).click()
    page.wait_for_url(re.compile(r"/inloggen/mislukt/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is niet gelukt")
    assert_accessible(page, context="on the failed page after the broker")
