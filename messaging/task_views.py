"""Mijn taken (issue 21): what agencies ask the citizen to do, by when, and
what was received for the tasks that are done.

Reads go through `messaging.task_selectors` (one query for all open tasks, one
plus prefetches for the finished ones); nothing here writes. Completing an
upload or answer task happens on the aanvulling form (messaging:compose with
?taak=<uuid>, docs/decisions/0030 point 4), never on this page.
"""

from __future__ import annotations

from django.shortcuts import render

from identity.decorators import citizen_required

from .task_presenters import present_task
from .task_selectors import finished_tasks_for_citizen, open_tasks_for_request


@citizen_required
def tasks(request):
    # Not logged in the access log, like Mijn overzicht (cases/views.py): the
    # citizen's own list discloses nothing to anyone else.
    open_tasks = [present_task(task) for task in open_tasks_for_request(request)]
    finished = [present_task(task) for task in finished_tasks_for_citizen(context=request.acting)]
    return render(
        request,
        "messaging/tasks.html",
        {"open_tasks": open_tasks, "finished_tasks": finished},
    )
