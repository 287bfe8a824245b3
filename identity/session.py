"""Session lifetime: 15 minutes idle (sliding) and an absolute cap from the moment
of login (SESSION_ABSOLUTE_SECONDS, default 8 hours), for citizens and staff alike.

The idle timeout is the session row's expiry (SESSION_COOKIE_AGE after its last
save; the session backend refuses an expired row). Saving the session on every
request kept it sliding at the cost of three queries on every page (issue 23), so
SlidingSessionMiddleware saves it only when the last save is SLIDE_AFTER_SECONDS
or more ago, or when the session changed anyway. The session then ends between
SESSION_COOKIE_AGE - SLIDE_AFTER_SECONDS and SESSION_COOKIE_AGE after the last
request: never later than the 15-minute idle timeout DigiD requires of a
connected service, at most a minute earlier. ACTIVITY_KEY holds the moment of
that last save, so seconds_left() tells the warning exactly when the row expires.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT_KEY = "auth_login_at"
# When the session was last saved, i.e. when its idle timeout last restarted.
ACTIVITY_KEY = "session_slid_at"
# A request within this many seconds of the last save does not save the session.
SLIDE_AFTER_SECONDS = 60


def now() -> int:
    """The clock of the idle timeout: the one the session backend compares its
    expiry with (django.utils.timezone.now), so a test moves both at once."""
    return int(timezone.now().timestamp())


@receiver(user_logged_in)
def remember_login_moment(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())


def slide(request) -> None:
    """Restart the idle timeout now: the session is saved at the end of this request.
    An empty session (a visitor without one, or a cookie naming an expired one)
    stays empty: nothing to keep alive."""
    if request.session.keys():
        request.session[ACTIVITY_KEY] = now()


def seconds_left(request) -> int:
    """Seconds until this session ends: the idle timeout or the absolute cap, whichever first."""
    idle = settings.SESSION_COOKIE_AGE
    slid_at = request.session.get(ACTIVITY_KEY)
    if slid_at is not None:
        idle = max(0, int(slid_at) + idle - now())
    login_at = request.session.get(LOGIN_AT_KEY)
    if login_at is None:
        return idle
    absolute = int(login_at) + settings.SESSION_ABSOLUTE_SECONDS - int(time.time())
    return max(0, min(idle, absolute))


class SlidingSessionMiddleware:
    """Keep the idle timeout sliding without a write on every request (see above).

    Before the view: a session last saved SLIDE_AFTER_SECONDS or more ago is
    marked for saving (so the view's seconds_left() already counts from now).
    After the view: a session saved anyway (changed by the view, e.g. a login)
    records that moment too. A cookie naming no live session stays empty, and the
    session middleware deletes it, as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            slid_at = session.get(ACTIVITY_KEY)  # loads the row (if the cookie names one)
            if slid_at is None or now() - int(slid_at) >= SLIDE_AFTER_SECONDS:
                slide(request)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            slide(request)
        return response


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
