"""The ArtifactResolve module: artifact format, the SOAP call with mutual TLS,
and the checks on the ArtifactResponse."""

import base64
import hashlib

import pytest
import requests
from lxml import etree

from identity.saml import artifact
from identity.saml.artifact import encode_artifact
from identity.saml.validation import LoginFailed
from identity.tests.saml_factory import (
    build_artifact_response,
    build_response,
    idp_entity_id,
)

pytestmark = pytest.mark.django_db
SOAP = b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>%s</soap:Body></soap:Envelope>'


def _envelope(xml: bytes) -> bytes:
    if xml.startswith(b"<?xml"):
        xml = xml.split(b"?>", 1)[1].lstrip()
    return SOAP % xml


def test_artifact_of_the_idp_gives_its_endpoint_index():
    art = encode_artifact(idp_entity_id(), endpoint_index=3)
    assert artifact.parse_artifact(art, idp_entity_id=idp_entity_id()) == 3


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\x03" + b"\x00\x00" + b"x" * 40,  # wrong type code
        b"\x00\x04\x00\x00" + b"x" * 20,  # too short
    ],
)
def test_malformed_artifacts_are_refused(raw):
    with pytest.raises(LoginFailed):
        artifact.parse_artifact(base64.b64encode(raw).decode(), idp_entity_id=idp_entity_id())


def test_artifact_from_another_source_is_refused():
    art = encode_artifact("https://evil.example/idp", endpoint_index=0)
    with pytest.raises(LoginFailed, match="artifact-source"):
        artifact.parse_artifact(art, idp_entity_id=idp_entity_id())


def test_non_base64_artifact_is_refused():
    with pytest.raises(LoginFailed, match="artifact-encoding"):
        artifact.parse_artifact("not base64!", idp_entity_id=idp_entity_id())


def test_artifact_resolve_is_signed_with_sha256():
    request_id, envelope = artifact.build_artifact_resolve(
        artifact="AAQAAA==", destination="https://idp.example/ars"
    )
    root = etree.fromstring(envelope)
    ns = {"ds": "http://www.w3.org/2000/09/xmldsig#"}
    assert root.xpath("//ds:SignatureMethod/@Algorithm", namespaces=ns) == [
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    ]
    assert root.xpath("//ds:Reference/@URI", namespaces=ns) == [f"#{request_id}"]


def test_signed_artifact_response_gives_the_inner_response():
    inner = build_response(in_response_to="_req")
    reply = _envelope(build_artifact_response(in_response_to="_resolve", response_xml=inner))
    out = artifact.extract_response(reply, request_id="_resolve", idp_entity_id=idp_entity_id())
    assert b"samlp:Response" in out or b"Response" in out
    assert etree.fromstring(out).get("InResponseTo") == "_req"


@pytest.mark.devidp
def test_artifact_response_signed_by_pysaml2_gives_the_inner_response():
    """Interop: the development IdP (pysaml2) signs its ArtifactResponse its own way."""
    from identity.devidp.server import artifact_response_xml as pysaml2_artifact_response

    inner = build_response(in_response_to="_req")
    reply = _envelope(pysaml2_artifact_response(in_response_to="_resolve", response_xml=inner))
    out = artifact.extract_response(reply, request_id="_resolve", idp_entity_id=idp_entity_id())
    assert etree.fromstring(out).get("InResponseTo") == "_req"


def test_artifact_response_to_another_resolve_is_refused():
    reply = _envelope(
        build_artifact_response(
            in_response_to="_other", response_xml=build_response(in_response_to="_r")
        )
    )
    with pytest.raises(LoginFailed, match="artifact-in-response-to"):
        artifact.extract_response(reply, request_id="_resolve", idp_entity_id=idp_entity_id())


