"""Load the demo data: agencies, citizens, pages, cases. Safe to run again.

Each app owns its demo data in `<app>/demo.py` with a `seed(out)` function that
is idempotent (get-or-create by a natural key). The order below follows the
dependencies between them.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

SEEDERS = [
    "identity.demo",
    "cases.demo",
    "pages.demo",
    "backoffice.demo",
    "agency_api.demo",
    "documents.demo",
]


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent)."

    def handle(self, *args, **options):
        for module_name in SEEDERS:
            with transaction.atomic():
                import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
