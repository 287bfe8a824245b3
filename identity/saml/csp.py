"""Content-Security-Policy `form-action` for forms whose submission ends at DigiD.

CSP 3, form-action: the browser checks every redirect that follows a form
submission against the policy of the page that holds the form. "Inloggen met
DigiD" (POST /inloggen/digid/ -> 302 to the IdP's SingleSignOnService) and
"Uitloggen" (POST /uitloggen/ -> 302 to its SingleLogoutService) therefore need
the IdP's origin in that page's form-action, or Chromium stops them.

Only pages that render such a form get it: the template marks the request
(`{% digid_form_action %}`, identity/templatetags/digid_tags.py) and this
middleware adds exactly the SSO and SLO origins from the loaded IdP metadata.
Every other page keeps `form-action 'self'` (docs/decisions/0017).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings

from .idp_metadata import current_idp

logger = logging.getLogger("identity.saml")
REQUEST_FLAG = "_digid_form_action"


def origin(url: str) -> str | None:
    """scheme://host[:port] of an absolute http(s) URL; None for anything else."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def idp_form_origins() -> list[str]:
    """The origins of the IdP's SSO and SLO endpoints (no paths, no wildcards)."""
    try:
        idp = current_idp()
    except Exception as exc:  # misconfigured: the login fails on its own, with a page
        logger.warning("No IdP origins for form-action: %s", type(exc).__name__)
        return []
    found = (origin(idp.sso_url), origin(idp.slo_url))
    return list(dict.fromkeys(o for o in found if o))


def with_form_action(config: dict, origins: list[str]) -> dict:
    """A copy of a SECURE_CSP-style config with `origins` added to form-action."""
    current = list(config.get("form-action", []))
    return {**config, "form-action": current + [o for o in origins if o not in current]}


def mark_form_to_idp(request) -> None:
    setattr(request, REQUEST_FLAG, True)


class DigidFormActionMiddleware:
    """Must sit below django.middleware.csp.ContentSecurityPolicyMiddleware, so that
    its `_csp_config` is in place when that middleware writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, REQUEST_FLAG, False):
            origins = idp_form_origins()
            if origins:
                config = getattr(response, "_csp_config", None) or settings.SECURE_CSP
                response._csp_config = with_form_action(config, origins)
        return response
