"""Reads of messaging, always through the viewer: another citizen's message,
thread or task is not found (404), never forbidden."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from cases.models import Agency, Case
from identity.models import User

from .kinds import TaskState
from .models import Message, Task, Thread


def _bsn(user: User) -> str:
    if not user.is_authenticated or not user.bsn:
        raise Http404
    return user.bsn


def messages_for_citizen(*, user: User) -> QuerySet[Message]:
    return (
        Message.objects.filter(citizen_bsn=_bsn(user))
        .select_related("agency", "case", "opened_case", "receipt")
        .order_by("-sent_at", "-id")
    )


def message_for_citizen(*, user: User, public_id) -> Message:
    message = messages_for_citizen(user=user).filter(public_id=public_id).first()
    if message is None:
        raise Http404
    return message


def thread_for_citizen(*, user: User, public_id) -> Thread:
    thread = Thread.objects.filter(citizen_bsn=_bsn(user), public_id=public_id).first()
    if thread is None:
        raise Http404
    return thread


def messages_on_case(*, case: Case) -> QuerySet[Message]:
    """The messages about a case, both directions (the caller authorised the case)."""
    return (
        Message.objects.filter(case=case)
        .select_related("agency", "opened_case", "receipt")
        .order_by("-sent_at", "-id")
    )


def tasks_for_citizen(*, user: User, states=(TaskState.OPEN,)) -> QuerySet[Task]:
    return (
        Task.objects.filter(citizen_bsn=_bsn(user), state__in=states)
        .select_related("agency", "case")
        .order_by("due_on", "created_at")
    )


def task_for_citizen(*, user: User, public_id) -> Task:
    task = tasks_for_citizen(user=user, states=TaskState.values).filter(public_id=public_id).first()
    if task is None:
        raise Http404
    return task


def messages_for_agencies(*, agencies: QuerySet[Agency] | list[Agency]) -> QuerySet[Message]:
    """What a caseworker may see: messages of their own agencies only."""
    return (
        Message.objects.filter(agency__in=agencies)
        .select_related("agency", "case", "opened_case")
        .order_by("-sent_at", "-id")
    )
