"""The admin (/beheer/) is for staff with TOTP set up; citizens never get there.

Wagtail's own login form would skip allauth's second factor, so it is sent to
allauth's login. Staff without an authenticator are sent to TOTP set-up first.
"""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

ADMIN_PREFIX = "/beheer/"


class StaffAdminAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX):
            response = self._guard(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request):
        if request.path.startswith(ADMIN_PREFIX + "login/"):
            query = urlencode({"next": ADMIN_PREFIX})
            return redirect(f"{reverse('account_login')}?{query}")
        user = request.user
        if not user.is_authenticated:
            return None  # Wagtail sends anonymous users to WAGTAILADMIN_LOGIN_URL
        if user.is_citizen:
            raise Http404
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return redirect("mfa_activate_totp")
        return None
