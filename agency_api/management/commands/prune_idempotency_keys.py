"""Remove stored Idempotency-Key responses older than the retention (default
24 hours, as in the IETF idempotency-key draft's examples). Run daily."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from agency_api.models import IdempotencyRecord


class Command(BaseCommand):
    help = "Delete idempotency records older than --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, hours=24, **options):
        cutoff = timezone.now() - timedelta(hours=hours)
        deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} idempotency record(s).")
