"""The Wagtail admin screens for API clients and the webhook delivery log."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from agency_api import webhooks
from agency_api.models import ApiClient, WebhookSubscription
from backoffice.tests.factories_backoffice import CaseworkerFactory

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


@pytest.fixture
def agency_admin_client(client, agency):
    client.force_login(CaseworkerFactory(agency=agency, agency_admin=True))
    return client


@pytest.fixture
def others(other_agency):
    """Another agency's API client, webhook subscription and outbox event."""
    other_client, _token = ApiClient.issue(agency=other_agency, name="Zaaksysteem B")
    subscription = WebhookSubscription.objects.create(
        agency=other_agency, url="https://b.example/hook"
    )
    (event,) = webhooks.enqueue_webhook_event(
        agency=other_agency, event_type="case.requested", payload={}
    )
    return {"client": other_client, "subscription": subscription, "event": event}


def test_agency_admin_lists_only_own_agencys_clients(agency_admin_client, client_and_token, others):
    html = agency_admin_client.get(reverse("apiclient:index")).content.decode()
    assert client_and_token[0].name in html
    assert others["client"].name not in html


def test_another_agencys_rows_are_404_for_an_agency_admin(agency_admin_client, others):
    for name, pk in (
        ("apiclient:edit", others["client"].pk),
        ("webhooksubscription:edit", others["subscription"].pk),
        ("webhooksubscription:delete", others["subscription"].pk),
        ("webhookevent:inspect", others["event"].pk),
    ):
        assert agency_admin_client.get(reverse(name, args=[pk])).status_code == 404, name
    revoke = agency_admin_client.post(
        reverse("apiclient:edit", args=[others["client"].pk]),
        {"name": "x", "rate_limit_per_minute": "600", "revoked_at": "2026-01-01 10:00"},
    )
    assert revoke.status_code == 404
    others["client"].refresh_from_db()
    assert others["client"].revoked_at is None
    html = agency_admin_client.get(reverse("webhookevent:index")).content.decode()
    assert str(others["subscription"]) not in html


def test_agency_admin_subscribes_only_for_own_agency(agency_admin_client, agency, other_agency):
    def add(target):
        return agency_admin_client.post(
            reverse("webhooksubscription:add"),
            {
                "agency": target.pk,
                "url": "https://hooks.example/in",
                "secret": "s" * 32,
                "is_active": "on",
            },
        )

    assert add(other_agency).status_code == 200  # form error: not a valid choice
    assert not WebhookSubscription.objects.filter(agency=other_agency).exists()
    assert add(agency).status_code == 302
    assert WebhookSubscription.objects.get(url="https://hooks.example/in").agency == agency


def test_caseworker_without_admin_role_does_not_see_the_screens(client, agency, client_and_token):
    client.force_login(CaseworkerFactory(agency=agency))
    response = client.get(reverse("apiclient:index"))
    assert response.status_code in (302, 403)
    edit = client.get(reverse("apiclient:edit", args=[client_and_token[0].pk]))
    assert edit.status_code in (302, 403, 404)


def test_superuser_sees_every_agency(admin_client, client_and_token, others):
    html = admin_client.get(reverse("apiclient:index")).content.decode()
    assert client_and_token[0].name in html and others["client"].name in html
    inspect = admin_client.get(reverse("webhookevent:inspect", args=[others["event"].pk]))
    assert inspect.status_code == 200


def test_api_client_filter_offers_only_own_agency(client, client_and_token):
    """Issue 14.5: the agency filter named every agency to an agency admin."""
    from cases.tests.factories import AgencyFactory

    api_client, _token = client_and_token
    other = AgencyFactory(name="Waterschap Elders")
    client.force_login(CaseworkerFactory(agency=api_client.agency, agency_admin=True))
    html = client.get(reverse("apiclient:index")).content.decode()
    assert api_client.agency.name in html
    assert other.name not in html
