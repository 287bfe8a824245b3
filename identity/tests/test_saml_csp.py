"""CSP form-action on pages whose forms end at DigiD (issue 14 item 1, decision 0017).

Browsers apply form-action to the redirects after a form submission, so the login
page and every page with the logout button must allow the IdP's SSO/SLO origins -
exactly those, from its metadata - and all other pages keep form-action 'self'.
The browser side (Chromium, IdP on another origin) is tests/browser/test_digid_login.py.
"""

import pytest

from identity.saml.csp import idp_form_origins, origin, with_form_action
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

IDP = "http://127.0.0.1:8000"


@pytest.fixture
def idp_elsewhere(settings, stand_in_idp, tmp_path):
    settings.PORTAL_BASE_URL = "http://localhost:8000"
    metadata = stand_in_idp.write_metadata(tmp_path / "idp.xml", base=IDP)
    settings.DIGID_IDP_METADATA_FILE = str(metadata)


def _form_action(response) -> str:
    directives = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if " " in part.strip()
    )
    return directives["form-action"]


def test_login_page_allows_exactly_the_idp_origin(client, idp_elsewhere):
    response = client.get("/inloggen/", {"next": "/mijn/"})
    assert _form_action(response) == f"'self' {IDP}"


def test_english_login_page_too(client, idp_elsewhere):
    assert _form_action(client.get("/en/inloggen/")) == f"'self' {IDP}"


def test_pages_with_the_logout_button_allow_the_idp_origin(client, idp_elsewhere):
    log_in(client, CitizenFactory(bsn="999993653"))
    response = client.get("/mijn/")
    assert response.status_code == 200
    assert "Uitloggen" in response.content.decode()
    assert _form_action(response) == f"'self' {IDP}"


def test_other_pages_keep_form_action_self(client, idp_elsewhere, home_page):
    for path in ("/", "/inloggen/mislukt/", "/accounts/login/"):
        assert _form_action(client.get(path)) == "'self'", path


def test_admin_policy_is_untouched(client, idp_elsewhere):
    response = client.get("/beheer/login/", follow=True)
    assert _form_action(response) == "'self'"


def test_origins_come_from_the_idp_metadata(settings, tmp_path, stand_in_idp):
    from identity.tests.saml_fixtures import IDP_BASE, SLO_PATH, SSO_PATH

    xml = stand_in_idp.metadata_xml().decode()
    xml = xml.replace(
        IDP_BASE + SSO_PATH, "https://digid.example:8443/saml/idp/request_authentication"
    )
    xml = xml.replace(IDP_BASE + SLO_PATH, "https://slo.digid.example/saml/idp/request_logout")
    file = tmp_path / "idp.xml"
    file.write_text(xml)
    settings.DIGID_IDP_METADATA_FILE = str(file)
    assert idp_form_origins() == ["https://digid.example:8443", "https://slo.digid.example"]


def test_broken_idp_configuration_adds_nothing(settings):
    settings.DIGID_IDP_METADATA_FILE = "/nonexistent/idp.xml"
    assert idp_form_origins() == []


def test_origin_and_merge_helpers():
    assert origin("https://user@digid.example:443/x?y") == "https://digid.example:443"
    assert origin("javascript:alert(1)") is None
    assert origin("") is None
    config = {"form-action": ["'self'"], "default-src": ["'self'"]}
    merged = with_form_action(config, ["https://a.example", "'self'"])
    assert merged["form-action"] == ["'self'", "https://a.example"]
    assert config["form-action"] == ["'self'"]  # the setting itself is never changed
