from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Zaken")

    def ready(self) -> None:
        # The outbox listens to cases.signals (issue 5).
        from .notifications import receivers  # noqa: F401

        # Agency API (issue 6): webhook receivers (its admin screens are
        # registered from cases/wagtail_hooks.py).
        from .api import receivers as api_receivers  # noqa: F401
