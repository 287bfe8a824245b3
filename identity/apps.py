from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Identiteit")

    def ready(self) -> None:
        # Connects the login-moment receiver for the absolute session cap.
        from . import session  # noqa: F401
        from .acting import register_provider
        from .parents import children_with_authority

        # Minor children over whom the registry says the user holds gezag (issue 19).
        register_provider(children_with_authority)
