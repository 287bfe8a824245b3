"""The citizen's logout: end the session here, then at DigiD (single logout)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from identity.digid_session import SESSION_INDEX_KEY, SESSION_NAME_ID_KEY
from identity.saml.logout import LOGOUT_LANDING_KEY, PENDING_LOGOUT_KEY, logout_request_url

logger = logging.getLogger("identity.saml")


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
