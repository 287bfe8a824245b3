"""/readyz: is the notification provider failing? (portal.health.register_check)

"Failing" means: in the last PROVIDER_WINDOW the provider was asked at least
MIN_ATTEMPTS times and not one row was sent, while the attempts left errors.
Reported as optional ("degraded", 200): the portal works, notifications wait
in the outbox and are retried, but an operator must look.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from portal.health import NotConfigured

from .models import Notification, NotificationState

PROVIDER_WINDOW = timedelta(minutes=10)
MIN_ATTEMPTS = 3


class ProviderFailing(Exception):
    pass


def failing_providers() -> list[str]:
    since = timezone.now() - PROVIDER_WINDOW
    recent = Notification.objects.filter(last_attempt_at__gte=since).exclude(provider="")
    failing = []
    for provider in sorted(set(recent.values_list("provider", flat=True))):
        rows = recent.filter(provider=provider)
        sent = rows.filter(sent_at__gte=since).exists()
        errors = rows.filter(
            state__in=[NotificationState.PENDING, NotificationState.FAILED]
        ).exclude(last_error="")
        if not sent and errors.count() >= MIN_ATTEMPTS:
            failing.append(provider)
    return failing


def check_provider() -> None:
    if not Notification.objects.exclude(provider="").exists():
        raise NotConfigured("no notification sent yet")
    failing = failing_providers()
    if failing:
        raise ProviderFailing(", ".join(failing))
