"""The citizen's DigiD login page, its button (off to DigiD with an AuthnRequest)
and the pages a login that did not succeed ends on.

The steps after it: identity/saml/authn.py builds the AuthnRequest, the ACS
(identity/views/digid.py) validates the answer, identity/digid_session.py opens
the citizen's session."""

from __future__ import annotations

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from identity.loa import LevelOfAssurance, session_level
from identity.next_url import safe_next_url
from identity.saml.authn import authn_request_url

logger = logging.getLogger("identity.saml")


def _level(raw: str | None) -> LevelOfAssurance:
    try:
        return LevelOfAssurance[(raw or "").upper()]
    except KeyError:
        return LevelOfAssurance.BASIS


def _organisation() -> str:
    return settings.DIGID_ORGANISATION_NAME or settings.WAGTAIL_SITE_NAME


@require_GET
def login_page(request):
    level = _level(request.GET.get("niveau"))
    next_url = safe_next_url(request.GET.get("next"))
    current = session_level(request)
    if request.user.is_authenticated and request.user.is_citizen and current and current >= level:
        # Already logged in at this level or higher: no second DigiD round trip.
        return redirect(next_url)
    return render(
        request,
        "identity/login.html",
        {
            "next": next_url,
            "niveau": level.name.lower(),
            "level": level,
            "organisation": _organisation(),
        },
    )


@require_POST
def digid_start(request):
    """Send the browser to DigiD with a signed AuthnRequest for the level asked."""
    level = _level(request.POST.get("niveau"))
    next_url = safe_next_url(request.POST.get("next"))
    try:
        return redirect(authn_request_url(request, level=level, next_url=next_url))
    except Exception:
        # Configuration or IdP metadata trouble: a failed login, not a 500.
        logger.exception("DigiD login could not start")
        return redirect("identity:login_failed")


def login_failed(request):
    return render(request, "identity/login_failed.html", {"organisation": _organisation()})


def login_cancelled(request):
    return render(request, "identity/login_cancelled.html", {})
