"""python3-saml settings built from Django settings, never from a request.

The entity ID and every endpoint URL come from PORTAL_BASE_URL, so a forged
Host header cannot change what we accept as Destination, Recipient or Audience.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.settings import OneLogin_Saml2_Settings

from identity.loa import LevelOfAssurance

from .idp_metadata import current_idp

ACS_PATH = "/digid/acs/"
METADATA_PATH = "/digid/metadata/"
SLO_PATH = "/digid/slo/"
BINDING_ARTIFACT = C.BINDING_HTTP_ARTIFACT
BINDING_POST = C.BINDING_HTTP_POST
# DigiD uses no NameID format attribute in requests; answers carry "s00000000:<BSN>".
NAMEID_UNSPECIFIED = C.NAMEID_UNSPECIFIED


def base_url() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/")


def sp_entity_id() -> str:
    return settings.DIGID_SP_ENTITY_ID or base_url() + METADATA_PATH


def acs_url() -> str:
    return base_url() + ACS_PATH


def slo_url() -> str:
    return base_url() + SLO_PATH


def request_data_for(path: str, *, get=None, post=None) -> dict:
    """The request_data python3-saml wants, from our base URL, not the request's Host."""
    scheme, _, host = base_url().partition("://")
    return {
        "https": "on" if scheme == "https" else "off",
        "http_host": host,
        "script_name": path,
        "get_data": dict(get or {}),
        "post_data": dict(post or {}),
    }


@dataclass(frozen=True)
class KeyPair:
    key: str
    cert: str


def _read(path: str | Path) -> str:
    return Path(path).read_text(encoding="ascii")


def _pair(key_file: str, cert_file: str) -> KeyPair | None:
    """The pair in these PEM files; in development files the development IdP wrote
    (portal/settings/devidp.py), but this module never knows which."""
    if key_file and cert_file:
        return KeyPair(key=_read(key_file), cert=_read(cert_file))
    return None


def current_pair() -> KeyPair:
    pair = _pair(settings.DIGID_SP_KEY_FILE, settings.DIGID_SP_CERT_FILE)
    if pair is None:
        raise ImproperlyConfigured("Set DIGID_SP_KEY_FILE and DIGID_SP_CERT_FILE.")
    return pair


def next_pair() -> KeyPair | None:
    return _pair(settings.DIGID_SP_NEXT_KEY_FILE, settings.DIGID_SP_NEXT_CERT_FILE)


def next_active_from() -> dt.datetime | None:
    raw = settings.DIGID_SP_NEXT_ACTIVE_FROM
    if not raw:
        return None
    moment = dt.datetime.fromisoformat(raw)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)


def signing_pair(now: dt.datetime | None = None) -> KeyPair:
    """The pair we sign with: the next one once its activation moment has passed."""
    upcoming, active_from = next_pair(), next_active_from()
    if upcoming and active_from and (now or timezone.now()) >= active_from:
        return upcoming
    return current_pair()


def published_certs() -> list[str]:
    """Certificates in our metadata: the signing one first, then the other (rollover)."""
    signing = signing_pair()
    others = [p.cert for p in (current_pair(), next_pair()) if p and p.cert != signing.cert]
    return [signing.cert, *others]


def saml_settings(
    *,
    level: LevelOfAssurance | None = None,
    binding: str = BINDING_ARTIFACT,
    want_messages_signed: bool = False,
) -> OneLogin_Saml2_Settings:
    idp = current_idp()
    pair = signing_pair()
    data = {
        "strict": True,
        "debug": False,
        "sp": {
            "entityId": sp_entity_id(),
            "assertionConsumerService": {"url": acs_url(), "binding": binding},
            "singleLogoutService": {"url": slo_url(), "binding": C.BINDING_HTTP_REDIRECT},
            "NameIDFormat": NAMEID_UNSPECIFIED,
            "x509cert": pair.cert,
            "privateKey": pair.key,
        },
        "idp": {
            "entityId": idp.entity_id,
            "singleSignOnService": {"url": idp.sso_url, "binding": C.BINDING_HTTP_REDIRECT},
            "singleLogoutService": {"url": idp.slo_url, "binding": C.BINDING_HTTP_REDIRECT},
            "x509certMulti": {"signing": list(idp.signing_certs)},
        },
        "security": {
            "authnRequestsSigned": True,
            "logoutRequestSigned": True,
            "logoutResponseSigned": True,
            "signMetadata": False,  # sp_metadata signs it itself, with the current pair
            "wantAssertionsSigned": True,
            # With the Artifact binding DigiD signs the ArtifactResponse, not the
            # Response inside it; artifact.py requires that signature instead.
            # Logout messages over HTTP-Redirect must be signed (logout.py).
            "wantMessagesSigned": want_messages_signed,
            "wantNameId": True,
            "wantAttributeStatement": False,
            "requestedAuthnContext": [level.class_ref] if level else False,
            "requestedAuthnContextComparison": "minimum",
            # python3-saml's check wants an exact match; validation.py accepts higher levels.
            "failOnAuthnContextMismatch": False,
            "rejectDeprecatedAlgorithm": True,
            "signatureAlgorithm": C.RSA_SHA256,
            "digestAlgorithm": C.SHA256,
            "allowRepeatAttributeName": False,
        },
    }
    return OneLogin_Saml2_Settings(data, sp_validation_only=False)
