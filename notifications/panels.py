""" "Contact herstellen" on the caseworker's case screen (/beheer/zaken/<pk>/),
through the back office's case-panel hook (registered in wagtail_hooks.py).
The hook is called after the case was authorised for the caseworker."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from .models import ContactRestoreTask


class ContactRestorePanel(Component):
    template_name = "notifications/contact_restore_panel.html"

    def __init__(self, *, tasks: list[ContactRestoreTask]):
        self.tasks = tasks

    def get_context_data(self, parent_context=None):
        return {"tasks": self.tasks}


def contact_restore_panel(*, request, case) -> ContactRestorePanel | None:
    tasks = list(
        ContactRestoreTask.objects.filter(case=case, resolved_at__isnull=True).select_related(
            "message"
        )
    )
    return ContactRestorePanel(tasks=tasks) if tasks else None
