"""The OIDC login path (issue 19) against the real development broker: `oidc-provider`
from npm in node, on another origin. Faults the certified provider will not make on
its own come from a second instance configured to make them (OIDC_BROKER_FAULT, a
skewed clock) or from a misconfigured broker entry on our side; our code is never
mocked."""

from __future__ import annotations

import logging

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from identity.loa import SESSION_KEY as LOA_SESSION_KEY
from identity.loa import LevelOfAssurance
from identity.models import User
from identity.oidc.claims import BROKER_SESSION_KEY
from portal.settings.oidc import development_brokers

from .oidc_broker import log_in_at_broker, path_of, running_broker

pytestmark = [pytest.mark.django_db, pytest.mark.oidc_broker]
BSNS = ("999993653", "999991772")


@pytest.fixture(scope="module")
def broker():
    with running_broker() as url:
        yield url


def configure(settings, server_url: str, **changes) -> None:
    brokers = development_brokers(server_url)
    for entry in brokers:
        entry.update(changes.get(entry["id"], {}))
    settings.OIDC_BROKERS = brokers + changes.get("extra", [])


def start(client, broker_id: str) -> str:
    response = client.post(
        reverse("oidc:login", kwargs={"broker_id": broker_id}), {"next": "/mijn/"}
    )
    assert response.status_code == 302
    return response["Location"]


def login_through(client, broker_id: str, account: str, **kwargs):
    return client.get(
        path_of(log_in_at_broker(start(client, broker_id), account=account, **kwargs))
    )


def assert_refused(client, response, caplog, *, reason="", page="identity:login_failed"):
    assert reason in caplog.text
    assert response.status_code == 302
    assert response["Location"] == reverse(page)
    assert client.get(response["Location"]).status_code == 200
    assert "_auth_user_id" not in client.session
    assert BROKER_SESSION_KEY not in client.session
    assert not any(bsn in caplog.text for bsn in BSNS)


def test_authorization_request_uses_pkce_and_a_nonce(client, settings, broker):
    configure(settings, broker)
    url = start(client, "eherkenning")
    assert url.startswith(f"{broker}/auth?")
    assert "code_challenge_method=S256" in url and "code_challenge=" in url
    assert "nonce=" in url and "state=" in url
    assert "redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Foidc%2Feherkenning%2Fcallback%2F" in url


def test_digid_machtigen_login_is_the_actors_digid_user(client, settings, broker, caplog):
    caplog.set_level(logging.INFO)
    configure(settings, broker)
    own_digid_user = User.objects.create(username="burger-suzanne", bsn="999993653")
    own_digid_user.set_unusable_password()
    own_digid_user.save()

    response = login_through(client, "digid-machtigen", "machtigen-demo-1")

    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert client.session["_auth_user_id"] == str(own_digid_user.pk)
    assert client.session[BROKER_SESSION_KEY] == {
        "broker": "digid-machtigen",
        "means": "digid_machtigen",
        "actor_bsn": "999993653",
        "actor_pseudonym": "",
        "representee_bsn": "999991772",
        "kvk": "",
        "branch": "",
        "services": ["zoetermeer-bijzondere-bijstand-aanvragen"],
        "level": "substantieel",
        "name": "Fatima El Amrani",
    }
    assert client.session[LOA_SESSION_KEY] == int(LevelOfAssurance.SUBSTANTIEEL)
    assert not any(bsn in caplog.text for bsn in BSNS)


def test_eherkenning_login_is_a_user_without_bsn_keyed_by_the_broker_subject(
    client, settings, broker
):
    configure(settings, broker)

    response = login_through(client, "eherkenning", "eh-demo-medewerker-1")

    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert client.session[BROKER_SESSION_KEY] == {
        "broker": "eherkenning",
        "means": "eherkenning",
        "actor_bsn": "",
        "actor_pseudonym": "eh-demo-medewerker-1",
        "representee_bsn": "",
        "kvk": "68750110",
        "branch": "000038509504",
        "services": ["urn:etoegang:DV:00000001001918000000:services:1"],
        "level": "substantieel",  # EH3 is eIDAS substantial
        "name": "Bakkerij De Vries B.V.",
    }
    assert client.session[LOA_SESSION_KEY] == int(LevelOfAssurance.SUBSTANTIEEL)
    account = SocialAccount.objects.get(provider="eherkenning", uid="eh-demo-medewerker-1")
    assert client.session["_auth_user_id"] == str(account.user.pk)
    assert account.user.bsn is None and not account.user.has_usable_password()

    client.logout()
    login_through(client, "eherkenning", "eh-demo-medewerker-1")
    assert client.session["_auth_user_id"] == str(account.user.pk)
    assert User.objects.filter(bsn__isnull=True, is_staff=False).count() == 1


