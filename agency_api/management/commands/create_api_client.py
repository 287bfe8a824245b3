"""Create an agency API client and print its token (the only time it is shown).

manage.py create_api_client zoetermeer "Zaaksysteem" [--ip 192.0.2.0/24] [--expires 2027-12-31]
manage.py create_api_client --demo     # with the demo app: rotate the demo client's token
"""

from __future__ import annotations

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agency_api.models import ApiClient
from cases.models import Agency


class Command(BaseCommand):
    help = "Create an API client for an agency and print its token once."

    def add_arguments(self, parser):
        parser.add_argument("agency", nargs="?", help="agency slug (code)")
        parser.add_argument("name", nargs="?", help="a name for the client system")
        parser.add_argument("--ip", action="append", default=[], help="allowed CIDR (repeat)")
        parser.add_argument("--expires", help="last valid day, YYYY-MM-DD")

    def handle(self, *args, agency=None, name=None, ip=(), expires=None, **options):
        if not agency or not name:
            raise CommandError("Give an agency slug and a client name (or --demo).")
        try:
            agency_obj = Agency.objects.get(slug=agency)
        except Agency.DoesNotExist:
            raise CommandError(f"No agency with code {agency!r}.") from None
        fields = {"allowed_networks": "\n".join(ip)}
        if expires:
            try:
                day = datetime.strptime(expires, "%Y-%m-%d").date()
            except ValueError:
                raise CommandError("--expires must be YYYY-MM-DD.") from None
            fields["expires_at"] = timezone.make_aware(datetime.combine(day, time.max))
        try:
            client, token = ApiClient.issue(agency=agency_obj, name=name, **fields)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self._print(client, token)

    def _print(self, client: ApiClient, token: str) -> None:
        self.stderr.write(
            f"API client {client.name!r} for {client.agency.name}. Store this token now; "
            "it is not shown again:"
        )
        self.stdout.write(token)
