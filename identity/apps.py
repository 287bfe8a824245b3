from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Identiteit")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # Connects the login-moment receiver for the absolute session cap.
        from . import session  # noqa: F401
        from .acting import register_provider
        from .digid_session import update_last_login_of_staff
        from .parents import children_with_authority

        # Minor children over whom the registry says the user holds gezag (issue 19).
        register_provider(children_with_authority)

        # A citizen's login record is the access log, not User.last_login
        # (identity.digid_session; docs/performance.md, SAML ACS).
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login_of_staff, dispatch_uid="update_last_login")
