"""Citizens' formal messages (and questions) on the caseworker's case screen
(issue 17, agency side; docs/decisions/0030).

A message shows on the case it is about and on the case it opened (a bezwaar
or klacht opens its own case), so the objection case and the original case
link to each other. Everything starts from `case_for_caseworker`: a message
of another agency's case is a 404 for the panel, the actions and the
downloads, exactly like one that does not exist.

Showing a message to a caseworker is the agency receiving it: the ledger gets
"delivered_to_agency" once (messaging.services.record_agency_opened) and the
citizen reads "ontvangen door de gemeente" (Awb 2:14/Wmebv: the body bears the
burden of proof of receipt).
"""

from __future__ import annotations

import json

from django.contrib import messages as flash
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.ui.components import Component

from cases.models import Case
from identity.access_log import AccessAction
from identity.actors import Actor
from messaging import ledger, services
from messaging.details import labelled_details
from messaging.kinds import Direction, EvidenceKind
from messaging.models import Message
from messaging.receipts import ledger_pdf, message_reference
from messaging.subjects import log_case_access_for, subject_of

from .selectors import case_for_caseworker


def messages_for_case(case: Case) -> QuerySet[Message]:
    """The citizen's messages about `case` or that opened it (the caller
    authorised the case)."""
    return (
        Message.objects.filter(direction=Direction.TO_AGENCY)
        .filter(Q(case=case) | Q(opened_case=case))
        .select_related("agency", "case", "opened_case", "receipt", "related_document")
        .prefetch_related("attachments__document", "evidence")
        .order_by("-sent_at", "-id")
    )


def _item(message: Message, case: Case) -> dict:
    # The other case of the pair (original <-> objection), shown as a link.
    linked = message.opened_case if message.case_id == case.pk else message.case
    return {
        "message": message,
        "reference": message_reference(message),
        "details": labelled_details(message.details),
        "attachments": [attachment.document for attachment in message.attachments.all()],
        "events": sorted(message.evidence.all(), key=lambda event: event.sequence),
        "linked_case": linked if linked is not None and linked.pk != case.pk else None,
        "opened_here": message.opened_case_id == case.pk,
        "taken": any(e.kind == EvidenceKind.TAKEN_INTO_HANDLING for e in message.evidence.all()),
    }


class FormalMessagesPanel(Component):
    template_name = "backoffice/formal_messages_panel.html"

    def __init__(self, *, request, case: Case, items: list[dict]):
        self.request = request
        self.case = case
        self.items = items

    def get_context_data(self, parent_context=None):
        # A component renders with a plain dict: the action forms need the token.
        return {"case": self.case, "items": self.items, "csrf_token": get_token(self.request)}


def formal_messages_panel(*, request, case: Case) -> FormalMessagesPanel | None:
    """The panel for the case screen (backoffice.panels hook); records that the
    agency received each message it shows (before reading the ledgers it shows)."""
    actor = Actor.caseworker(request.user, agency=case.agency)
    shown = 0
    for message in Message.objects.filter(direction=Direction.TO_AGENCY).filter(
        Q(case=case) | Q(opened_case=case)
    ):
        services.record_agency_opened(message=message, actor=actor)
        shown += 1
    if not shown:
        return None
    items = [_item(message, case) for message in messages_for_case(case)]
    return FormalMessagesPanel(request=request, case=case, items=items)


def _message(request, pk: int, public_id) -> tuple[Case, Message]:
    """The message on one of the caseworker's cases; anything else is a 404."""
    try:
        case = case_for_caseworker(user=request.user, pk=pk)
    except Case.DoesNotExist:
        raise Http404 from None
    message = messages_for_case(case).filter(public_id=public_id).first()
    if message is None:
        raise Http404
    return case, message


def _log(case: Case, message: Message, request, action: str, what: str) -> None:
    log_case_access_for(
        subject_of(message),
        case=case,
        actor=Actor.caseworker(request.user, agency=case.agency),
        action=action,
        object_kind=what,
        object_label=(
            f"{message.get_kind_display()} {message_reference(message)} ({case.reference})"
        ),
        detail={"message": str(message.public_id)},
    )


@require_POST
def take_into_handling(request, pk: int, public_id):
    case, message = _message(request, pk, public_id)
    services.take_into_handling(
        message=message, actor=Actor.caseworker(request.user, agency=case.agency)
    )
    _log(case, message, request, AccessAction.CHANGED, "message")
    flash.success(request, _("Het bericht is in behandeling genomen."))
    return redirect("cases_backoffice:detail", pk=case.pk)


@require_POST
def mark_handled(request, pk: int, public_id):
    case, message = _message(request, pk, public_id)
    services.mark_handled(message=message, actor=Actor.caseworker(request.user, agency=case.agency))
    _log(case, message, request, AccessAction.CHANGED, "message")
    flash.success(request, _("Het bericht is afgehandeld."))
    return redirect("cases_backoffice:detail", pk=case.pk)


def _download(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def ledger_json(request, pk: int, public_id):
    case, message = _message(request, pk, public_id)
    _log(case, message, request, AccessAction.DOWNLOADED, "message_ledger")
    body = json.dumps(ledger.ledger_export(message), ensure_ascii=False, indent=2).encode()
    return _download(body, f"{message_reference(message)}-bewijs.json", "application/json")


@require_GET
def ledger_pdf_download(request, pk: int, public_id):
    case, message = _message(request, pk, public_id)
    _log(case, message, request, AccessAction.DOWNLOADED, "message_ledger")
    return _download(
        ledger_pdf(message, language="en" if request.LANGUAGE_CODE.startswith("en") else "nl"),
        f"{message_reference(message)}-bewijs.pdf",
        "application/pdf",
    )
