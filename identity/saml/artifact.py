"""HTTP-Artifact binding: resolve an artifact over SOAP with mutual TLS.

python3-saml has no artifact support, so this is ours (docs/decisions/
0004-artifact-resolve.md). SAML bindings 3.6: the artifact is 0x0004, a 2-byte
endpoint index, the SHA-1 of the IdP's entity ID (SourceID) and a 20-byte
handle. We send a signed ArtifactResolve in a SOAP envelope to the IdP's
ArtifactResolutionService, over TLS with our client certificate and a pinned CA
bundle (Logius: the back channel is two-sided TLS), then require a signed
ArtifactResponse that answers our request and hand the Response inside it to
the same validation as the POST binding.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import ssl

import requests
import xmlsec
from django.conf import settings
from django.utils import timezone
from lxml import etree
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from .config import signing_pair, sp_entity_id
from .idp_metadata import current_idp
from .validation import LoginFailed

TYPE_CODE = b"\x00\x04"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
NS = {"soap": SOAP_NS, "samlp": C.NS_SAMLP, "saml": C.NS_SAML, "ds": C.NS_DS}


def parse_artifact(artifact: str, *, idp_entity_id: str) -> int:
    """Check the artifact's form and source; return its endpoint index."""
    try:
        raw = base64.b64decode(artifact, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise LoginFailed("artifact-encoding") from exc
    if len(raw) != 44 or raw[:2] != TYPE_CODE:
        raise LoginFailed("artifact-format")
    # SourceID: SHA-1 of the issuer's entity ID (bindings 3.6.4). An identifier, not a signature.
    if raw[4:24] != hashlib.sha1(idp_entity_id.encode()).digest():  # noqa: S324
        raise LoginFailed("artifact-source")
    return int.from_bytes(raw[2:4], "big")


def encode_artifact(entity_id: str, *, endpoint_index: int) -> str:
    """The other way round, for an IdP (the development IdP, tests): 0x0004, the
    2-byte index, SHA-1(entity ID) and a random 20-byte handle (bindings 3.6.4).

    pysaml2's create_artifact writes the index as two ASCII hex characters
    ("00" = 0x3030), which no conforming SP reads as index 0; hence our own."""
    source_id = hashlib.sha1(entity_id.encode()).digest()  # noqa: S324 - identifier, per spec
    raw = TYPE_CODE + endpoint_index.to_bytes(2, "big") + source_id + secrets.token_bytes(20)
    return base64.b64encode(raw).decode("ascii")


def build_artifact_resolve(*, artifact: str, destination: str) -> tuple[str, bytes]:
    """A signed ArtifactResolve in a SOAP envelope; returns (request ID, envelope)."""
    request_id = OneLogin_Saml2_Utils.generate_unique_id()
    xml = (
        f'<samlp:ArtifactResolve xmlns:samlp="{C.NS_SAMLP}" xmlns:saml="{C.NS_SAML}"'
        f' ID="{request_id}" Version="2.0"'
        f' IssueInstant="{OneLogin_Saml2_Utils.parse_time_to_SAML(timezone.now().timestamp())}"'
        f' Destination="{_attr(destination)}">'
        f"<saml:Issuer>{_text(sp_entity_id())}</saml:Issuer>"
        f"<samlp:Artifact>{_text(artifact)}</samlp:Artifact>"
        "</samlp:ArtifactResolve>"
    )
    pair = signing_pair()
    signed = OneLogin_Saml2_Utils.add_sign(
        xml, pair.key, pair.cert, sign_algorithm=C.RSA_SHA256, digest_algorithm=C.SHA256
    )
    if isinstance(signed, str):
        signed = signed.encode()
    envelope = (
        f'<soap:Envelope xmlns:soap="{SOAP_NS}"><soap:Body>'.encode()
        + _strip_declaration(signed)
        + b"</soap:Body></soap:Envelope>"
    )
    return request_id, envelope


def resolve(artifact: str) -> bytes:
    """Resolve the artifact at the IdP; return the Response XML (to be validated)."""
    idp = current_idp()
    index = parse_artifact(artifact, idp_entity_id=idp.entity_id)
    destination = idp.artifact_resolution.get(index)
    if not destination:
        raise LoginFailed("artifact-endpoint")
    request_id, envelope = build_artifact_resolve(artifact=artifact, destination=destination)
    reply = _post(destination, envelope)
    return extract_response(reply, request_id=request_id, idp_entity_id=idp.entity_id)


def _post(url: str, envelope: bytes) -> bytes:
    options: dict = {}
    if settings.DIGID_ARTIFACT_TLS_REQUIRED:
        if not url.startswith("https://"):
            raise LoginFailed("artifact-not-https")
        cert, key = settings.DIGID_TLS_CLIENT_CERT_FILE, settings.DIGID_TLS_CLIENT_KEY_FILE
        if not (cert and key):
            raise LoginFailed("artifact-no-client-certificate")
        options["cert"] = (cert, key)
    if settings.DIGID_TLS_CA_BUNDLE:
        options["verify"] = settings.DIGID_TLS_CA_BUNDLE
    try:
        reply = requests.post(
            url,
            data=envelope,
            headers={
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": "http://www.oasis-open.org/committees/security",
            },
            allow_redirects=False,
            timeout=settings.DIGID_ARTIFACT_TIMEOUT_SECONDS,
            **options,
        )
    except requests.RequestException as exc:
        raise LoginFailed(f"artifact-transport: {transport_reason(exc)}") from exc
    if reply.status_code != 200:
        raise LoginFailed(f"artifact-http-{reply.status_code}")
    return reply.content


def transport_reason(exc: BaseException) -> str:
    """Why the back channel failed, for the operator's log: the TLS library's own
    reason ("CA cert does not include key usage extension",
    "TLSV13_ALERT_CERTIFICATE_REQUIRED") or the socket error ("Connection refused").

    Only those texts and exception names are used - never str() of the requests
    exception (it quotes the URL) and never anything of the message, the
    artifact, the BSN or the keys; digit runs are masked all the same."""
    found = _innermost(exc)
    detail = ""
    if isinstance(found, ssl.SSLCertVerificationError):
        detail = found.verify_message or found.reason or ""
    elif isinstance(found, ssl.SSLError):
        detail = found.reason or found.strerror or ""
    elif isinstance(found, OSError) and found.strerror:
        detail = found.strerror
    name = type(exc).__name__
    if detail:
        name = f"{name}: {re.sub(r'[0-9]{8,}', '<digits>', str(detail))[:200]}"
    return name


def _innermost(exc: BaseException) -> BaseException | None:
    """The first ssl error in the chain requests -> urllib3 -> ssl, else the first
    OSError that carries an operating-system reason."""
    queue, seen, fallback = [exc], set(), None
    while queue:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            return current
        if fallback is None and isinstance(current, OSError) and current.strerror:
            fallback = current
        linked = [*current.args, getattr(current, "reason", None)]
        linked += [current.__cause__, current.__context__]
        queue += [item for item in linked if isinstance(item, BaseException)]
    return fallback


def extract_response(reply: bytes, *, request_id: str, idp_entity_id: str) -> bytes:
    """Check the signed ArtifactResponse and return the Response inside it."""
    envelope = OneLogin_Saml2_XML.to_etree(reply)  # no DTDs, no entities
    found = envelope.xpath("/soap:Envelope/soap:Body/samlp:ArtifactResponse", namespaces=NS)
    if len(found) != 1:
        raise LoginFailed("artifact-no-response")
    # Detach so signature checks see exactly this element as the document.
    art_response = OneLogin_Saml2_XML.to_etree(etree.tostring(found[0]))
    if art_response.get("InResponseTo") != request_id:
        raise LoginFailed("artifact-in-response-to")
    issuer = art_response.findtext("saml:Issuer", namespaces=NS)
    if (issuer or "").strip() != idp_entity_id:
        raise LoginFailed("artifact-issuer")
    status = art_response.xpath("samlp:Status/samlp:StatusCode/@Value", namespaces=NS)
    if status != [C.STATUS_SUCCESS]:
        raise LoginFailed("artifact-status")
    _check_signature(art_response)
    responses = art_response.xpath("samlp:Response", namespaces=NS)
    if len(responses) != 1:
        raise LoginFailed("artifact-no-response")
    return etree.tostring(responses[0])


def _check_signature(art_response) -> None:
    signatures = art_response.xpath("ds:Signature", namespaces=NS)
    if len(signatures) != 1:
        raise LoginFailed("artifact-unsigned")
    signature = signatures[0]
    # The signature must cover this element (no wrapping) with SHA-256-class algorithms.
    references = signature.xpath("ds:SignedInfo/ds:Reference/@URI", namespaces=NS)
    if references != ["#" + (art_response.get("ID") or "")]:
        raise LoginFailed("artifact-signature-reference")
    algorithms = signature.xpath(
        ".//ds:SignatureMethod/@Algorithm | .//ds:DigestMethod/@Algorithm", namespaces=NS
    )
    if any(alg in C.DEPRECATED_ALGORITHMS for alg in algorithms):
        raise LoginFailed("artifact-deprecated-algorithm")
    xmlsec.tree.add_ids(art_response, ["ID"])
    for cert in current_idp().signing_certs:
        if OneLogin_Saml2_Utils.validate_node_sign(
            signature, art_response, OneLogin_Saml2_Utils.format_cert(cert), raise_exceptions=False
        ):
            return
    raise LoginFailed("artifact-signature")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _strip_declaration(xml: bytes) -> bytes:
    xml = xml.strip()
    if xml.startswith(b"<?xml"):
        xml = xml[xml.index(b"?>") + 2 :].lstrip()
    return xml
