from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Zaken")

    def ready(self) -> None:
        # Agency API: webhook receivers and its Wagtail admin screens (cases/api/).
        from cases.api import receivers, wagtail_hooks  # noqa: F401
