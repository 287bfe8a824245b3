"""Create or update an agency (idempotent: the code is the key).

manage.py create_agency zoetermeer "Gemeente Zoetermeer" --short-name Zoetermeer \
    --oin 00000001002220647000 --rsin 002220647 --email info@zoetermeer.nl

Run it again with other values to change them; omitted options keep what is there.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.models import Agency

OPTIONAL_FIELDS = ("short_name", "oin", "rsin", "reference_prefix", "phone", "email", "website")


class Command(BaseCommand):
    help = "Create or update an agency (organisatie) by its code."

    def add_arguments(self, parser):
        parser.add_argument("code", help="short code used in URLs, e.g. zoetermeer")
        parser.add_argument("name", help='full name, e.g. "Gemeente Zoetermeer"')
        parser.add_argument("--short-name", help="short name (default: the name)")
        parser.add_argument("--oin", help="Organisatie-identificatienummer, 20 digits")
        parser.add_argument("--rsin", help="RSIN, 9 digits")
        parser.add_argument("--reference-prefix", help="case number prefix, e.g. ZTM")
        parser.add_argument("--phone")
        parser.add_argument("--email")
        parser.add_argument("--website")
        parser.add_argument("--inactive", action="store_true", help="mark the agency inactive")

    @transaction.atomic
    def handle(self, *args, code, name, inactive=False, **options):
        agency = Agency.objects.filter(slug=code).first()
        created = agency is None
        if created:
            agency = Agency(slug=code, short_name=options.get("short_name") or name[:50])
        agency.name = name
        agency.is_active = not inactive
        for field in OPTIONAL_FIELDS:
            if options.get(field) is not None:
                setattr(agency, field, options[field])
        try:
            agency.full_clean()
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        agency.save()
        self.stdout.write(
            f"{'Created' if created else 'Updated'} agency {agency.name} (code {agency.slug})."
        )
