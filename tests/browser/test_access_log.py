"""The inzage page (issue 15.8): others' accesses by default, the citizen's own
on request, no internal names, and "Volgende pagina" that looks like a link.
In Chromium with axe, with the filter on and off and on page two."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def entries(db):
    from identity.access_log import Purpose
    from identity.tests.factories import AccessLogEntryFactory

    AccessLogEntryFactory.create_batch(21, bsn="999993653", organisation="UWV")
    AccessLogEntryFactory(
        bsn="999993653",
        actor_kind="citizen",
        object_kind="case_list",
        object_label="Mijn overzicht",
        organisation="",
        purpose=Purpose.OWN_VIEW,
    )
    AccessLogEntryFactory(
        bsn="999993653",
        actor_kind="citizen",
        object_label="Dakkapel (ZTM-2026-1)",
        organisation="Gemeente Zoetermeer",
        purpose=Purpose.OWN_VIEW,
    )


def test_inzage_shows_others_first_then_everyone_without_internal_names(suzanne_page, entries):
    page = suzanne_page
    page.goto("/mijn/inzage/")
    expect(page.get_by_label("Door wie")).to_have_value("anderen")
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(20)
    expect(rows.filter(has_text="uzelf")).to_have_count(0)
    assert_accessible(page, context="on the inzage page, only others")

    # Page two: a link that looks like one (underlined, in the link colour).
    next_link = page.get_by_role("link", name="Volgende pagina")
    expect(next_link).to_have_css("text-decoration-line", "underline")
    expect(next_link).to_have_css("color", "rgb(21, 66, 115)")
    next_link.click()
    expect(page).to_have_url(re.compile(r"/mijn/inzage/\?wie=anderen&pagina=2$"))
    expect(rows).to_have_count(1)
    assert_accessible(page, context="on page two of the inzage page")

    page.get_by_label("Door wie").select_option("iedereen")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_label("Door wie")).to_have_value("iedereen")
    expect(page.get_by_role("cell", name="Open Loket (uzelf)")).to_have_count(2)
    expect(page.get_by_role("cell", name="Bekeken: overzicht van uw zaken")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("case_list")
    expect(page.get_by_role("cell", name="-", exact=True)).to_have_count(0)
    assert_accessible(page, context="on the inzage page with the citizen's own views")
