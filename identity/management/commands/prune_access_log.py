"""Retention for the access log: remove entries older than ACCESS_LOG_RETENTION_DAYS.

Run it daily (cron or the task scheduler). It is the only way entries leave the
log (`AccessLogQuerySet.prune_before`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from identity.access_log import AccessLogEntry


class Command(BaseCommand):
    help = "Remove access-log entries older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of ACCESS_LOG_RETENTION_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.ACCESS_LOG_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        cutoff = timezone.now() - timedelta(days=days)
        removed = AccessLogEntry.objects.prune_before(cutoff)
        self.stdout.write(f"Removed {removed} access-log entries older than {days} days.")
