"""Help on every page (WCAG 3.2.6 consistent help; Awb 2:1) and "Bel mij terug"."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.tests.factories import LocalPersonFactory
from pages.tests.factories import ProductPageFactory, requestable_product
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the help link is: its place among the header's links, counted from the end
# (the personal pages add links before it; the language switch always follows it).
HELP_LINK_PLACE = """() => {
  const links = [...document.querySelectorAll('header.ol-header nav a')];
  const help = links.filter((a) => a.classList.contains('ol-help-link'));
  return help.length === 1 ? links.length - links.indexOf(help[0]) : -help.length;
}"""


@pytest.fixture
def zoetermeer_case(suzanne_page):
    agency = AgencyFactory(name="Gemeente Zoetermeer", phone="14 079", email="info@zoetermeer.nl")
    return CaseFactory(
        bsn=suzanne_page.citizen.bsn,
        case_type=CaseTypeFactory(agency=agency),
        title="Bijzondere bijstand",
    )


def test_help_link_is_in_the_same_place_on_every_page(suzanne_page, zoetermeer_case, home_page):
    page = suzanne_page
    product = requestable_product(title="Verhuizing doorgeven")
    LocalPersonFactory(bsn=page.citizen.bsn)
    info = ProductPageFactory(title="Paspoort")
    paths = [
        "/",
        "/en/",
        info.url,
        "/zoeken/?q=paspoort",
        "/mijn/",
        "/en/mijn/",
        "/mijn/gegevens/",
        zoetermeer_case.get_absolute_url(),
        f"/aanvragen/{product.slug}/",
        "/hulp/",
        "/accounts/login/",
    ]
    for path in paths:
        page.goto(path)
        assert page.evaluate(HELP_LINK_PLACE) == 2, path  # just before the language switch
    page.goto(zoetermeer_case.get_absolute_url())
    page.get_by_role("link", name="Hulp nodig?").click()
    expect(page.get_by_role("heading", name="Hulp nodig?", level=1)).to_be_visible()
    expect(page.get_by_text(zoetermeer_case.reference).first).to_be_visible()
    assert_accessible(page, context="on the help page of a case")


def test_help_page_of_the_portal_is_accessible_in_both_languages(page, home_page):
    page.goto("/hulp/")
    expect(page.get_by_role("heading", name="Helpdesk van Open Loket")).to_be_visible()
    assert_accessible(page, context="on the help page")
    page.goto("/en/hulp/")
    expect(page.get_by_role("heading", name="Need help?", level=1)).to_be_visible()
    assert_accessible(page, context="on the English help page")


def test_bel_mij_terug_with_errors_then_sent_and_seen_by_the_agency(
    suzanne_page, zoetermeer_case, live_server
):
    page = suzanne_page
    page.goto(f"/hulp/zaak/{zoetermeer_case.agency.slug}/{zoetermeer_case.reference}/")
    page.get_by_role("button", name="Verstuur terugbelverzoek").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Vul uw telefoonnummer in.")).to_be_visible()
    assert_accessible(page, context="on the callback form with errors")

    page.get_by_label("Telefoonnummer").fill("06 1234 5678")
    page.get_by_label("'s middags (12.00 tot 17.00 uur)").check()
    page.get_by_label("Waar gaat uw vraag over?").fill("Wanneer krijg ik het besluit?")
    page.get_by_role("button", name="Verstuur terugbelverzoek").click()
    expect(page.get_by_text("Uw terugbelverzoek is verstuurd.")).to_be_visible()
    assert_accessible(page, context="on the help page after a callback request")

    client = Client()
    client.force_login(CaseworkerFactory(agency=zoetermeer_case.agency, mfa=True))
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto("/beheer/")
    page.get_by_role("link", name="1 terugbelverzoek").click()
    expect(page.get_by_role("cell", name="'s middags (12.00 tot 17.00 uur)")).to_be_visible()
    assert_accessible(page, context="on the back office's callback list")
    page.get_by_role("link", name="Bekijk verzoek").click()
    expect(page.get_by_test_id("callback-phone")).to_have_text("0612345678")
    assert_accessible(page, context="on a callback request in the back office")


def test_accessibility_statement_is_accessible_in_both_languages(page, home_page):
    page.goto("/toegankelijkheid/")
    expect(page.get_by_role("heading", name="Toegankelijkheidsverklaring", level=1)).to_be_visible()
    expect(page.get_by_test_id("finding").first).to_be_visible()
    assert_accessible(page, context="on the accessibility statement")
    page.goto("/en/toegankelijkheid/")
    expect(page.get_by_role("heading", name="Accessibility statement", level=1)).to_be_visible()
    assert_accessible(page, context="on the English accessibility statement")
