"""What the citizen sees of one task: texts in their language, how urgent it
is, where to do it, and for a finished task what was received.

Computed once per task in Python from rows the selectors already loaded, so
presenting adds no query (the panel on Mijn overzicht and Mijn taken alike).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from cases.models import Agency

from .kinds import SUPPLEMENT_TASK_KINDS, MessageKind, TaskState
from .models import Task

# Issue 21: "tasks with a deadline within 7 days are highlighted".
SOON_DAYS = 7


@dataclass(frozen=True)
class Received:
    """The confirmation of a completed task: the message that completed it."""

    subject: str
    sent_at: datetime
    file_names: list[str]
    url: str  # messaging:sent_detail, or "" while that page is not there


@dataclass(frozen=True)
class TaskView:
    public_id: str
    kind: str
    kind_label: str
    title: str
    reason: str
    agency: Agency
    case_title: str
    case_reference: str
    case_url: str
    state: str
    due_on: date | None
    days_left: int | None  # negative when overdue
    action_url: str  # where to do it in Open Loket ("" for pay and appointment)
    finished_on: datetime | None = None
    received: Received | None = None
    contact: dict = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.state == TaskState.OPEN

    @property
    def is_completed(self) -> bool:
        return self.state == TaskState.COMPLETED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.days_left is not None and self.days_left < 0

    @property
    def is_due_soon(self) -> bool:
        """Due today or within SOON_DAYS (not yet overdue): highlighted."""
        return self.is_open and self.days_left is not None and 0 <= self.days_left <= SOON_DAYS

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def _in_language(dutch: str, english: str) -> str:
    language = translation.get_language() or "nl"
    return english if language.startswith("en") and english else dutch


def _reverse_or_empty(name: str, *args, **kwargs) -> str:
    """The URL, or "" while the page is built on another branch (issue 17's
    aanvulling form and sent messages are merged separately)."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def supplement_url(task: Task) -> str:
    """The aanvulling form for this task (docs/decisions/0030 point 4); the case
    page (its upload form) until that form is on this branch."""
    case = task.case
    if case is None or task.kind not in SUPPLEMENT_TASK_KINDS:
        return ""
    compose = _reverse_or_empty(
        "messaging:compose",
        agency=case.agency.slug,
        reference=case.reference,
        kind=MessageKind.AANVULLING.value,
    )
    if compose:
        return f"{compose}?taak={task.public_id}"
    return case.get_absolute_url()


def _received(task: Task) -> Received | None:
    message = task.completed_by
    if task.state != TaskState.COMPLETED or message is None:
        return None
    return Received(
        subject=message.subject,
        sent_at=message.sent_at,
        file_names=[a.document.original_filename for a in message.attachments.all()],
        url=_reverse_or_empty("messaging:sent_detail", message.public_id),
    )


def present_task(task: Task, *, today: date | None = None) -> TaskView:
    today = today or timezone.localdate()
    case = task.case
    agency = task.agency
    return TaskView(
        public_id=str(task.public_id),
        kind=task.kind,
        kind_label=task.get_kind_display(),
        title=_in_language(task.title, task.title_en),
        reason=_in_language(task.reason, task.reason_en),
        agency=agency,
        case_title=case.title if case else "",
        case_reference=case.reference if case else "",
        case_url=case.get_absolute_url() if case else "",
        state=task.state,
        due_on=task.due_on,
        days_left=(task.due_on - today).days if task.due_on else None,
        action_url=supplement_url(task) if task.state == TaskState.OPEN else "",
        finished_on=task.completed_at or task.cancelled_at,
        received=_received(task),
        contact={"phone": agency.phone, "email": agency.email, "website": agency.website},
    )
