"""The citizen's mobile number pages (issue 18, SMS channel): a code by SMS
through the Notify fake, confirmation, translated errors and rate limits,
never cached."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from identity.tests.factories import CitizenFactory
from notifications.channels import verified_mobile
from notifications.models import MobileNumber

pytestmark = pytest.mark.django_db

NUMBER_URL = "/mijn/gegevens/mobiel/"
CONFIRM_URL = "/mijn/gegevens/mobiel/bevestigen/"


@pytest.fixture
def citizen(db):
    """Suzanne without a mobile number yet."""
    return CitizenFactory(bsn="999993653", first_name="Suzanne")


def _code(notify):
    sms = notify.sent[-1]
    assert sms.type == "sms"
    return sms.personalisation["body"].split("is ")[1][:6]


def test_enter_a_number_receive_the_code_and_confirm_it(citizen_client, citizen, notify):
    page = citizen_client.get(reverse("mobile:number"))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = citizen_client.post(reverse("mobile:number"), {"number": "06-12345678"})
    assert response.status_code == 302 and response["Location"].endswith(CONFIRM_URL)
    assert notify.sent[-1].to == "0612345678"
    assert verified_mobile(citizen.bsn) is None  # not before the code

    confirm = citizen_client.get(response["Location"])
    assert confirm["Cache-Control"] == "no-store"
    assert "0612345678" in confirm.content.decode()
    response = citizen_client.post(reverse("mobile:confirm"), {"code": _code(notify)})
    assert response.status_code == 302 and response["Location"] == reverse("messaging:consent")
    assert verified_mobile(citizen.bsn) == "0612345678"
    page = citizen_client.get(reverse("mobile:number")).content.decode()
    assert 'data-testid="mobile-confirmed"' in page


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("", "Vul uw mobiele nummer in."),
        ("0791234567", "Vul een mobiel nummer in, zoals 0612345678."),
    ],
)
def test_a_wrong_number_is_a_clear_error(citizen_client, notify, number, error):
    response = citizen_client.post(reverse("mobile:number"), {"number": number})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert notify.sent == []


def test_asking_again_too_soon_is_refused_with_the_rate_limit(citizen_client, notify):
    with TestCase.captureOnCommitCallbacks(execute=True):
        citizen_client.post(reverse("mobile:number"), {"number": "0612345678"})
        response = citizen_client.post(reverse("mobile:number"), {"number": "0612345678"})
    assert response.status_code == 400
    assert "Wacht een minuut" in response.content.decode()
    assert len(notify.sent) == 1


def test_a_wrong_code_is_an_error_and_in_english_too(citizen_client, citizen, notify):
    with TestCase.captureOnCommitCallbacks(execute=True):
        citizen_client.post(reverse("mobile:number"), {"number": "0612345678"})
    wrong = "111111" if _code(notify) != "111111" else "222222"
    response = citizen_client.post(reverse("mobile:confirm"), {"code": wrong})
    assert response.status_code == 400
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    assert MobileNumber.objects.get(user=citizen).wrong_attempts == 1
    with translation.override("en"):
        url = reverse("mobile:confirm")
    response = citizen_client.post(url, {"code": "12"})
    assert response.status_code == 400
    assert "The code has six digits." in response.content.decode()
    assert verified_mobile(citizen.bsn) is None


def test_the_confirm_page_without_a_pending_number_goes_back(citizen_client):
    response = citizen_client.get(reverse("mobile:confirm"))
    assert response.status_code == 302 and response["Location"] == reverse("mobile:number")


def test_without_an_sms_provider_the_page_says_so(citizen_client, settings):
    settings.NOTIFICATION_SMS_PROVIDER = ""
    page = citizen_client.get(reverse("mobile:number")).content.decode()
    assert 'data-testid="sms-unavailable"' in page
    response = citizen_client.post(reverse("mobile:number"), {"number": "0612345678"})
    assert response.status_code == 200
    assert not MobileNumber.objects.exists()


def test_the_consent_page_links_to_the_mobile_number(citizen_client):
    page = citizen_client.get(reverse("messaging:consent")).content.decode()
    assert reverse("mobile:number") in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("mobile:number"))
    assert response.status_code == 302 and "mobiel" not in response["Location"].split("?")[0]
