"""Report cases whose denormalised current status disagrees with their latest
status row (cases/status_consistency.py, docs/decisions/0052).

manage.py check_case_status [--batch 10000]

Walks the cases in batches of ids (a national-scale database is not read in one
query), prints the id and reference of each case that disagrees (never a BSN)
and exits with status 1 when there is one. It changes nothing: a disagreement
means something wrote around cases.services.set_status, and that is what to fix.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from cases.status_consistency import inconsistent_cases


class Command(BaseCommand):
    help = "Report cases whose denormalised current status disagrees with their latest status."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=10_000, help="cases per query")

    def handle(self, *args, batch: int, **options):
        last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        found = 0
        for start in range(0, last + 1, batch):
            window = Case.objects.filter(pk__gte=start, pk__lt=start + batch)
            for pk, reference in inconsistent_cases(window).values_list("pk", "reference"):
                found += 1
                self.stdout.write(f"case {pk} ({reference}): current status disagrees")
        if found:
            raise CommandError(f"{found} case(s) with a current status that disagrees.")
        self.stdout.write(f"All cases agree with their latest status (checked up to id {last}).")
