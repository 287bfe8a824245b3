from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Identiteit")

    def ready(self) -> None:
        # Connects the login-moment receiver for the absolute session cap.
        from . import session  # noqa: F401
