"""A citizen reading the site in English (issue 15 item 7, docs/decisions/0025):
English pages, English search, English case texts, and Dutch-only catalogue text
marked lang="nl" with a visible note (WCAG 3.1.2 Language of Parts)."""

import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser, live_server):
    """A browser set to English, logged in as demo citizen 999993653 at level Midden."""
    from django.conf import settings
    from django.test import Client

    from identity.loa import SESSION_KEY, LevelOfAssurance
    from identity.tests.factories import CitizenFactory

    context = new_context(browser, live_server, locale="en-GB")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )

    def login():
        client = Client()
        client.force_login(CitizenFactory(bsn="999993653"))
        session = client.session
        session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )

    page.login = login
    yield page
    context.close()


@pytest.fixture
def demo_catalogue(home_page):
    from demo import agencies_and_cases as cases_demo
    from demo import site as pages_demo

    cases_demo.seed(io.StringIO())
    pages_demo.seed(io.StringIO())


def test_english_pages_search_and_case_texts(english_page, demo_catalogue):
    page = english_page

    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Your dealings with the government in one place.")).to_be_visible()
    assert_accessible(page, context="on the English home page")

    page.get_by_role("link", name="Apply for a passport").first.click()
    expect(page).to_have_url(re.compile(r"/en/producten/paspoort-aanvragen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for a passport")
    assert_accessible(page, context="on an English product page")

    page.goto("/en/zoeken/?q=passport")
    result = page.get_by_role("link", name="Apply for a passport")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("href", "/en/producten/paspoort-aanvragen/")
    assert_accessible(page, context="on English search results")

    page.login()
    page.goto("/en/mijn/")
    page.get_by_role("link", name="Dakkapel op de achterkant van de woning").click()
    facts = page.locator("dl.ol-facts")
    expect(facts.get_by_text("Environmental permit")).to_be_visible()
    expect(page.locator("[aria-current=step]")).to_contain_text(
        "We have received your additional information"
    )
    expect(page.get_by_text("(Dutch only)")).to_have_count(0)
    assert_accessible(page, context="on an English case page")

    # Rijnland has not translated its catalogue: Dutch, marked as such.
    page.goto("/en/mijn/")
    page.get_by_role("link", name="Kwijtschelding waterschapsbelasting 2026").click()
    dutch_name = facts.locator('span[lang="nl"]')
    expect(dutch_name).to_have_text("Kwijtschelding waterschapsbelasting")
    expect(facts.get_by_text("(Dutch only)")).to_be_visible()
    expect(page.locator("[aria-current=step] span[lang=nl]")).to_have_text(
        "Uw aanvraag is ontvangen"
    )
    assert_accessible(page, context="on a case page with Dutch-only catalogue text")
