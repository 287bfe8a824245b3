"""The development IdP: mounted only with DIGID_DEV_IDP, refuses unsigned requests."""

import importlib
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

pytestmark = pytest.mark.django_db


def _idp_url(client) -> str:
    response = client.post("/inloggen/digid/", {"next": "/", "niveau": "basis"})
    return response["Location"]


def test_idp_page_offers_demo_citizens_levels_and_cancel(client):
    url = urlsplit(_idp_url(client))
    page = client.get(f"{url.path}?{url.query}")
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
    response = client.post(
        url.path, {**query, "citizen": "anders", "bsn": "123456789", "level": "10"}
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
