"""Record an outage of the submission channel automatically (messaging/channel_health.py).
Run every minute by `manage.py run_periodic` (portal/periodic.py)."""

from django.core.management.base import BaseCommand

from messaging.channel_health import check_submission_channel


class Command(BaseCommand):
    help = "Probe what a citizen's submission needs; open or close the automatic outage."

    def handle(self, *args, **options):
        self.stdout.write(check_submission_channel())
