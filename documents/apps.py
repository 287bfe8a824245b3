from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documenten")

    def ready(self):
        from portal import health

        from . import checks  # noqa: F401 (registers the deploy check)
        from .scanning import check_ready

        # Uploads are refused while clamd is down, everything else works: "degraded".
        health.register_check("virus_scanner", check_ready, optional=True)
