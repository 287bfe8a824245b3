"""Tasks for the citizen through the agency API (issue 21): an agency's case
system asks the citizen to do something by a date (POST), and reads what it
asked and whether it was done (GET). Written through messaging.services, like
the back office's task screen, so the citizen sees the same task in Mijn taken,
gets the same reminder and completes it by the same supplement.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema

from messaging import services
from messaging.kinds import TaskKind, TaskOrigin, TaskState
from messaging.models import Task

from .auth import caller
from .catalogue import ERRORS, POST_ERRORS
from .idempotency import HEADER, run_idempotent
from .recipients import RecipientIn, involved_or_problem, recipient
from .schemas import SaneDate, Text
from .zaken import _field_problem, log_read, own_case

router = Router(tags=["taken"])


class TaskIn(RecipientIn):
    """A task for a person (`bsn`) or a business (`kvk`, optionally `branch`)
    with a role on the zaak."""

    kind: TaskKind
    title: Text(200, 1)
    title_en: Text(200) = ""
    reason: Text(2000) = ""
    reason_en: Text(2000) = ""
    due_on: SaneDate | None = None


class TaskOut(Schema):
    id: UUID
    kind: TaskKind
    title: str
    title_en: str
    reason: str
    reason_en: str
    due_on: date | None
    state: TaskState
    origin: TaskOrigin
    created_at: datetime
    completed_at: datetime | None
    cancelled_at: datetime | None
    # The citizen's aanvulling that completed it (an upload or answer task).
    completed_by_message: UUID | None


def task_out(task: Task) -> dict:
    return TaskOut(
        id=task.public_id,
        kind=task.kind,
        title=task.title,
        title_en=task.title_en,
        reason=task.reason,
        reason_en=task.reason_en,
        due_on=task.due_on,
        state=task.state,
        origin=task.origin,
        created_at=task.created_at,
        completed_at=task.completed_at,
        cancelled_at=task.cancelled_at,
        completed_by_message=task.completed_by.public_id if task.completed_by else None,
    ).model_dump(mode="json")


def task_key(request: HttpRequest, idempotency_key: str | None) -> str:
    """The task's own idempotency key: per client (two systems of one agency may
    use the same key) and short enough for the column, whatever the header's length."""
    if not idempotency_key:
        return ""
    client = caller(request).client
    return "api-" + hashlib.sha256(f"{client.pk}:{idempotency_key}".encode()).hexdigest()


@router.post(
    "/zaken/{reference}/taken",
    response={201: TaskOut, 200: TaskOut, **POST_ERRORS},
    summary="Ask the citizen to do something (a task)",
)
def create_task(
    request: HttpRequest,
    reference: str,
    payload: TaskIn,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    """Create a task for a citizen or a business with a role on the case. It appears in the
    citizen's Mijn taken; an `upload` or `answer` task is completed by the
    citizen's aanvulling. A retry with the same `Idempotency-Key` returns the
    first task (200 once the stored response has expired)."""
    api = caller(request)

    def action():
        case = own_case(request, reference)
        if case.is_closed:
            raise _field_problem(
                "reference", "case_closed", _("Deze zaak is afgerond; vraag niets meer.")
            )
        subject = recipient(payload)
        involved_or_problem(case, subject)
        key = task_key(request, idempotency_key)
        if key and (
            existing := Task.objects.filter(agency=api.agency, idempotency_key=key).first()
        ):
            # The stored response expired (24 hours) but the task is there.
            return 200, task_out(existing)
        task = services.create_task(
            actor=api.actor,
            agency=api.agency,
            case=case,
            party=subject,
            kind=payload.kind,
            title=payload.title,
            title_en=payload.title_en,
            reason=payload.reason,
            reason_en=payload.reason_en,
            due_on=payload.due_on,
            origin=TaskOrigin.API,
            idempotency_key=key,
        )
        return 201, task_out(task)

    return run_idempotent(
        request, key=idempotency_key, body=payload.model_dump(mode="json"), action=action
    )


@router.get(
    "/zaken/{reference}/taken",
    response={200: list[TaskOut], **ERRORS},
    summary="List the tasks of a zaak",
)
def list_tasks(request: HttpRequest, reference: str):
    """Every task on the case, open or not, oldest first."""
    case = own_case(request, reference)
    log_read(request, case, "tasks")
    tasks = (
        Task.objects.filter(case=case).select_related("completed_by").order_by("created_at", "id")
    )
    return [task_out(task) for task in tasks]
