"""Load the demo data: citizens, agencies, cases, pages, staff. Safe to run again.

Each chapter of the demo (see demo/__init__.py) has a `seed(out)` function that is
idempotent (get-or-create by a natural key); SEEDERS tells them in order.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

SEEDERS = [
    "demo.people",
    "demo.agencies_and_cases",
    "demo.business",  # issue 19: the demo company and its terrace permit
    "demo.site",
    "demo.staff",
    "demo.representations",  # issue 19: after the staff, who keep them
    "demo.mandate_services",  # issue 19: what the broker's demo mandates open
    "demo.tasks",  # after the staff: the caseworker asks for the bank statements
    "demo.api_clients",
    "demo.decision_templates",
    "demo.zgw_agency",
    "demo.formal_messages",
    "demo.message_consent",  # issue 18: 999993653 receives formal messages digitally
]


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent)."

    def handle(self, *args, **options):
        for module_name in SEEDERS:
            with transaction.atomic():
                import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
