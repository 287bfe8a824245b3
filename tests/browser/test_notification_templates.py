"""Issue 18: an agency administrator keeps the agency's own notification text:
the edit page, its Awb 2:10 lid 2 error, and the preview, each checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory
from notifications.models import AgencyNotificationTemplate, NotificationKind
from tests.browser.conftest import assert_accessible
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FACTS = "$message_kind\n$legal_effect\n$action_expected\n$deadline\n\n$link"


def test_agency_admin_edits_previews_and_is_refused_a_text_without_the_facts(page, live_server):
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    template = AgencyNotificationTemplate.objects.create(
        agency=agency,
        kind=NotificationKind.MESSAGE,
        language="nl",
        subject="Nieuw bericht van $agency",
        body=f"Beste $first_name,\n\n{FACTS}",
    )
    _log_in(page, live_server, CaseworkerFactory(agency=agency, agency_admin=True, mfa=True))

    page.goto("/beheer/")
    page.get_by_role("link", name="Meldingsteksten").first.click()
    expect(page.get_by_role("link", name="nieuw bericht (nl)")).to_be_visible()
    page.get_by_role("link", name="nieuw bericht (nl)").click()
    body = page.get_by_role("textbox", name="Tekst")
    expect(body).to_be_visible()
    assert_accessible(page, context="on the notification text's edit page")

    body.fill("Beste $first_name, u hebt post: $message_kind. $link")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(
        page.get_by_text("Ontbreekt: $legal_effect, $action_expected, $deadline.")
    ).to_be_visible()
    # Wagtail fades its message in over 0.5 s; judge contrast once it is opaque.
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert_accessible(page, context="on the notification text's edit page with an error")

    body.fill(f"Goedendag $first_name,\n\n{FACTS}")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page).to_have_url(re.compile(r"/beheer/meldingsteksten/$"))  # saved: back to the list

    page.goto(f"/beheer/meldingsteksten/inspect/{template.pk}/")
    preview = page.get_by_test_id("template-preview")
    expect(preview).to_contain_text("Goedendag Suzanne,")
    expect(preview).to_contain_text("Dit is een formeel bericht: het heeft rechtsgevolgen voor u.")
    expect(page.get_by_test_id("template-changes")).to_contain_text("tekst")
    assert_accessible(page, context="on the notification text's preview")
