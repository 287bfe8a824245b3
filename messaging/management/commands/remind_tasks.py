"""Remind citizens of open tasks before their deadline (run hourly; safe to run twice)."""

from django.core.management.base import BaseCommand

from messaging.reminders import send_task_reminders


class Command(BaseCommand):
    help = (
        "Write one reminder notification per open task due within TASK_REMINDER_DAYS_BEFORE days."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"task reminders: {send_task_reminders()}")
