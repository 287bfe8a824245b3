"""The agency API's create_api_client plus --demo: rotate and print the token of
the demo client that seed_demo made (docs/api.md walks through the API with it).

It overrides agency_api's command of the same name because the demo app comes
first in INSTALLED_APPS; the agency API itself knows nothing of the demo.
"""

from agency_api.management.commands import create_api_client
from demo.api_clients import ensure_demo_client


class Command(create_api_client.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--demo", action="store_true", help="rotate and print the demo client's token"
        )

    def handle(self, *args, demo=False, **options):
        if demo:
            client = ensure_demo_client()
            self._print(client, client.rotate())
            return
        super().handle(*args, **options)
