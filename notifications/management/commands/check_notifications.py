"""Poll the provider for delivery statuses and escalate unread formal messages
(cron, every few minutes; safe to run twice)."""

from django.core.management.base import BaseCommand

from notifications.escalation import escalate_unread
from notifications.polling import poll


class Command(BaseCommand):
    help = "Poll notification statuses and escalate formal messages left unread."

    def handle(self, *args, **options):
        outcomes = poll()
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) or "nothing to poll"
        self.stdout.write(f"polled: {summary}; unread escalated: {escalate_unread()}")
