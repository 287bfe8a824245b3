"""The signed AuthnRequest over HTTP-Redirect, and the store of pending requests.

Logius, DigiD koppelvlakspecificatie SAML: the AuthnRequest is signed (RSA-SHA256),
asks for the level with RequestedAuthnContext Comparison="minimum", and names the
binding the answer must use (Artifact by default, as DigiD does).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.utils import timezone
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.authn_request import OneLogin_Saml2_Authn_Request
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from identity.loa import LevelOfAssurance

from .config import BINDING_ARTIFACT, BINDING_POST, request_data_for, saml_settings
from .models import PendingAuthnRequest
from .replay import forget_expired

SESSION_TOKEN_KEY = "digid_request_token"  # noqa: S105 - a session key name, not a secret
BINDINGS = {"artifact": BINDING_ARTIFACT, "post": BINDING_POST}


def response_binding() -> str:
    return BINDINGS.get(settings.DIGID_RESPONSE_BINDING, BINDING_ARTIFACT)


def session_token(request) -> str:
    """A random token in this browser's session that binds our requests to it."""
    token = request.session.get(SESSION_TOKEN_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_TOKEN_KEY] = token
    return token


def authn_request_url(request, *, level: LevelOfAssurance, next_url: str) -> str:
    """The first SAML step of a login: a signed AuthnRequest in the IdP's
    SingleSignOnService URL, with the request stored as pending for this session."""
    binding = response_binding()
    saml = saml_settings(level=level, binding=binding)
    authn = OneLogin_Saml2_Authn_Request(saml, set_nameid_policy=False)
    parameters = {"SAMLRequest": authn.get_request()}
    # Signature over the query string (SAML bindings 3.4.4.1), RSA-SHA256.
    auth = OneLogin_Saml2_Auth(request_data_for("/"), saml)
    auth.add_request_signature(parameters, saml.get_security_data()["signatureAlgorithm"])
    now = timezone.now()
    PendingAuthnRequest.objects.filter(expires_at__lt=now).delete()
    # Housekeeping of the replay cache here, not on the ACS path (identity.saml.replay).
    forget_expired(now)
    PendingAuthnRequest.objects.create(
        request_id=authn.get_id(),
        session_token=session_token(request),
        level=int(level),
        next_url=next_url,
        binding=binding,
        expires_at=now + dt.timedelta(seconds=settings.DIGID_REQUEST_TTL_SECONDS),
    )
    return OneLogin_Saml2_Utils.redirect(saml.get_idp_sso_url(), parameters)
