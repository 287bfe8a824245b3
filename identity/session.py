"""Session lifetime: 15 minutes idle (sliding, Django's SESSION_COOKIE_AGE with
SESSION_SAVE_EVERY_REQUEST) and an absolute cap from the moment of login
(SESSION_ABSOLUTE_SECONDS, default 8 hours), for citizens and staff alike."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LOGIN_AT_KEY = "auth_login_at"


@receiver(user_logged_in)
def remember_login_moment(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())


def seconds_left(request) -> int:
    """Seconds until this session ends: the idle timeout or the absolute cap, whichever first."""
    idle = settings.SESSION_COOKIE_AGE
    login_at = request.session.get(LOGIN_AT_KEY)
    if login_at is None:
        return idle
    absolute = int(login_at) + settings.SESSION_ABSOLUTE_SECONDS - int(time.time())
    return max(0, min(idle, absolute))


class AbsoluteSessionLimitMiddleware:
    """Log out a session older than SESSION_ABSOLUTE_SECONDS, however active it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            login_at = request.session.get(LOGIN_AT_KEY)
            if login_at is None:
                # Sessions from before this middleware: the cap starts now.
                request.session[LOGIN_AT_KEY] = int(time.time())
            elif time.time() - int(login_at) >= settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("U bent uitgelogd omdat u te lang was ingelogd."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
