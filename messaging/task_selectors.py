"""Reads of tasks for Mijn taken, the overview's tasks panel and the counts in
the navigation: a fixed number of queries whatever the number of tasks or
cases (issue 21: "the tasks panel may not add queries per case").

Another citizen's task is never in these lists: every read filters on the
acting context's subject (a person's BSN or a business's KvK number and
branch, decision 0049) and scope (messaging.selectors._scoped).
"""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce

from cases.viewer import context_of, resolve
from identity.acting import ActingContext
from identity.models import User

from .kinds import TaskState
from .models import Attachment, Task
from .selectors import _scoped

# Finished tasks shown as a confirmation; older ones stay in the messages.
FINISHED_SHOWN = 50
_REQUEST_CACHE = "_messaging_open_tasks"


def _open_tasks(context: ActingContext) -> list[Task]:
    return list(
        _scoped(Task.objects.all(), context)
        .filter(state=TaskState.OPEN)
        .select_related("agency", "case__agency")
        # The most urgent first; a task without a deadline after those with one.
        .order_by(F("due_on").asc(nulls_last=True), "created_at", "id")
    )


def open_tasks_for_request(request) -> list[Task]:
    """The viewer's open tasks, read once per request: the navigation's count,
    the overview's panel and Mijn taken share this one query."""
    cached = getattr(request, _REQUEST_CACHE, None)
    if cached is None:
        context = context_of(request)
        if context is None or not context.is_current():
            return []
        cached = _open_tasks(context)
        setattr(request, _REQUEST_CACHE, cached)
    return cached


def finished_tasks_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None
) -> list[Task]:
    """Completed and cancelled tasks with the message that completed them and
    its attachments (two extra queries, not one per task)."""
    context = resolve(context=context, user=user)
    if context is None or not context.is_current():
        return []
    return list(
        _scoped(Task.objects.all(), context)
        .filter(state__in=[TaskState.COMPLETED, TaskState.CANCELLED])
        .select_related("agency", "case__agency", "completed_by")
        .prefetch_related(
            Prefetch(
                "completed_by__attachments",
                queryset=Attachment.objects.select_related("document").order_by("id"),
            )
        )
        .order_by(Coalesce("completed_at", "cancelled_at").desc(), "-id")[:FINISHED_SHOWN]
    )
