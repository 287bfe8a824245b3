"""The citizen's login, failure, cancel and logout pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from identity.loa import LevelOfAssurance, session_level
from identity.login import SESSION_INDEX_KEY, SESSION_NAME_ID_KEY
from identity.next_url import safe_next_url
from identity.saml.authn import start_login
from identity.saml.logout import LOGOUT_LANDING_KEY, PENDING_LOGOUT_KEY, logout_request_url

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
        return redirect(start_login(request, level=level, next_url=next_url))
    except Exception:
        # Configuration or IdP metadata trouble: a failed login, not a 500.
        logger.exception("DigiD login could not start")
        return redirect("identity:login_failed")


def login_failed(request):
    return render(request, "identity/login_failed.html", {"organisation": _organisation()})


def login_cancelled(request):
    return render(request, "identity/login_cancelled.html", {})


def logout_landing_url() -> str:
    """The home page in the language the citizen logged out in (/ or /en/).

    LOGOUT_REDIRECT_URL is a path in the default language (no prefix), so it is
    resolved in that language and reversed in the citizen's."""
    language = get_language()
    with override(settings.LANGUAGE_CODE):
        return translate_url(settings.LOGOUT_REDIRECT_URL, language)


@require_POST
def logout_view(request):
    name_id = request.session.get(SESSION_NAME_ID_KEY)
    session_index = request.session.get(SESSION_INDEX_KEY)
    landing = logout_landing_url()
    logout(request)
    messages.success(request, _("U bent uitgelogd."))
    # The IdP's LogoutResponse arrives at /digid/slo/ (no language prefix): it
    # sends the browser here, in the language the citizen used.
    request.session[LOGOUT_LANDING_KEY] = landing
    if name_id:
        try:
            outcome = logout_request_url(name_id=name_id, session_index=session_index)
        except Exception:
            logger.exception("DigiD logout request could not be built")
            outcome = None
        if outcome:
            request_id, url = outcome
            request.session[PENDING_LOGOUT_KEY] = request_id
            return redirect(url)
    return redirect(landing)
