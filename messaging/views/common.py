"""What the citizen pages of messaging share: the case and the message fetched
for the viewer (404 for others'), and their access-log entries."""

from __future__ import annotations

from django.http import Http404

from cases import selectors as case_selectors
from cases.models import Case
from identity.access_log import Purpose, log_case_access, log_person_access
from identity.actors import Actor
from messaging.models import Message
from messaging.receipts import message_reference


def case_or_404(request, agency: str, reference: str) -> Case:
    try:
        return case_selectors.case_for_citizen(
            user=request.user, agency=agency, reference=reference
        )
    except Case.DoesNotExist:
        raise Http404 from None


def log_message_access(request, message: Message, action: str) -> None:
    """Audit the citizen's own view or download of a message (AVG art. 30)."""
    actor = Actor.citizen(request.user)
    label = f"{message.get_kind_display()} {message_reference(message)}"
    case = message.opened_case or message.case
    if case is not None:
        log_case_access(
            case=case,
            actor=actor,
            action=action,
            purpose=Purpose.OWN_VIEW,
            object_kind="message",
            object_label=label,
            detail={"message": str(message.public_id)},
            bsns=[request.user.bsn],
        )
    else:
        log_person_access(
            bsn=request.user.bsn,
            actor=actor,
            action=action,
            purpose=Purpose.OWN_VIEW,
            object_kind="message",
            object_label=label,
            organisation=message.agency.name,
            detail={"message": str(message.public_id)},
        )
