from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Identiteit")

    def ready(self) -> None:
        from cases import signals as case_signals

        # Connects the login-moment receiver for the absolute session cap.
        from . import session  # noqa: F401
        from .corrections.receivers import apply_decision

        # A granted correction request updates the local registry (issue 9).
        case_signals.status_set.connect(apply_decision, dispatch_uid="identity.corrections.apply")
