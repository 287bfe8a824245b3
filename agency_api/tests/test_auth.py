"""Authentication of API clients: 401 without a known token, 403 for a known
token that may not be used (revoked, expired, wrong address), 429 over the rate
limit; tokens are stored hashed and shown once by the management command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from agency_api.models import ApiClient

from .conftest import ApiTestClient

pytestmark = pytest.mark.django_db


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    return body


def test_without_token_is_401_with_bearer_challenge(api, case_type):
    response = api.client.get("/api/v1/zaaktypen")
    assert_problem(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nonsense",
        "Bearer olk_0123456789abcdef_wrongsecret",
        "Basic dXNlcjpwYXNz",
        "Bearer olk_\x01\x02_x",
        "Bearer olk_\x00" + "0" * 15 + "_secret",
    ],
)
def test_unknown_or_malformed_token_is_401(api_client_obj, header):
    response = ApiTestClient("x").client.get("/api/v1/zaaktypen", headers={"Authorization": header})
    assert_problem(response, 401, "unauthenticated")


def test_right_key_id_with_wrong_secret_is_401(client_and_token):
    _client, token = client_and_token
    forged = token.rsplit("_", 1)[0] + "_" + "A" * 43
    assert_problem(ApiTestClient(forged).get("/zaaktypen"), 401, "unauthenticated")


def test_token_is_stored_only_as_hash(client_and_token):
    client, token = client_and_token
    client.refresh_from_db()
    assert token not in str(client.__dict__)
    assert client.token_matches(token)
    assert not client.token_matches(token + "x")


def test_revoked_client_is_403(api, api_client_obj):
    api_client_obj.revoked_at = timezone.now()
    api_client_obj.save()
    assert_problem(api.get("/zaaktypen"), 403, "client_inactive")


def test_expired_client_is_403(api, api_client_obj):
    api_client_obj.expires_at = timezone.now() - timedelta(seconds=1)
    api_client_obj.save()
    assert_problem(api.get("/zaaktypen"), 403, "client_inactive")


def test_client_before_expiry_works(api, api_client_obj):
    api_client_obj.expires_at = timezone.now() + timedelta(days=1)
    api_client_obj.save()
    assert api.get("/zaaktypen").status_code == 200


def test_ip_allow_list(client_and_token):
    client, token = client_and_token
    client.allowed_networks = "192.0.2.0/24\n2001:db8::/32"
    client.full_clean()
    client.save()
    inside = ApiTestClient(token, REMOTE_ADDR="192.0.2.17")
    outside = ApiTestClient(token, REMOTE_ADDR="198.51.100.1")
    assert inside.get("/zaaktypen").status_code == 200
    assert_problem(outside.get("/zaaktypen"), 403, "ip_not_allowed")


def test_allow_list_rejects_invalid_network(api_client_obj):
    api_client_obj.allowed_networks = "not-a-network"
    with pytest.raises(Exception, match="CIDR"):
        api_client_obj.full_clean()


def test_rate_limit_gives_429_with_retry_after(client_and_token):
    client, token = client_and_token
    client.rate_limit_per_minute = 3
    client.save()
    api = ApiTestClient(token)
    statuses = [api.get("/zaaktypen").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = api.get("/zaaktypen")
    assert_problem(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_rate_limit_is_per_client(client_and_token, other_api):
    client, token = client_and_token
    client.rate_limit_per_minute = 1
    client.save()
    api = ApiTestClient(token)
    api.get("/zaaktypen")
    assert api.get("/zaaktypen").status_code == 429
    assert other_api.get("/zaaktypen").status_code == 200


def test_create_api_client_command_prints_a_working_token(agency, case_type):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_client",
        agency.slug,
        "Zaaksysteem",
        "--ip",
        "127.0.0.0/8",
        stdout=out,
        stderr=err,
    )
    token = out.getvalue().strip()
    assert "not shown again" in err.getvalue()
    client = ApiClient.objects.get(name="Zaaksysteem")
    assert client.allowed_networks == "127.0.0.0/8"
    assert ApiTestClient(token).get("/zaaktypen").status_code == 200


def test_demo_token_rotates(agency):
    from demo import api_clients as demo

    agency.slug = demo.DEMO_AGENCY
    agency.save()
    first, second = StringIO(), StringIO()
    call_command("create_api_client", "--demo", stdout=first, stderr=StringIO())
    call_command("create_api_client", "--demo", stdout=second, stderr=StringIO())
    old, new = first.getvalue().strip(), second.getvalue().strip()
    assert old != new
    assert ApiTestClient(old).get("/zaaktypen").status_code == 401
    assert ApiTestClient(new).get("/zaaktypen").status_code == 200
    assert ApiClient.objects.filter(name=demo.DEMO_CLIENT).count() == 1


def test_seed_demo_prints_no_token(agency):
    from demo import api_clients as demo

    agency.slug = demo.DEMO_AGENCY
    agency.save()
    out = StringIO()
    demo.seed(out)
    demo.seed(out)
    assert "olk_" not in out.getvalue()
    assert ApiClient.objects.filter(name=demo.DEMO_CLIENT).count() == 1


def test_last_used_is_recorded(api, api_client_obj):
    assert api_client_obj.last_used_at is None
    api.get("/zaaktypen")
    api_client_obj.refresh_from_db()
    assert api_client_obj.last_used_at is not None
