"""System checks for documents: `manage.py check --deploy` says when uploads are
not scanned for viruses (issue 14)."""

from __future__ import annotations

from django.core import checks

from . import scanning


@checks.register(checks.Tags.security, deploy=True)
def virus_scanner_configured(app_configs, **kwargs):
    if scanning.scanner_enabled() or not scanning.scanner_required():
        return []
    return [
        checks.Warning(
            "No virus scanner is configured: uploads are stored without a virus scan.",
            hint=(
                "Set CLAMAV_SOCKET or CLAMAV_HOST, or VIRUS_SCAN_REQUIRED=false when "
                "uploads are scanned elsewhere (docs/deploy.md)."
            ),
            id="documents.W001",
        )
    ]
