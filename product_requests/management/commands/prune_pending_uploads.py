"""Remove files chosen in request forms that were never sent.

A pending upload lives until its request is sent (then it becomes a document of
the case) or until it is older than REQUEST_PENDING_UPLOAD_HOURS. Run it hourly
or daily (manage.py run_periodic does it; see docs/deploy.md).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from product_requests.uploads import prune_pending_uploads


class Command(BaseCommand):
    help = (
        "Delete pending request uploads older than --hours (default REQUEST_PENDING_UPLOAD_HOURS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=None,
            help="Keep this many hours instead of REQUEST_PENDING_UPLOAD_HOURS.",
        )

    def handle(self, *args, hours=None, **options):
        hours = settings.REQUEST_PENDING_UPLOAD_HOURS if hours is None else hours
        if hours < 1:
            raise CommandError("Pending uploads must be kept at least one hour.")
        removed = prune_pending_uploads(older_than=timedelta(hours=hours))
        self.stdout.write(f"Removed {removed} pending upload(s) older than {hours} hours.")
