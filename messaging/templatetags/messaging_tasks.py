"""Template tags for pages of other apps that show tasks (issue 21): the
overview's tasks panel and the count in the personal navigation.

cases may not import messaging (docs/architecture.md, import-linter's layers),
but its templates may load this library: `{% load messaging_tasks %}`.
Both tags read `task_selectors.open_tasks_for_request`, one query per request.
"""

from __future__ import annotations

from django import template

from messaging.task_presenters import present_task
from messaging.task_selectors import open_tasks_for_request

register = template.Library()

# The most urgent tasks the panel shows; the rest are on Mijn taken.
PANEL_SIZE = 3


@register.simple_tag(takes_context=True)
def open_task_count(context) -> int:
    request = context.get("request")
    return len(open_tasks_for_request(request)) if request is not None else 0


@register.inclusion_tag("messaging/includes/tasks_panel.html", takes_context=True)
def tasks_panel(context) -> dict:
    request = context.get("request")
    tasks = open_tasks_for_request(request) if request is not None else []
    return {
        "request": request,
        "count": len(tasks),
        "tasks": [present_task(task) for task in tasks[:PANEL_SIZE]],
        "more": len(tasks) > PANEL_SIZE,
    }
