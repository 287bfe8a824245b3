"""What a citizen may send about a case today, and the terms that decide it.

Used by the case page (which buttons and countdowns to show), the forms and
`messaging.services` (which refuses what is not allowed), so the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from cases.models import Case
from documents.models import Document, DocumentKind
from identity.acting import Subject

from . import terms
from .kinds import SUPPLEMENT_TASK_KINDS, MessageKind, TaskState
from .models import Message, Task
from .subjects import as_subject, subject_q


@dataclass(frozen=True)
class ObjectionTerm:
    decision: Document
    sent_on: date
    last_day: date
    days_left: int

    @property
    def is_late(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class KnownFacts:
    """A case's eligibility facts read once for a page that asks about every
    kind (the case page's buttons), instead of once per kind."""

    decisions: list[Document]
    supplement_tasks: list[Task]
    notice_of_default: bool


def decision_sent_on(decision: Document) -> date:
    """Awb 6:8 lid 1: the term starts the day after the decision was made known.
    Through the portal it is made known when it is placed on the case."""
    return timezone.localdate(decision.created_at)


def objection_term(decision: Document, today: date | None = None) -> ObjectionTerm:
    today = today or timezone.localdate()
    sent_on = decision_sent_on(decision)
    last_day = terms.objection_last_day(sent_on)
    return ObjectionTerm(
        decision=decision,
        sent_on=sent_on,
        last_day=last_day,
        days_left=terms.days_left(last_day, today),
    )


def decisions(case: Case) -> list[Document]:
    return list(case.documents.filter(kind=DocumentKind.DECISION).order_by("-created_at"))


def may_give_notice_of_default(
    case: Case, today: date | None = None, *, decisions: list[Document] | None = None
) -> bool:
    """Awb 4:17: only when the decision term has passed without a decision, and once.
    `decisions`: the case's decisions when the caller already read them (the case page)."""
    today = today or timezone.localdate()
    return (
        not case.is_closed
        and case.planned_end_on < today
        and not (
            decisions
            if decisions is not None
            else case.documents.filter(kind=DocumentKind.DECISION).exists()
        )
        and not Message.objects.filter(case=case, kind=MessageKind.INGEBREKESTELLING).exists()
    )


def views_last_day(case: Case) -> date | None:
    """The last day for a zienswijze while the case's status has a draft decision
    open for views (Awb 4:8 / 3:15); None when it has none."""
    status = case.current_status
    if status is None or not status.status_type.views_term_days:
        return None
    return terms.views_last_day(
        timezone.localdate(status.set_at), status.status_type.views_term_days
    )


def may_give_view(case: Case, today: date | None = None) -> bool:
    last_day = views_last_day(case)
    return last_day is not None and (today or timezone.localdate()) <= last_day


def open_supplement_tasks(case: Case, subject: Subject | str) -> list[Task]:
    """The subject's open supplement tasks on `case` (a str is a BSN)."""
    return list(
        Task.objects.filter(
            subject_q(as_subject(subject)),
            case=case,
            state=TaskState.OPEN,
            kind__in=SUPPLEMENT_TASK_KINDS,
        ).order_by("due_on", "created_at")
    )


def supplement_tasks_among(tasks: list[Task], case: Case) -> list[Task]:
    """`open_supplement_tasks` picked from the viewer's open tasks already read
    for the page (task_selectors.open_tasks_for_request, in due order): no query."""
    return [t for t in tasks if t.case_id == case.pk and t.kind in SUPPLEMENT_TASK_KINDS]


def may_send_supplement(
    case: Case, subject: Subject | str, *, supplement_tasks: list[Task] | None = None
) -> bool:
    """Awb 4:5: a supplement while the case is being handled: when asked for
    (an open task or an "action required" status), or uploads are open.
    `supplement_tasks`: the open supplement tasks when the caller already has them."""
    if case.is_closed:
        return False
    status = case.current_status
    if supplement_tasks is None:
        supplement_tasks = open_supplement_tasks(case, subject)
    return bool(
        supplement_tasks
        or case.citizen_may_upload()
        or (status is not None and status.status_type.action_required)
    )
