from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "representation"
    verbose_name = _("Vertegenwoordiging")

    def ready(self) -> None:
        from identity.acting import register_provider
        from identity.views.personal_data import register_section

        from .mijn_gegevens import representatives_section
        from .provider import representation_contexts

        # Issue 19: a registered representative may act for the represented person.
        register_provider(representation_contexts)
        # Mijn gegevens shows the represented person who may act for them.
        register_section(representatives_section)
