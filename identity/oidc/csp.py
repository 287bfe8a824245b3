"""CSP form-action for the broker login buttons: "Inloggen met eHerkenning" posts to
/oidc/<id>/login/, which redirects to the broker's authorization endpoint; CSP 3
checks that redirect against the page's form-action (as for DigiD:
identity/saml/csp.py, docs/decisions/0017). Only pages that render the buttons
(`{% broker_login_buttons %}`) get the brokers' origins."""

from __future__ import annotations

from django.conf import settings

from identity.saml.csp import origin, with_form_action

from .config import brokers

REQUEST_FLAG = "_broker_form_action"


def mark_form_to_broker(request) -> None:
    setattr(request, REQUEST_FLAG, True)


def broker_origins() -> list[str]:
    found = (origin(entry.server_url) for entry in brokers())
    return list(dict.fromkeys(o for o in found if o))


class BrokerFormActionMiddleware:
    """Sits next to identity.saml.csp.DigidFormActionMiddleware, below Django's CSP
    middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, REQUEST_FLAG, False):
            origins = broker_origins()
            if origins:
                config = getattr(response, "_csp_config", None) or settings.SECURE_CSP
                response._csp_config = with_form_action(config, origins)
        return response
