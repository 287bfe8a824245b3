from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "representation"
    verbose_name = _("Vertegenwoordiging")

    def ready(self) -> None:
        from identity.acting import register_provider, register_service_resolver
        from identity.views.personal_data import register_section

        from . import receivers  # noqa: F401  (a change ends cached acting contexts)
        from .mandate_services import mandate_scope
        from .mijn_gegevens import representatives_section
        from .provider import representation_contexts

        # Issue 19: a registered representative may act for the represented person.
        register_provider(representation_contexts)
        # What a DigiD Machtigen / eHerkenning mandate's services open (decision 0050).
        register_service_resolver(mandate_scope)
        # Mijn gegevens shows the represented person who may act for them.
        register_section(representatives_section)
