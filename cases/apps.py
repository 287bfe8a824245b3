from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Zaken")

    def ready(self) -> None:
        # The catalogue's invalidation listens to every save, in every process.
        from . import catalogue  # noqa: F401
