"""Reads of tasks for Mijn taken, the overview's tasks panel and the counts in
the navigation: a fixed number of queries whatever the number of tasks or
cases (issue 21: "the tasks panel may not add queries per case").

Another citizen's task is never in these lists: every read filters on the
viewer's own BSN (messaging.selectors._bsn answers 404 without one).
"""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce

from identity.models import User

from .kinds import TaskState
from .models import Attachment, Task

# Finished tasks shown as a confirmation; older ones stay in the messages.
FINISHED_SHOWN = 50
_REQUEST_CACHE = "_messaging_open_tasks"


def _open_tasks(bsn: str) -> list[Task]:
    return list(
        Task.objects.filter(citizen_bsn=bsn, state=TaskState.OPEN)
        .select_related("agency", "case__agency")
        # The most urgent first; a task without a deadline after those with one.
        .order_by(F("due_on").asc(nulls_last=True), "created_at", "id")
    )


def open_tasks_for_request(request) -> list[Task]:
    """The viewer's open tasks, read once per request: the navigation's count,
    the overview's panel and Mijn taken share this one query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "bsn", ""):
        return []
    cached = getattr(request, _REQUEST_CACHE, None)
    if cached is None:
        cached = _open_tasks(user.bsn)
        setattr(request, _REQUEST_CACHE, cached)
    return cached


def finished_tasks_for_citizen(*, user: User) -> list[Task]:
    """Completed and cancelled tasks with the message that completed them and
    its attachments (two extra queries, not one per task)."""
    if not user.is_authenticated or not user.bsn:
        return []
    return list(
        Task.objects.filter(
            citizen_bsn=user.bsn, state__in=[TaskState.COMPLETED, TaskState.CANCELLED]
        )
        .select_related("agency", "case__agency", "completed_by")
        .prefetch_related(
            Prefetch(
                "completed_by__attachments",
                queryset=Attachment.objects.select_related("document").order_by("id"),
            )
        )
        .order_by(Coalesce("completed_at", "cancelled_at").desc(), "-id")[:FINISHED_SHOWN]
    )
