from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator, never by sign-up; citizens
    have no password and log in through DigiD only."""

    def is_open_for_signup(self, request):
        return False

    def pre_login(self, request, user, **kwargs):
        if getattr(user, "is_citizen", False):
            # A citizen account has no usable password, but refuse explicitly.
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def get_login_redirect_url(self, request):
        """Staff go to the back office; LOGIN_REDIRECT_URL (/mijn/) is the citizens'
        overview, where staff would only meet the DigiD login page. An explicit,
        allow-listed `next` still wins (allauth only asks us without one)."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
