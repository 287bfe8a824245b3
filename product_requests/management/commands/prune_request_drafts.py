"""Delete requests saved as "Concept" that were not saved again for 90 days.

AVG art. 5 lid 1 sub e (storage limitation): answers a citizen never sent are
not kept longer than they can still be of use to them (docs/decisions/0044).
The citizen sees the date on Mijn overzicht; the selectors leave an expired
draft out already, so this only removes the rows. Run it daily
(manage.py run_periodic, portal/periodic.py).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from product_requests.drafts import DRAFT_RETENTION, prune_drafts


class Command(BaseCommand):
    help = "Delete request drafts last saved more than --days ago (default 90)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DRAFT_RETENTION.days)

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError("Drafts must be kept at least one day.")
        removed = prune_drafts(older_than=timedelta(days=days))
        self.stdout.write(f"Removed {removed} request draft(s) older than {days} days.")
