from allauth.account.adapter import DefaultAccountAdapter


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
