"""The Wagtail admin screens for API clients and the webhook delivery log."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from cases.api import webhooks
from cases.models import WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheerder", password="x" * 16)
    # The admin is only for staff with TOTP (identity.staff).
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    return client


def test_client_list_shows_clients_but_no_token(admin_client, client_and_token):
    api_client, token = client_and_token
    response = admin_client.get(reverse("apiclient:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert api_client.name in html
    assert token not in html
    assert api_client.token_hash not in html


def test_client_can_be_revoked_in_the_admin(admin_client, api, client_and_token):
    api_client, _token = client_and_token
    response = admin_client.post(
        reverse("apiclient:edit", args=[api_client.pk]),
        {
            "name": api_client.name,
            "allowed_networks": "",
            "expires_at": "",
            "rate_limit_per_minute": "600",
            "revoked_at": "2026-01-01 10:00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert api.get("/zaaktypen").status_code == 403


def test_clients_are_not_created_or_deleted_in_the_admin(admin_client, client_and_token):
    api_client, _token = client_and_token
    assert admin_client.get(reverse("apiclient:add")).status_code in (302, 403)
    assert admin_client.get(reverse("apiclient:delete", args=[api_client.pk])).status_code in (
        302,
        403,
    )


def test_delivery_log_is_visible(admin_client, agency):
    subscription = WebhookSubscription.objects.create(agency=agency, url="https://a.example/h")
    (event,) = webhooks.enqueue_webhook_event(
        agency=agency, event_type="case.requested", payload={}
    )
    assert subscription.events.count() == 1
    assert admin_client.get(reverse("webhookevent:index")).status_code == 200
    response = admin_client.get(reverse("webhookevent:inspect", args=[event.pk]))
    assert response.status_code == 200
    assert str(event.event_id) in response.content.decode()
