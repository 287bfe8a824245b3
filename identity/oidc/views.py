"""The two broker endpoints: allauth's OAuth2 login and callback views with our
strict adapter (identity/oidc/provider.py), wrapped so that
whatever goes wrong (a broker that is down, a malformed answer) ends on the
friendly failed-login page and never in a 500."""

from __future__ import annotations

from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.http import Http404
from django.views.decorators.http import require_GET, require_POST

from .adapter import failed
from .config import broker
from .provider import BrokerOAuth2Adapter


@require_POST
def login(request, broker_id: str):
    """The login button: POST (CSRF-protected), then off to the broker."""
    if broker(broker_id) is None:
        raise Http404
    try:
        view = OAuth2LoginView.adapter_view(BrokerOAuth2Adapter(request, broker_id))
        return view(request)
    except Exception as exc:
        return failed(f"start-{type(exc).__name__}", broker_id=broker_id)


@require_GET
def callback(request, broker_id: str):
    """The redirect URI registered at the broker."""
    if broker(broker_id) is None:
        return failed("unknown-broker", broker_id=broker_id)
    try:
        view = OAuth2CallbackView.adapter_view(BrokerOAuth2Adapter(request, broker_id))
        return view(request)
    except Exception as exc:
        return failed(f"callback-{type(exc).__name__}", broker_id=broker_id)
