"""Template tags for pages of other apps that show tasks (issue 21): the
overview's tasks panel and the count in the personal navigation.

cases may not import messaging (docs/architecture.md, import-linter's layers),
but its templates may load this library: `{% load messaging_tasks %}`.
All tags read `task_selectors.open_tasks_for_request`, one query per request
(the navigation's count has already made it on every personal page).
"""

from __future__ import annotations

from django import template

from messaging.eligibility import supplement_tasks_among
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


@register.simple_tag(takes_context=True)
def answered_by_task(context, case) -> bool:
    """Whether `case` has an open upload/answer task of the viewer: then the
    task's link to the aanvulling form is the one way to send what was asked
    (docs/decisions/0030, 4), and the case page hides the generic "Document
    sturen" form. No query of its own."""
    request = context.get("request")
    if request is None or case is None:
        return False
    return bool(supplement_tasks_among(open_tasks_for_request(request), case))
