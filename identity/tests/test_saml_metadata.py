"""SP metadata (signed, current + next certificate), IdP metadata and its refresh."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from identity.saml import config
from identity.saml.idp_metadata import parse_idp_metadata
from identity.tests.saml_fixtures import ARTIFACT_PATH, IDP_BASE, SLO_PATH, SSO_PATH

NS = {"md": "urn:oasis:names:tc:SAML:2.0:metadata", "ds": "http://www.w3.org/2000/09/xmldsig#"}


def _certs(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return root.xpath(
        "md:SPSSODescriptor/md:KeyDescriptor[@use='signing']//ds:X509Certificate/text()",
        namespaces=NS,
    )


def _body(path) -> str:
    return OneLogin_Saml2_Utils.format_cert(path.read_text(), heads=False)


def test_metadata_is_signed_and_lists_both_certificates(client, stand_in_idp):
    response = client.get("/digid/metadata/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/samlmetadata+xml"
    xml = response.content
    current_cert, next_cert = stand_in_idp.sp.cert, stand_in_idp.sp_next.cert
    assert _certs(xml) == [_body(current_cert), _body(next_cert)]
    assert OneLogin_Saml2_Utils.validate_metadata_sign(xml, current_cert.read_text())
    root = etree.fromstring(xml)
    assert root.get("entityID") == "http://localhost:8000/digid/metadata/"
    bindings = root.xpath("//md:AssertionConsumerService/@Binding", namespaces=NS)
    assert bindings == [
        "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact",
        "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
    ]


def test_next_certificate_signs_from_its_activation_moment(client, settings, stand_in_idp):
    settings.DIGID_SP_NEXT_ACTIVE_FROM = "2020-01-01T00:00:00"
    current_cert, next_cert = stand_in_idp.sp.cert, stand_in_idp.sp_next.cert
    xml = client.get("/digid/metadata/").content
    assert _certs(xml) == [_body(next_cert), _body(current_cert)]
    assert OneLogin_Saml2_Utils.validate_metadata_sign(xml, next_cert.read_text())
    assert config.signing_pair().cert == next_cert.read_text()


def test_current_certificate_signs_before_activation(settings, stand_in_idp):
    settings.DIGID_SP_NEXT_ACTIVE_FROM = "2999-01-01T00:00:00+00:00"
    current_cert = stand_in_idp.sp.cert
    assert config.signing_pair().cert == current_cert.read_text()
    moment = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)
    assert config.signing_pair(moment).cert != current_cert.read_text()


def test_metadata_url_ignores_the_host_header(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    xml = client.get("/digid/metadata/", HTTP_HOST="localhost").content
    assert b"localhost" not in xml
    assert b"https://portal.example/digid/acs/" in xml


def test_idp_metadata_gives_endpoints_and_certificate(stand_in_idp):
    info = parse_idp_metadata(stand_in_idp.metadata_xml())
    assert info.sso_url == IDP_BASE + SSO_PATH
    assert info.artifact_resolution[0] == IDP_BASE + ARTIFACT_PATH
    assert info.slo_url == IDP_BASE + SLO_PATH
    assert len(info.signing_certs) == 1


@pytest.mark.devidp
def test_metadata_of_the_development_idp_gives_endpoints_and_certificate():
    """Interop: what pysaml2 writes as IdP metadata is read the same way."""
    from identity.devidp.server import idp_metadata_xml

    info = parse_idp_metadata(idp_metadata_xml())
    assert info.sso_url.endswith("/digid/dev-idp/sso/")
    assert info.artifact_resolution[0].endswith("/digid/dev-idp/artifact/")
    assert info.slo_url.endswith("/digid/dev-idp/slo/")
    assert len(info.signing_certs) == 1


def test_idp_metadata_from_a_file(tmp_path, settings, stand_in_idp):
    file = stand_in_idp.write_metadata(tmp_path / "idp.xml", base="http://idp.example")
    settings.DIGID_IDP_METADATA_FILE = str(file)
    settings.DIGID_DEV_IDP = False
    from identity.saml.idp_metadata import current_idp

    assert current_idp().sso_url == "http://idp.example" + SSO_PATH


class _Reply:
    def __init__(self, content: bytes):
        self.content = content

    def raise_for_status(self):
        return None


def test_refresh_command_stores_usable_metadata(tmp_path, settings, monkeypatch, stand_in_idp):
    target = tmp_path / "idp.xml"
    settings.DIGID_IDP_METADATA_FILE = str(target)
    settings.DIGID_IDP_METADATA_URL = "https://idp.example/metadata"
    from identity.management.commands import refresh_idp_metadata

    monkeypatch.setattr(
        refresh_idp_metadata.requests, "get", lambda *a, **k: _Reply(stand_in_idp.metadata_xml())
    )
    out = StringIO()
    call_command("refresh_idp_metadata", stdout=out)
    assert target.read_bytes() == stand_in_idp.metadata_xml()


def test_refresh_command_keeps_the_old_file_on_bad_metadata(tmp_path, settings, monkeypatch):
    target = tmp_path / "idp.xml"
    target.write_bytes(b"old")
    settings.DIGID_IDP_METADATA_FILE = str(target)
    settings.DIGID_IDP_METADATA_URL = "https://idp.example/metadata"
    from identity.management.commands import refresh_idp_metadata

    monkeypatch.setattr(refresh_idp_metadata.requests, "get", lambda *a, **k: _Reply(b"<x/>"))
    with pytest.raises(CommandError):
        call_command("refresh_idp_metadata")
    assert target.read_bytes() == b"old"


def test_refresh_command_requires_a_valid_signature_when_configured(
    tmp_path, settings, monkeypatch, stand_in_idp
):
    target = tmp_path / "idp.xml"
    settings.DIGID_IDP_METADATA_FILE = str(target)
    settings.DIGID_IDP_METADATA_URL = "https://idp.example/metadata"
    settings.DIGID_IDP_METADATA_SIGNING_CERT_FILE = str(stand_in_idp.idp.cert)
    from identity.management.commands import refresh_idp_metadata

    monkeypatch.setattr(
        refresh_idp_metadata.requests, "get", lambda *a, **k: _Reply(stand_in_idp.metadata_xml())
    )
    with pytest.raises(CommandError, match="signature"):
        call_command("refresh_idp_metadata")
    assert not target.exists()


def _valid_until(xml: bytes) -> dt.datetime | None:
    raw = etree.fromstring(xml).get("validUntil")
    return dt.datetime.strptime(raw, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC) if raw else None


def test_metadata_is_valid_for_a_year_by_default(client, stand_in_idp):
    """Issue 14: 7 days made SimpleSAMLphp refuse the copy it had imported."""
    from django.utils import timezone

    xml = client.get("/digid/metadata/").content
    left = _valid_until(xml) - timezone.now()
    assert dt.timedelta(days=364) < left <= dt.timedelta(days=365)
    current_cert = stand_in_idp.sp.cert
    assert OneLogin_Saml2_Utils.validate_metadata_sign(xml, current_cert.read_text())


def test_metadata_validity_is_configurable(client, settings):
    from django.utils import timezone

    settings.DIGID_SP_METADATA_VALID_DAYS = 30
    left = _valid_until(client.get("/digid/metadata/").content) - timezone.now()
    assert dt.timedelta(days=29) < left <= dt.timedelta(days=30)


def test_metadata_without_valid_until_says_cache_duration(client, settings, stand_in_idp):
    settings.DIGID_SP_METADATA_VALID_DAYS = 0
    xml = client.get("/digid/metadata/").content
    root = etree.fromstring(xml)
    assert root.get("validUntil") is None
    assert root.get("cacheDuration") == "P1D"
    current_cert = stand_in_idp.sp.cert
    assert OneLogin_Saml2_Utils.validate_metadata_sign(xml, current_cert.read_text())


def test_negative_metadata_validity_refuses_to_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import portal.settings.digid as digid_settings

    monkeypatch.setenv("DIGID_SP_METADATA_VALID_DAYS", "-1")
    with pytest.raises(ImproperlyConfigured, match="DIGID_SP_METADATA_VALID_DAYS"):
        importlib.reload(digid_settings)
    monkeypatch.delenv("DIGID_SP_METADATA_VALID_DAYS")
    importlib.reload(digid_settings)
