"""Run scheduled publishing and the pruning commands on their intervals, until stopped.

`make run` starts it next to the web server and the task worker. In production
prefer cron or systemd timers (docs/deploy.md); one of these processes per
deployment is enough, and two would only repeat harmless work.
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.periodic import JOBS, Scheduler


class Command(BaseCommand):
    help = "Run publish_scheduled every minute and the prune commands hourly/daily."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and stop (for cron or a test)."
        )

    def handle(self, *args, once=False, **options):
        scheduler = Scheduler(jobs=JOBS)
        if once:
            ran = scheduler.run_due(timezone.now())
            self.stdout.write(f"Ran: {', '.join(ran)}")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        self.stdout.write(
            "Periodic jobs: " + ", ".join(f"{j.command} every {j.every}" for j in JOBS)
        )
        try:
            while not self.stopping:
                scheduler.run_due(timezone.now())
                # Short sleeps, so Ctrl-C and SIGTERM stop it within a second.
                time.sleep(min(1.0, scheduler.seconds_until_next(timezone.now())) or 0.1)
        except KeyboardInterrupt:
            pass

    def _stop(self, *args):
        self.stopping = True
