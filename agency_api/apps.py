from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyApiConfig(AppConfig):
    name = "agency_api"
    verbose_name = _("Koppelingen (API)")

    def ready(self) -> None:
        # The agency API (issue 6): its webhooks listen to cases.signals and documents.signals.
        from . import contact_restore, receivers  # noqa: F401
