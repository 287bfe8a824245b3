"""What the citizen pages of messaging share: the case and the message fetched
for the acting context (404 for others'), and their access-log entries, which
go to the subject and name the actor (Actor.acting)."""

from __future__ import annotations

from django.http import Http404

from cases import selectors as case_selectors
from cases.models import Case
from cases.viewer import view_purpose
from identity.access_log import log_subject_access
from identity.actors import Actor
from messaging.models import Message
from messaging.receipts import message_reference


def case_or_404(request, agency: str, reference: str) -> Case:
    try:
        return case_selectors.case_for_citizen(
            context=request.acting, agency=agency, reference=reference
        )
    except Case.DoesNotExist:
        raise Http404 from None


def log_page_access(request, *, action: str, organisation: str = "", **fields) -> None:
    """An access-log entry for the subject of the page's context, by its actor
    (a representative reads as "<name> (<basis>)"); purpose: cases.viewer.view_purpose."""
    actor = Actor.acting(request.user, request.acting)
    log_subject_access(
        subject=request.acting.subject,
        actor=actor,
        action=action,
        purpose=view_purpose(request.acting),
        organisation=actor.organisation or organisation,
        **fields,
    )


def log_message_access(request, message: Message, action: str) -> None:
    """Audit a view or download of a message (AVG art. 30)."""
    case = message.opened_case or message.case
    log_page_access(
        request,
        action=action,
        object_kind="message",
        object_label=f"{message.get_kind_display()} {message_reference(message)}",
        organisation=case.agency.name if case is not None else message.agency.name,
        detail={"message": str(message.public_id)},
    )
