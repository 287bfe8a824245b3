"""The demo's consent chapter (issue 18, "Done when"): 999993653 consented to
requests for more information digitally, so a caseworker's formal request
reaches her Mijn berichten with an e-mail notification and no postal letter;
999990019 did not, so hers is queued for the post."""

import io

import pytest
from django.core.management import call_command

from cases.models import Agency, Case
from identity.actors import Actor
from identity.models import User
from messaging import services
from messaging.consent import consent_history, notification_channels
from messaging.consent_models import MessageType, PostalLetter

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent


def _request(bsn, key):
    agency = Agency.objects.get(slug="zoetermeer")
    caseworker = User.objects.get(username="medewerker-zoetermeer")
    return services.send_message_to_citizen(
        actor=Actor.caseworker(caseworker, agency=agency),
        agency=agency,
        citizen_bsn=bsn,
        case=Case.objects.filter(agency=agency, roles__bsn=bsn).first(),
        message_type=MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        subject="Verzoek om aanvulling",
        body="Stuur ons uw loonstroken.",
        is_formal=True,
        idempotency_key=key,
    )


def test_suzanne_receives_requests_for_more_information_digitally(seeded):
    aanvulling = MessageType.objects.get(agency=None, code="verzoek_aanvulling")
    assert notification_channels("999993653", aanvulling) == ["portal", "email"]
    # One history row per type, however often the demo is seeded.
    assert consent_history("999993653").count() == 4
    message = _request("999993653", "demo-consent-1")
    assert not PostalLetter.objects.filter(message=message).exists()


def test_without_consent_the_formal_request_goes_by_post(seeded):
    message = _request("999990019", "demo-consent-2")
    assert PostalLetter.objects.filter(message=message).exists()
