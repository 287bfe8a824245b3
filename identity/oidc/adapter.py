"""allauth's social-account adapter for the brokers: the apps come from
OIDC_BROKERS, a validated login becomes the portal's session (session.py), and
every failure ends on the same pages as a failed or cancelled DigiD login.

allauth's own sign-up and login pipeline (e-mail, sign-up forms, the staff
account adapter's pre_login) never runs for a broker login: pre_social_login
answers with the redirect itself.
"""

from __future__ import annotations

import logging
import time

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base.constants import AuthError
from django.core.cache import cache
from django.shortcuts import redirect

from identity.next_url import safe_next_url

from .claims import ClaimsRefused, broker_result
from .config import broker, brokers
from .provider import NONCE_STATE_KEY
from .session import log_in_through_broker

logger = logging.getLogger("identity.oidc")
PROVIDER = "openid_connect"


def failed(reason: str, *, broker_id: str = "", cancelled: bool = False):
    """Log a short reason code (never a claim value or BSN) and leave the flow."""
    if cancelled:
        logger.info("Broker login cancelled (broker=%s)", broker_id)
        return redirect("identity:login_cancelled")
    logger.warning("Broker login failed: %s (broker=%s)", reason, broker_id)
    return redirect("identity:login_failed")


def _nonce_used_once(claims: dict) -> bool:
    """Replay protection beyond allauth's single-use state: a nonce opens at most
    one session while its ID token is valid (OpenID Connect Core 1.0 §15.5.2)."""
    timeout = max(int(claims.get("exp", 0) - time.time()), 1)
    return cache.add(f"oidc-nonce:{claims.get('iss')}:{claims['nonce']}", True, timeout)


class BrokerSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        from allauth.socialaccount.models import SocialApp

        apps = []
        for entry in brokers():
            if provider not in (None, PROVIDER, entry.id):
                continue
            if client_id not in (None, entry.client_id):
                continue
            apps.append(
                SocialApp(
                    provider=PROVIDER,
                    provider_id=entry.id,
                    name=entry.id,
                    client_id=entry.client_id,
                    secret=entry.client_secret,
                    settings={"server_url": entry.server_url, "fetch_userinfo": False},
                )
            )
        return apps

    def is_open_for_signup(self, request, sociallogin):
        return False  # sign-up never happens: pre_social_login logs in itself

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        # The class of the underlying error (PyJWT's InvalidAudienceError, ...): no claim values.
        cause = getattr(exception, "__cause__", None) or exception
        reason = type(cause).__name__ if cause else str(error or "unknown")
        broker_id = getattr(getattr(provider, "app", None), "provider_id", "")
        raise ImmediateHttpResponse(
            failed(reason, broker_id=broker_id, cancelled=error == AuthError.CANCELLED)
        )

    def pre_social_login(self, request, sociallogin):
        broker_id = sociallogin.account.provider
        configured = broker(broker_id)
        claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
        expected_nonce = (sociallogin.state or {}).get(NONCE_STATE_KEY)
        if configured is None:
            raise ImmediateHttpResponse(failed("unknown-broker", broker_id=broker_id))
        if not expected_nonce or claims.get("nonce") != expected_nonce:
            raise ImmediateHttpResponse(failed("nonce-mismatch", broker_id=broker_id))
        if not _nonce_used_once(claims):
            raise ImmediateHttpResponse(failed("nonce-replayed", broker_id=broker_id))
        try:
            result = broker_result(configured, claims)
            log_in_through_broker(request=request, result=result, subject=str(claims["sub"]))
        except ClaimsRefused as exc:
            raise ImmediateHttpResponse(failed(exc.reason, broker_id=broker_id)) from exc
        logger.info("Broker login (broker=%s, level=%s)", broker_id, result["level"])
        raise ImmediateHttpResponse(redirect(safe_next_url(sociallogin.state.get("next"))))
