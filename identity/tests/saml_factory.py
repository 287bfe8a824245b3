"""Build SAML Responses as an IdP would, signed with the development IdP key,
with one thing wrong at a time for the negative tests.

xml = build_response(in_response_to=pending.request_id)                 # valid
xml = build_response(in_response_to=rid, audience=None)                 # no Audience
xml = build_response(in_response_to=rid, sign_algorithm="sha1")         # SHA-1 signature
"""

from __future__ import annotations

import datetime as dt
import uuid

from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from identity.devidp.devkeys import dev_key_pair
from identity.loa import LevelOfAssurance
from identity.saml.config import acs_url, sp_entity_id
from identity.saml.idp_metadata import current_idp

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
    key_path, cert_path = dev_key_pair("idp")
    sign_alg, digest_alg = (C.RSA_SHA1, C.SHA1) if algorithm == "sha1" else (C.RSA_SHA256, C.SHA256)
    signed = OneLogin_Saml2_Utils.add_sign(
        xml,
        key_path.read_text(),
        cert_path.read_text(),
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
