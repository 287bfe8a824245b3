from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Zaken")

    def ready(self) -> None:
        # The notification outbox (issue 5) and the agency API's webhooks
        # (issue 6) listen to cases.signals and documents.signals.
        from .api import receivers as api_receivers  # noqa: F401
        from .notifications import receivers  # noqa: F401
