"""Reads of messaging, always through the acting context (cases.viewer):
another citizen's message, thread or task is not found (404), never forbidden.

Messages, threads and tasks are keyed by the subject (messaging.subjects,
decision 0049): a person's BSN, or a business's KvK number (and branch, when
the mandate is limited to one); a mandate scoped to agencies or case types
sees only those agencies' / case types'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cases.models import Agency, Case, Confidentiality, StatusUpdate
from cases.viewer import resolve
from documents.models import Document
from identity.acting import ActingContext
from identity.models import User
from portal import empty_reads

from .kinds import Direction, TaskState
from .models import Message, Task, Thread
from .subjects import subject_q


def _context(context: ActingContext | None, user: User | None) -> ActingContext:
    context = resolve(context=context, user=user)
    if context is None or not context.is_current():
        raise Http404
    return context


def _scoped(queryset: QuerySet, context: ActingContext) -> QuerySet:
    """The subject's rows within the mandate's scope (agency slugs; case type
    codes, and the case types a mandate's services open: only rows of a case
    of such a type)."""
    queryset = queryset.filter(subject_q(context.subject))
    if context.agencies:
        queryset = queryset.filter(agency__slug__in=sorted(context.agencies))
    if context.case_types:
        queryset = queryset.filter(case__case_type__code__in=sorted(context.case_types))
    if context.services:
        queryset = queryset.filter(case__case_type_id__in=sorted(context.service_case_types))
    return queryset


def messages_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None
) -> QuerySet[Message]:
    return (
        _scoped(Message.objects.all(), _context(context, user))
        .select_related("agency", "case", "opened_case", "receipt")
        .order_by("-sent_at", "-id")
    )


def message_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, public_id
) -> Message:
    message = messages_for_citizen(context=context, user=user).filter(public_id=public_id).first()
    if message is None:
        raise Http404
    return message


def thread_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, public_id
) -> Thread:
    thread = (
        _scoped(Thread.objects.all(), _context(context, user)).filter(public_id=public_id).first()
    )
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


def tasks_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, states=(TaskState.OPEN,)
) -> QuerySet[Task]:
    return (
        _scoped(Task.objects.all(), _context(context, user))
        .filter(state__in=states)
        .select_related("agency", "case")
        .order_by("due_on", "created_at")
    )


def task_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, public_id
) -> Task:
    task = (
        tasks_for_citizen(context=context, user=user, states=TaskState.values)
        .filter(public_id=public_id)
        .first()
    )
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


# --- Issue 18: the citizen's inbox, unread count and the case timeline ---------


def threads_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, archived: bool = False
) -> QuerySet[Thread]:
    """The citizen's conversations, newest first, each with its number of
    unread messages from the agency and whether it is archived (one query)."""
    unread = Count(
        "messages",
        filter=Q(messages__direction=Direction.TO_CITIZEN, messages__first_opened_at__isnull=True),
    )
    active = Count("messages", filter=Q(messages__archived_by_citizen=False))
    threads = (
        _scoped(Thread.objects.all(), _context(context, user))
        .select_related("agency", "case")
        .annotate(unread=unread, active=active)
        .order_by("-last_message_at", "-id")
    )
    return threads.filter(active=0) if archived else threads.filter(active__gt=0)


def unread_count(*, context: ActingContext | None = None, user: User | None = None) -> int:
    """Messages to the subject not opened yet (one query; 0 without a context)."""
    context = resolve(context=context, user=user)
    if context is None or not context.is_current():
        return 0
    return (
        _scoped(Message.objects.all(), context)
        .filter(direction=Direction.TO_CITIZEN, first_opened_at__isnull=True)
        .count()
    )


def thread_messages(thread: Thread) -> list[Message]:
    """A conversation oldest first, with attachments and postal letters (three queries)."""
    return list(
        thread.messages.select_related("agency", "message_type", "postal_letter")
        .prefetch_related("attachments__document")
        .order_by("sent_at", "id")
    )


def thread_for_caseworker(*, agencies, public_id) -> Thread:
    thread = (
        Thread.objects.filter(agency__in=agencies, public_id=public_id)
        .select_related("agency", "case")
        .first()
    )
    if thread is None:
        raise Http404
    return thread


@dataclass(frozen=True)
class TimelineItem:
    """One entry of a case's timeline: a status, a message or a document."""

    kind: str  # "status" | "message" | "document"
    at: datetime
    item: object


_CASE_PAGE_MESSAGES = "_case_page_messages"
# portal.empty_reads: the messages of one case (and those that opened it).
CASE_MESSAGES_SCOPE = "case-messages"


def case_page_messages(case: Case) -> list[Message]:
    """The messages the case page shows, read once per (authorised) case instance:
    the case's own, for the history, and those that opened it (a bezwaar or
    klacht about another case opens this one), for "Uw berichten over deze zaak".
    With their thread, agency, attachments and ledger events, so neither list
    reads more per message. Prefetched, not joined: most cases have no messages,
    and then the page pays one narrow query instead of a 50-column join (issue
    21); with messages it is five queries whatever their number. Unordered:
    both lists sort what they show."""
    cached = getattr(case, _CASE_PAGE_MESSAGES, None)
    if cached is None:
        # Most cases have none: remembered until a message of the case is written
        # (portal.empty_reads; messaging.receivers moves it on).
        probe = empty_reads.probe(CASE_MESSAGES_SCOPE, case.pk)
        cached = (
            []
            if probe.empty
            else list(
                Message.objects.filter(Q(case=case) | Q(opened_case=case))
                .order_by()
                .prefetch_related("thread", "agency", "attachments__document", "evidence")
            )
        )
        if not cached:
            empty_reads.remember_empty(probe)
        setattr(case, _CASE_PAGE_MESSAGES, cached)
    return cached


def case_timeline(
    case: Case,
    *,
    statuses: list[StatusUpdate] | None = None,
    documents: list[Document] | None = None,
    messages: list[Message] | None = None,
) -> list[TimelineItem]:
    """Statuses, messages (both directions) and documents of a case together,
    newest first, in three queries whatever their number (none of its own when the
    case page passes the `statuses`, citizen-visible `documents` and
    `case_page_messages` it already read). Documents sent with a message show
    under the message, not twice."""
    if statuses is None:
        statuses = list(StatusUpdate.objects.filter(case=case).select_related("status_type"))
    if messages is None:
        messages = list(
            Message.objects.filter(case=case)
            .select_related("thread", "agency")
            .prefetch_related("attachments__document")
        )
    else:
        messages = [m for m in messages if m.case_id == case.pk]
    attached = {a.document_id for m in messages for a in m.attachments.all()}
    if documents is None:
        visible = Confidentiality.citizen_visible()
        documents = list(Document.objects.filter(case=case, confidentiality__in=visible))
    documents = [d for d in documents if d.pk not in attached]
    items = [TimelineItem("status", s.set_at, s) for s in statuses]
    items += [TimelineItem("message", m.sent_at, m) for m in messages]
    items += [TimelineItem("document", d.created_at, d) for d in documents]
    return sorted(items, key=lambda entry: entry.at, reverse=True)