def test_unsigned_artifact_response_is_refused():
    inner = build_response(in_response_to="_req").decode()
    xml = (
        '<samlp:ArtifactResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"'
        ' xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x" Version="2.0"'
        ' IssueInstant="2026-01-01T00:00:00Z" InResponseTo="_resolve">'
        f"<saml:Issuer>{idp_entity_id()}</saml:Issuer>"
        '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
        f"</samlp:Status>{inner}</samlp:ArtifactResponse>"
    ).encode()
    with pytest.raises(LoginFailed, match="artifact-unsigned"):
        artifact.extract_response(
            _envelope(xml), request_id="_resolve", idp_entity_id=idp_entity_id()
        )


def test_tampered_artifact_response_is_refused():
    inner = build_response(in_response_to="_req")
    signed = build_artifact_response(in_response_to="_resolve", response_xml=inner)
    tampered = signed.replace(b'InResponseTo="_req"', b'InResponseTo="_evil"')
    with pytest.raises(LoginFailed, match="artifact-signature"):
        artifact.extract_response(
            _envelope(tampered), request_id="_resolve", idp_entity_id=idp_entity_id()
        )


def test_artifact_response_from_another_issuer_is_refused():
    reply = _envelope(
        build_artifact_response(
            in_response_to="_resolve", response_xml=build_response(in_response_to="_r")
        )
    )
    with pytest.raises(LoginFailed, match="artifact-issuer"):
        artifact.extract_response(reply, request_id="_resolve", idp_entity_id="https://other/")


def test_dtd_in_soap_reply_is_refused():
    reply = b'<!DOCTYPE x [<!ENTITY e "x">]>' + _envelope(b"<x>&e;</x>")
    with pytest.raises(Exception):  # noqa: B017 - the parser's own DTD error
        artifact.extract_response(reply, request_id="_r", idp_entity_id=idp_entity_id())


class _Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, url, **kwargs):
        self.calls.append((url, kwargs))
        response = requests.Response()
        response.status_code = 500
        return response


def test_back_channel_uses_client_certificate_and_ca_bundle(settings, monkeypatch):
    settings.DIGID_ARTIFACT_TLS_REQUIRED = True
    settings.DIGID_TLS_CLIENT_CERT_FILE = "/etc/openloket/tls.crt"
    settings.DIGID_TLS_CLIENT_KEY_FILE = "/etc/openloket/tls.key"
    settings.DIGID_TLS_CA_BUNDLE = "/etc/openloket/digid-ca.pem"
    recorder = _Recorder()
    monkeypatch.setattr(artifact.requests, "post", recorder)
    with pytest.raises(LoginFailed, match="artifact-http-500"):
        artifact._post("https://idp.example/ars", b"<x/>")
    ((_url, kwargs),) = recorder.calls
    assert kwargs["cert"] == ("/etc/openloket/tls.crt", "/etc/openloket/tls.key")
    assert kwargs["verify"] == "/etc/openloket/digid-ca.pem"
    assert kwargs["allow_redirects"] is False
    assert kwargs["timeout"] > 0


def test_back_channel_refuses_plain_http_when_tls_is_required(settings, monkeypatch):
    settings.DIGID_ARTIFACT_TLS_REQUIRED = True
    settings.DIGID_TLS_CLIENT_CERT_FILE = "/c"
    settings.DIGID_TLS_CLIENT_KEY_FILE = "/k"
    recorder = _Recorder()
    monkeypatch.setattr(artifact.requests, "post", recorder)
    with pytest.raises(LoginFailed, match="artifact-not-https"):
        artifact._post("http://idp.example/ars", b"<x/>")
    assert recorder.calls == []


def test_back_channel_refuses_to_run_without_client_certificate(settings, monkeypatch):
    settings.DIGID_ARTIFACT_TLS_REQUIRED = True
    settings.DIGID_TLS_CLIENT_CERT_FILE = ""
    recorder = _Recorder()
    monkeypatch.setattr(artifact.requests, "post", recorder)
    with pytest.raises(LoginFailed, match="artifact-no-client-certificate"):
        artifact._post("https://idp.example/ars", b"<x/>")
    assert recorder.calls == []


def test_source_id_is_sha1_of_entity_id():
    raw = base64.b64decode(encode_artifact("e", endpoint_index=0))
    assert raw[4:24] == hashlib.sha1(b"e").digest()  # noqa: S324
