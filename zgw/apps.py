from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZgwConfig(AppConfig):
    name = "zgw"
    verbose_name = _("Zaaksystemen (ZGW)")

    def ready(self):
        from cases import sources
        from portal import health

        from .provider import citizen_cases, readiness_checks

        sources.register_source("zgw", citizen_cases)
        health.register_check_provider(readiness_checks)
