"""The development IdP: mounted only with DIGID_DEV_IDP, refuses unsigned requests."""

import importlib
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from identity.loa import LevelOfAssurance

pytestmark = [pytest.mark.django_db, pytest.mark.devidp]


def _idp_url(client) -> str:
    response = client.post("/inloggen/digid/", {"next": "/", "niveau": "basis"})
    return response["Location"]


def test_idp_page_offers_demo_citizens_levels_and_cancel(client):
    url = urlsplit(_idp_url(client))
    page = client.get(f"{url.path}?{url.query}", follow=True)
    content = page.content.decode()
    assert page.status_code == 200
    assert "Suzanne Moulin (999993653)" in content
    assert "Alleen voor ontwikkeling." in content
    assert 'name="cancel"' in content
    assert "Substantieel" in content


def test_idp_refuses_a_tampered_authn_request_signature(client):
    url = urlsplit(_idp_url(client))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    query["Signature"] = query["Signature"][:-8] + "AAAAAAA="
    page = client.get(f"{url.path}?{urlencode(query)}")
    assert page.status_code == 400
    assert "niet (goed) ondertekend" in page.content.decode()


def test_idp_refuses_an_unsigned_authn_request(client):
    url = urlsplit(_idp_url(client))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    del query["Signature"], query["SigAlg"]
    assert client.get(f"{url.path}?{urlencode(query)}").status_code == 400


def test_idp_checks_a_typed_bsn_with_the_elfproef(client):
    url = urlsplit(_idp_url(client))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    page = client.get(url.path, query, follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"citizen": "anders", "bsn": "123456789", "level": "10"}
    )
    assert response.status_code == 400
    assert "geen geldig burgerservicenummer" in response.content.decode()


def test_dev_idp_is_not_mounted_without_the_setting(settings):
    import identity.saml_urls

    try:
        settings.DIGID_DEV_IDP = False
        module = importlib.reload(identity.saml_urls)
        assert not any("dev-idp" in str(p.pattern) for p in module.urlpatterns)
    finally:
        settings.DIGID_DEV_IDP = True
        importlib.reload(identity.saml_urls)


def test_idp_keeps_the_request_when_the_language_changes(client):
    """Issue 15 item 9: the language switch is a plain link to /en/<same path>; the
    request lives in the IdP's session, so the English page still has it."""
    url = urlsplit(_idp_url(client))
    page = client.get(f"{url.path}?{url.query}", follow=True)
    dutch = page.redirect_chain[-1][0]
    assert dutch.startswith("/ontwikkel-idp/")
    assert 'href="/en/ontwikkel-idp/' in page.content.decode()
    english = client.get("/en" + dutch)
    assert english.status_code == 200
    assert "Log in at the development IdP" in english.content.decode()
    answer = client.post(
        "/en" + dutch, {"citizen": "999993653", "level": str(int(LevelOfAssurance.BASIS))}
    )
    assert answer.status_code == 302
    assert urlsplit(answer["Location"]).path == "/digid/acs/"


def test_idp_page_of_another_session_is_not_found(client):
    url = urlsplit(_idp_url(client))
    dutch = client.get(f"{url.path}?{url.query}", follow=True).redirect_chain[-1][0]
    client.cookies.clear()
    page = client.get(dutch)
    assert page.status_code == 400
    assert "geen SAML-verzoek" in page.content.decode()


def test_idp_pages_allow_the_portal_origin_in_form_action(client, move_dev_idp):
    """The IdP's form posts to itself and is redirected to the SP's ACS on the portal's
    origin; with the IdP on its own origin that needs the portal in form-action."""
    move_dev_idp(portal="http://localhost:8000", idp="http://127.0.0.1:8000")
    url = urlsplit(_idp_url(client))
    assert url.netloc == "127.0.0.1:8000"
    page = client.get(f"{url.path}?{url.query}", follow=True)
    policy = page["Content-Security-Policy"]
    assert "form-action 'self' http://localhost:8000;" in policy + ";"
