"""Issue 18, SMS channel, in Chromium with axe: the mobile number page, its
error state, the code arriving through the (faked) Notify API, the confirm page
and its error state, linked from Berichten en meldingen."""

import pytest
from playwright.sync_api import expect

from messaging.tests.factories import global_message_types
from notifications.channels import verified_mobile
from notifications.tests.fake_notify import (
    API_KEY,
    CALLBACK_TOKEN,
    EMAIL_TEMPLATE,
    SMS_TEMPLATE,
    FakeNotifyServer,
)
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notify(settings):
    with FakeNotifyServer() as fake:
        settings.NOTIFICATION_SMS_PROVIDER = "notify"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = fake.base_url
        settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
        settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
        settings.NOTIFY_CALLBACK_BEARER_TOKEN = CALLBACK_TOKEN
        yield fake
        assert fake.contract_errors == []


def test_confirm_a_mobile_number_with_the_code_from_the_sms(suzanne_page, notify):
    global_message_types()
    page = suzanne_page
    page.goto("/mijn/gegevens/")
    page.get_by_role("link", name="Berichten en meldingen instellen").click()
    page.get_by_role("link", name="Mobiel nummer voor sms-meldingen instellen").click()
    expect(page.locator("h1")).to_have_text("Mobiel nummer voor sms-meldingen")
    assert_accessible(page, context="on the mobile number page")

    page.get_by_label("Mobiel nummer").fill("0791234567")  # a landline
    page.get_by_role("button", name="Code sturen").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_text("Vul een mobiel nummer in, zoals 0612345678.").first).to_be_visible()
    assert page.title().startswith("Fout:")
    assert_accessible(page, context="on the mobile number page with an error")

    page.get_by_label("Mobiel nummer").fill("06 12345678")
    page.get_by_role("button", name="Code sturen").click()
    expect(page.locator("h1")).to_have_text("Mobiel nummer bevestigen")
    assert_accessible(page, context="on the confirm page")
    (sms,) = notify.sent
    assert sms.type == "sms" and sms.to == "0612345678"
    code = sms.personalisation["body"].split("is ")[1][:6]

    page.get_by_label("Code uit de sms").fill("12")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De code heeft zes cijfers.").first).to_be_visible()
    assert_accessible(page, context="on the confirm page with an error")

    page.get_by_label("Code uit de sms").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Uw mobiele nummer is bevestigd.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Berichten en meldingen")
    assert verified_mobile("999993653") == "0612345678"
