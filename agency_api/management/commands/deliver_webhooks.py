"""Deliver webhook events that are due (a safety net beside the task queue:
run it from cron, or after a worker outage)."""

from django.core.management.base import BaseCommand

from agency_api.webhooks import deliver_due


class Command(BaseCommand):
    help = "Deliver pending webhook events whose next attempt is due."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args, limit=100, **options):
        tried = deliver_due(limit=limit)
        self.stdout.write(f"Tried {tried} webhook event(s).")
