from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("Correcties persoonsgegevens")

    def ready(self) -> None:
        from cases import signals as case_signals

        from .receivers import apply_decision

        # A granted correction request updates the local registry (issue 9).
        case_signals.status_set.connect(apply_decision, dispatch_uid="corrections.apply")
