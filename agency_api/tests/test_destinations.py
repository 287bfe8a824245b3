"""Webhook destinations must be public addresses (server-side request forgery
guard): checked when a subscription is saved and again before each delivery."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agency_api import webhooks
from agency_api.models import WebhookDeliveryAttempt, WebhookSubscription

from .test_webhooks import FakeReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_private_networks(settings):
    settings.API_WEBHOOK_ALLOWED_NETWORKS = []


def subscribe(agency, url):
    subscription = WebhookSubscription(agency=agency, url=url)
    subscription.full_clean()
    return subscription


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.0.0.5/hook",
        "https://192.168.1.20:8443/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[fd00::5]/hook",
        "https://0.0.0.0/hook",
    ],
)
def test_private_destinations_are_refused_with_a_clear_error(agency, url):
    with pytest.raises(ValidationError) as error:
        subscribe(agency, url)
    assert error.value.error_dict["url"][0].code == "private_destination"


def test_public_address_is_accepted(agency):
    subscribe(agency, "https://93.184.216.34/hook")


def test_allowed_private_network_is_accepted_and_no_other(agency, settings):
    settings.API_WEBHOOK_ALLOWED_NETWORKS = ["10.1.0.0/16"]
    subscribe(agency, "https://10.1.2.3/hook")
    with pytest.raises(ValidationError):
        subscribe(agency, "https://10.2.0.1/hook")


def test_delivery_to_a_private_address_is_not_sent(agency, settings):
    settings.API_WEBHOOK_ALLOW_HTTP = True
    with FakeReceiver() as receiver:
        # Saved without clean(), as a row from before this check would be.
        WebhookSubscription.objects.create(agency=agency, url=receiver.url)
        (event,) = webhooks.enqueue_webhook_event(
            agency=agency, event_type="case.requested", payload={}
        )
        webhooks.deliver(event.pk)
        assert receiver.requests == []
    attempt = WebhookDeliveryAttempt.objects.get(event=event)
    assert attempt.error == "BlockedDestination"
    assert attempt.response_status is None