def test_wrong_issuer_is_refused(client, settings, broker, caplog):
    configure(settings, broker, eherkenning={"issuer": f"{broker}/another-issuer"})
    response = login_through(client, "eherkenning", "eh-demo-medewerker-1")
    assert_refused(client, response, caplog, reason="InvalidIssuerError")


def test_missing_mandate_claim_is_refused_when_required(client, settings, broker, caplog):
    configure(settings, broker)
    response = login_through(client, "digid-machtigen", "machtigen-zonder-dienst")
    assert_refused(client, response, caplog, reason="mandate-missing")


def test_cancelled_at_the_broker_ends_like_a_cancelled_digid_login(
    client, settings, broker, caplog
):
    caplog.set_level(logging.INFO, logger="identity.oidc")
    configure(settings, broker)
    response = login_through(client, "eherkenning", "", cancel=True)
    assert_refused(client, response, caplog, reason="cancelled", page="identity:login_cancelled")


def test_replayed_authentication_response_is_refused(client, settings, broker, caplog):
    configure(settings, broker)
    callback = log_in_at_broker(start(client, "eherkenning"), account="eh-demo-medewerker-1")
    assert client.get(path_of(callback))["Location"] == "/mijn/"

    client.logout()
    assert_refused(client, client.get(path_of(callback)), caplog, reason="login failed")


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        pytest.param(
            {"OIDC_BROKER_FAULT": "wrong-audience"}, "InvalidAudienceError", id="wrong-audience"
        ),
        pytest.param(
            {"OIDC_BROKER_FAULT": "other-jwks"}, "InvalidSignatureError", id="bad-signature"
        ),
        # The broker's clock runs two minutes behind and its ID tokens live one:
        # the token it hands over expired a minute ago.
        pytest.param(
            {"OIDC_BROKER_CLOCK_SKEW_SECONDS": "-120", "OIDC_BROKER_ID_TOKEN_TTL_SECONDS": "60"},
            "ExpiredSignatureError",
            id="expired",
        ),
    ],
)
def test_faulty_broker_is_refused(client, settings, caplog, fault, reason):
    with running_broker(**fault) as faulty:
        configure(settings, faulty)
        response = login_through(client, "digid-machtigen", "machtigen-demo-1")
    assert_refused(client, response, caplog, reason=reason)
    assert not User.objects.filter(bsn="999993653").exists()


def test_nonce_of_an_earlier_login_is_refused(client, settings, caplog):
    with running_broker(OIDC_BROKER_FAULT="replay-nonce") as replaying:
        configure(settings, replaying)
        first = login_through(client, "eherkenning", "eh-demo-medewerker-1")
        assert first["Location"] == "/mijn/"
        client.logout()
        response = login_through(client, "eherkenning", "eh-demo-medewerker-1")
    assert_refused(client, response, caplog, reason="nonce-mismatch")


def test_login_page_shows_a_button_per_configured_means(client, settings, broker):
    configure(settings, broker)
    response = client.get(reverse("identity:login"))
    assert "Inloggen met DigiD Machtigen" in response.text
    assert "Inloggen met eHerkenning" in response.text
    assert broker in response["Content-Security-Policy"]


def test_no_buttons_without_brokers(client, settings):
    settings.OIDC_BROKERS = []
    response = client.get(reverse("identity:login"))
    assert "eHerkenning" not in response.text


def test_unreachable_broker_is_a_failed_login_not_a_500(client, settings, caplog):
    configure(settings, "http://127.0.0.1:9")
    response = client.post(reverse("oidc:login", kwargs={"broker_id": "eherkenning"}))
    assert_refused(client, response, caplog, reason="start-ConnectionError")
