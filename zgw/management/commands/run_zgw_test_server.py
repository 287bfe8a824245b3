"""Serve the ZGW test server (zgw/testing) with the demo's zaken, for `make run`
(scripts/run.sh): a live-ZGW agency next to the local ones, no configuration.
Every request and response is still checked against the VNG documents; what
does not conform is printed."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from zgw.testing.server import FakeZgw, RunningServer
from zgw.testing.story import tell

DEMO_BSN = "999993653"  # Suzanne Moulin (demo/people.py)


class Command(BaseCommand):
    help = "Start de ZGW-testserver met de zaken van de demo (alleen voor ontwikkeling)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--latency", type=float, default=0.0, help="seconden per verzoek")

    def handle(self, *args, port: int, latency: float, **options):
        server = RunningServer(FakeZgw(latency=latency, page_size=20), port=port)
        with server as fake:
            tell(fake, bsn=DEMO_BSN)
            self.stdout.write(
                f"ZGW test server on {fake.base_url} (Zaken API: {server.root('zaken')})"
            )
            seen = 0
            while True:
                time.sleep(1)
                for violation in fake.violations[seen:]:
                    self.stderr.write(f"Not conform the VNG documents: {violation}")
                seen = len(fake.violations)
