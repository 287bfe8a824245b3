"""The two broker endpoints, wrapped around allauth's OpenID Connect views so that
whatever goes wrong (a broker that is down, a malformed answer) ends on the
friendly failed-login page and never in a 500."""

from __future__ import annotations

from allauth.socialaccount.providers.openid_connect import views as allauth_oidc
from django.http import Http404
from django.views.decorators.http import require_GET, require_POST

from .adapter import failed
from .config import broker


@require_POST
def login(request, broker_id: str):
    """The login button: POST (CSRF-protected), then off to the broker."""
    if broker(broker_id) is None:
        raise Http404
    try:
        return allauth_oidc.login(request, provider_id=broker_id)
    except Exception as exc:
        return failed(f"start-{type(exc).__name__}", broker_id=broker_id)


@require_GET
def callback(request, broker_id: str):
    """The redirect URI registered at the broker."""
    if broker(broker_id) is None:
        return failed("unknown-broker", broker_id=broker_id)
    try:
        return allauth_oidc.callback(request, provider_id=broker_id)
    except Exception as exc:
        return failed(f"callback-{type(exc).__name__}", broker_id=broker_id)
