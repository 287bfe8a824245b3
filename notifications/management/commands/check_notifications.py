"""Poll the provider for delivery statuses, read late bounces from the bounce
mailbox and escalate unread formal messages (cron, every few minutes; safe to
run twice)."""

from django.core.management.base import BaseCommand

from notifications.bounce_mailbox import read_bounces
from notifications.escalation import escalate_unread
from notifications.polling import poll


def _summary(outcomes: dict[str, int], empty: str) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) or empty


class Command(BaseCommand):
    help = "Poll notification statuses, read bounces and escalate formal messages left unread."

    def handle(self, *args, **options):
        polled = _summary(poll(), "nothing to poll")
        bounced = _summary(read_bounces(), "none")
        self.stdout.write(
            f"polled: {polled}; bounces: {bounced}; unread escalated: {escalate_unread()}"
        )
