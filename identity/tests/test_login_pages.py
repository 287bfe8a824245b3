"""Login page, step-up, next-URL allow-list, logout, failure and cancel pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.next_url import safe_next_url
from identity.saml.models import PendingAuthnRequest
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_login_page_has_the_digid_button_and_the_organisation(client, settings):
    settings.DIGID_ORGANISATION_NAME = "Gemeente Zoetermeer"
    response = client.get("/inloggen/", {"next": "/mijn/zaken/", "niveau": "midden"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Inloggen met DigiD" in content
    assert "identity/digid-logo.svg" in content
    assert "Gemeente Zoetermeer" in content
    assert 'name="next" value="/mijn/zaken/"' in content
    assert 'name="niveau" value="midden"' in content


def test_login_page_drops_a_foreign_next(client):
    content = client.get("/inloggen/", {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in content  # neither in the form nor in the header link
    assert 'name="next" value="/mijn/"' in content


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/mijn/zaken/?open=1", "/mijn/zaken/?open=1"),
        ("/", "/"),
        ("//evil.example/", "/mijn/"),
        ("/\\evil.example", "/mijn/"),
        ("https://evil.example/", "/mijn/"),
        ("javascript:alert(1)", "/mijn/"),
        ("", "/mijn/"),
        (None, "/mijn/"),
    ],
)
def test_next_url_allow_list(candidate, expected):
    assert safe_next_url(candidate) == expected


def _authn_request(response) -> str:
    query = parse_qs(urlsplit(response["Location"]).query)
    return OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLRequest"][0]).decode()


def test_start_asks_for_the_level_with_minimum_comparison(client):
    response = client.post("/inloggen/digid/", {"next": "/", "niveau": "substantieel"})
    xml = _authn_request(response)
    assert 'Comparison="minimum"' in xml
    assert LevelOfAssurance.SUBSTANTIEEL.class_ref in xml
    assert 'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"' in xml
    pending = PendingAuthnRequest.objects.get()
    assert pending.level == int(LevelOfAssurance.SUBSTANTIEEL)
    assert pending.request_id in xml
    assert pending.expires_at > pending.created_at


def test_start_refuses_get(client):
    assert client.get("/inloggen/digid/").status_code == 405


def test_step_up_sends_a_basis_citizen_to_log_in_again(client):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from identity.decorators import citizen_required

    @citizen_required(level=LevelOfAssurance.SUBSTANTIEEL)
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/mijn/belasting/")
    request.user = CitizenFactory()
    request.session = {SESSION_KEY: int(LevelOfAssurance.BASIS)}
    response = view(request)
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert 'name="niveau" value="substantieel"' in login.content.decode()


def test_failure_and_cancel_pages_offer_a_way_back(client):
    failed = client.get("/inloggen/mislukt/").content.decode()
    assert "Inloggen is niet gelukt" in failed
    assert 'href="/inloggen/"' in failed
    cancelled = client.get("/inloggen/geannuleerd/").content.decode()
    assert "geannuleerd" in cancelled.lower()
    assert 'href="/inloggen/"' in cancelled


def test_logout_requires_post_and_ends_the_session(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    assert client.get("/uitloggen/").status_code == 405
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert response["Location"] == "/"  # no DigiD NameID in the session: no SLO
    assert "_auth_user_id" not in client.session


def test_logout_in_english_lands_on_the_english_home_page(client, home_page):
    """Issue 15 item 7 (without an IdP logout; the SLO round trip is in the browser test)."""
    client.force_login(CitizenFactory())
    response = client.post("/en/uitloggen/")
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


def test_public_header_is_the_same_for_everyone_personal_header_shows_name(client, home_page):
    anonymous = client.get("/").content.decode()
    assert 'href="/mijn/"' in anonymous
    client.force_login(CitizenFactory(first_name="Suzanne", last_name="Moulin"))
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.BASIS)
    session.save()
    public = client.get("/").content.decode()
    assert "Suzanne Moulin" not in public
    assert 'action="/uitloggen/"' not in public
    personal = client.get("/mijn/").content.decode()
    assert "Suzanne Moulin" in personal
    assert 'action="/uitloggen/"' in personal


def test_saml_endpoints_have_no_language_prefix(client):
    assert client.get("/digid/metadata/").status_code == 200
    assert client.get("/en/digid/metadata/").status_code == 404


def test_production_refuses_plain_artifact_back_channel():
    import os
    import subprocess
    import sys
    from pathlib import Path

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIGID_"))}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": "x9Q!z" * 10,
            "DJANGO_ALLOWED_HOSTS": "a.nl",
            "DATABASE_URL": "postgres://openloket@db.example.nl/openloket",
            "PORTAL_BASE_URL": "https://a.nl",
            "VIRUS_SCAN_REQUIRED": "false",
            "DIGID_ARTIFACT_TLS_REQUIRED": "false",
        },
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DIGID_ARTIFACT_TLS_REQUIRED cannot be switched off" in result.stderr


def test_citizen_already_at_the_level_skips_the_login_page(client):
    client.force_login(CitizenFactory())
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    response = client.get("/inloggen/", {"next": "/zoeken/", "niveau": "basis"})
    assert response["Location"] == "/zoeken/"
    # A higher level is a step-up: the page with the DigiD button is shown.
    response = client.get("/inloggen/", {"next": "/zoeken/", "niveau": "hoog"})
    assert response.status_code == 200
    assert "Inloggen met DigiD" in response.content.decode()
