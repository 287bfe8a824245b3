from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Formal and informal messages in both directions, their evidence ledger,
    the tasks an agency asks a citizen to do, and the channel register
    (docs/decisions/0030)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "messaging"
    verbose_name = _("Berichten")

    def ready(self) -> None:
        from . import (
            channels,  # noqa: F401  (invalidates the cached channel register)
            receivers,  # noqa: F401  (connects to cases.signals)
        )
