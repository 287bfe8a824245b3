"""Deliver every due notification now (cron or a one-off; safe to run twice)."""

from django.core.management.base import BaseCommand

from notifications import delivery


class Command(BaseCommand):
    help = "Deliver due notification e-mails from the outbox (retries included)."

    def handle(self, *args, **options):
        outcomes: dict[str, int] = {}
        for pk in delivery.due_ids():
            outcome = delivery.deliver(pk)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) or "nothing due"
        self.stdout.write(summary)
