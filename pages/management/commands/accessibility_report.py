"""Rewrite docs/accessibility/evaluation.md from evaluation.yaml (pages/statement.py)."""

from django.core.management.base import BaseCommand

from pages.statement import REPORT, report_markdown


class Command(BaseCommand):
    help = "Write docs/accessibility/evaluation.md from docs/accessibility/evaluation.yaml."

    def handle(self, *args, **options):
        REPORT.write_text(report_markdown(), encoding="utf-8")
        self.stdout.write(str(REPORT))
