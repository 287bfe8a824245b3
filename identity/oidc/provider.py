"""django-allauth's generic OpenID Connect provider, made strict for brokers.

allauth (65.x) runs the authorization code flow, PKCE (S256), the state and the
token request. It does not send or check a nonce, takes the issuer from the
discovery document and skips the ID token's signature when the token came
straight from the token endpoint (OpenID Connect Core 1.0 §3.1.3.7 allows that
over TLS). For a login that opens someone else's data we check all of it:
§3.1.3.7 steps 2-3 (issuer equals the configured one, audience is our client id),
6 (signature with a key from the broker's JWKS), 9 (not expired) and 11 (the
nonce we sent, once: identity/oidc/adapter.py). Settings swap this class in
(SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]).
"""

from __future__ import annotations

import secrets

from allauth.core.internal.deferred import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.utils import generate_code_challenge
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.urls import reverse

from .config import broker

# Asymmetric algorithms only: a broker signs with its private key (no "none", no HMAC).
ALLOWED_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
NONCE_STATE_KEY = "nonce"


class BrokerOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    def get_callback_url(self, request, app):
        # From PORTAL_BASE_URL, never from the Host header (like the SAML endpoints).
        path = reverse("oidc:callback", kwargs={"broker_id": self.provider_id})
        return f"{settings.PORTAL_BASE_URL}{path}"

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise OAuth2Error("no id_token")
        data = {"id_token": self._decode_id_token(app, id_token)}
        return self.get_provider().sociallogin_from_response(request, data)

    def _decode_id_token(self, app, id_token: str) -> dict:
        configured = broker(self.provider_id)
        if configured is None:
            raise OAuth2Error("unknown broker")
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError as exc:
            raise OAuth2Error("malformed id_token") from exc
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise OAuth2Error("id_token algorithm not allowed")
        claims = jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=configured.issuer,
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )
        if not claims.get("nonce") or not claims.get("sub"):
            raise OAuth2Error("id_token without nonce or sub")
        return claims


class BrokerProvider(OpenIDConnectProvider):
    oauth2_adapter_class = BrokerOAuth2Adapter

    def get_default_scope(self):
        return ["openid"]

    def get_pkce_params(self) -> dict:
        # Always PKCE with S256 (RFC 7636), whatever the app settings say.
        return generate_code_challenge()

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        # The nonce travels in allauth's single-use state, checked in adapter.py.
        kwargs[NONCE_STATE_KEY] = nonce
        return super().redirect(request, process, next_url, data, auth_params=auth_params, **kwargs)

    def extract_common_fields(self, data):
        return {}

    def extract_email_addresses(self, data):
        return []
