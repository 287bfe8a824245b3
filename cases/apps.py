from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Zaken")

    def ready(self) -> None:
        # The outbox listens to cases.signals (issue 5).
        from .notifications import receivers  # noqa: F401
