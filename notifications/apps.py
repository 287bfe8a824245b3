from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        # The notification outbox (issue 5) listens to cases.signals and documents.signals.
        from messaging.notice_lines import register_provider
        from portal import health

        from . import (
            postal_letters,  # noqa: F401  (signals.letter_needed -> messaging's letter queue)
            receivers,  # noqa: F401
            task_reminders,  # noqa: F401  (messaging.signals.task_reminder_due)
        )
        from .health import check_provider
        from .selectors import notification_lines

        # The thread page shows each notification's state (issue 18).
        register_provider("notifications", notification_lines)

        # A failing provider does not stop the portal: "degraded" (issue 18).
        health.register_check("notification_provider", check_provider, optional=True)
