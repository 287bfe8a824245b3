"""Build SAML messages as an IdP would, signed with the stand-in IdP's key
(identity/tests/saml_fixtures.py), with one thing wrong at a time for the
negative tests.

xml = build_response(in_response_to=pending.request_id)                 # valid
xml = build_response(in_response_to=rid, audience=None)                 # no Audience
xml = build_response(in_response_to=rid, sign_algorithm="sha1")         # SHA-1 signature
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from urllib.parse import quote_plus

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.utils import OneLogin_Saml2_Utils as Utils

from identity.loa import LevelOfAssurance
from identity.saml.config import acs_url, slo_url, sp_entity_id
from identity.saml.idp_metadata import current_idp

from .saml_fixtures import session_idp

SAMLP, SAML = C.NS_SAMLP, C.NS_SAML
UNSET = object()


def _time(delta_seconds: int = 0) -> str:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delta_seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    return "_" + uuid.uuid4().hex


def idp_entity_id() -> str:
    """The issuer the SP expects: the entity ID in the metadata it reads."""
    return current_idp().entity_id


def _sign(xml: str, algorithm: str) -> str:
    idp = session_idp().idp
    sign_alg, digest_alg = (C.RSA_SHA1, C.SHA1) if algorithm == "sha1" else (C.RSA_SHA256, C.SHA256)
    signed = Utils.add_sign(
        xml,
        idp.key.read_text(),
        idp.cert.read_text(),
        sign_algorithm=sign_alg,
        digest_algorithm=digest_alg,
    )
    return signed.decode() if isinstance(signed, bytes) else signed


def _strip_declaration(xml: str) -> str:
    return xml.split("?>", 1)[1].lstrip() if xml.startswith("<?xml") else xml


def build_assertion(
    *,
    in_response_to: str | None,
    assertion_id: str | None = None,
    name_id: str = "s00000000:999993653",
    level: LevelOfAssurance = LevelOfAssurance.BASIS,
    audience=UNSET,
    recipient=UNSET,
    attributes: str = "",
    sign: bool = True,
    sign_algorithm: str = "sha256",
) -> str:
    audience = sp_entity_id() if audience is UNSET else audience
    recipient = acs_url() if recipient is UNSET else recipient
    irt = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    restriction = (
        ""
        if audience is None
        else f"<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience>"
        "</saml:AudienceRestriction>"
    )
    xml = (
        f'<saml:Assertion xmlns:saml="{SAML}" ID="{assertion_id or new_id()}" Version="2.0"'
        f' IssueInstant="{_time()}">'
        f"<saml:Issuer>{idp_entity_id()}</saml:Issuer>"
        f"<saml:Subject><saml:NameID>{name_id}</saml:NameID>"
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData{irt} NotOnOrAfter="{_time(300)}"'
        f' Recipient="{recipient}"/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{_time(-60)}" NotOnOrAfter="{_time(300)}">'
        f"{restriction}</saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{_time()}" SessionIndex="{new_id()}">'
        f"<saml:AuthnContext><saml:AuthnContextClassRef>{level.class_ref}"
        "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
        f"{attributes}"
        "</saml:Assertion>"
    )
    return _strip_declaration(_sign(xml, sign_algorithm)) if sign else xml


def build_response(
    *,
    in_response_to: str | None,
    response_id: str | None = None,
    destination=UNSET,
    sign_response: bool = False,
    assertion: str | None = None,
    status: str = C.STATUS_SUCCESS,
    sub_status: str | None = None,
    prologue: str = "",
    **assertion_args,
) -> bytes:
    destination = acs_url() if destination is UNSET else destination
    if assertion is None and status == C.STATUS_SUCCESS:
        assertion = build_assertion(in_response_to=in_response_to, **assertion_args)
    dest = f' Destination="{destination}"' if destination is not None else ""
    irt = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    inner_status = f'<samlp:StatusCode Value="{sub_status}"/>' if sub_status else ""
    xml = (
        f'<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}"'
        f' ID="{response_id or new_id()}" Version="2.0" IssueInstant="{_time()}"{dest}{irt}>'
        f"<saml:Issuer>{idp_entity_id()}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{status}">{inner_status}</samlp:StatusCode>'
        "</samlp:Status>"
        f"{assertion or ''}"
        "</samlp:Response>"
    )
    if sign_response:
        xml = _strip_declaration(_sign(xml, "sha256"))
    return (prologue + xml).encode()


def build_artifact_response(*, in_response_to: str, response_xml: bytes) -> bytes:
    """A signed ArtifactResponse around a (signed) Response, as the IdP's
    ArtifactResolutionService answers (SAML core 3.5.2)."""
    inner = _strip_declaration(response_xml.decode())
    xml = (
        f'<samlp:ArtifactResponse xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{new_id()}"'
        f' Version="2.0" IssueInstant="{_time()}" InResponseTo="{in_response_to}">'
        f"<saml:Issuer>{idp_entity_id()}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{C.STATUS_SUCCESS}"/></samlp:Status>'
        f"{inner}</samlp:ArtifactResponse>"
    )
    return _sign(xml, "sha256").encode()


def logout_request_url(*, name_id: str, sign: bool = True) -> str:
    """The path and query of an IdP's LogoutRequest to our SLO endpoint over
    HTTP-Redirect, signed as SAML bindings 3.4.4.1 says (RSA-SHA256 over the query)."""
    xml = (
        f'<samlp:LogoutRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{new_id()}"'
        f' Version="2.0" IssueInstant="{_time()}" Destination="{slo_url()}">'
        f"<saml:Issuer>{idp_entity_id()}</saml:Issuer>"
        f'<saml:NameID Format="{C.NAMEID_UNSPECIFIED}">{name_id}</saml:NameID>'
        "</samlp:LogoutRequest>"
    )
    query = "SAMLRequest=" + quote_plus(Utils.deflate_and_base64_encode(xml))
    if sign:
        query += "&SigAlg=" + quote_plus(C.RSA_SHA256)
        key = serialization.load_pem_private_key(session_idp().idp.key.read_bytes(), None)
        assert isinstance(key, rsa.RSAPrivateKey)
        signature = key.sign(query.encode(), padding.PKCS1v15(), hashes.SHA256())
        query += "&Signature=" + quote_plus(base64.b64encode(signature).decode())
    return f"/digid/slo/?{query}"
