"""Print what an agency's Notificaties API subscription (Abonnement) needs:
our callback URL, the `auth` value and the kanalen (docs/zgw.md, step 4).
The token is a credential for the agency's NRC only: print it for whoever
configures the subscription, nowhere else. `--rotate` makes a new one (the old
one stops working at once)."""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from zgw.models import CaseSystem, SourceKind


class Command(BaseCommand):
    help = "Toon de gegevens voor het abonnement op de Notificaties API van een organisatie."

    def add_arguments(self, parser):
        parser.add_argument("agency", help="de code (slug) van de organisatie")
        parser.add_argument("--rotate", action="store_true", help="maak een nieuw token")

    def handle(self, *args, agency: str, rotate: bool, **options):
        try:
            system = CaseSystem.objects.get(agency__slug=agency, kind=SourceKind.ZGW)
        except CaseSystem.DoesNotExist:
            raise CommandError(f"Geen ZGW-zaaksysteem voor organisatie {agency!r}.") from None
        if rotate:
            system.notification_token = secrets.token_urlsafe(32)
            system.save(update_fields=["notification_token"])
        path = reverse("zgw_callbacks:notification", kwargs={"system": system.pk})
        abonnement = {
            "callbackUrl": f"{settings.PORTAL_BASE_URL}{path}",
            "auth": f"Bearer {system.notification_token}",
            "kanalen": [
                {"naam": "zaken", "filters": {"bronorganisatie": system.rsin}},
                {"naam": "documenten", "filters": {"bronorganisatie": system.rsin}},
            ],
        }
        self.stdout.write(json.dumps(abonnement, indent=2))
