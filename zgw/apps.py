from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZgwConfig(AppConfig):
    name = "zgw"
    verbose_name = _("Zaaksystemen (ZGW)")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cases import sources
        from cases.models import Agency
        from portal import health

        from .models import CaseSystem
        from .provider import citizen_cases, forget_no_systems, readiness_checks

        sources.register_source("zgw", citizen_cases)
        health.register_check_provider(readiness_checks)
        for model in (CaseSystem, Agency):
            post_save.connect(forget_no_systems, sender=model, dispatch_uid=f"zgw-{model.__name__}")
            post_delete.connect(
                forget_no_systems, sender=model, dispatch_uid=f"zgw-del-{model.__name__}"
            )
