"""Mijn verzonden berichten: what the citizen sent, its receipt and its
evidence ledger (Wmebv: the body bears the burden of proof; the citizen keeps
an afschrift, Awb 2:13 and onwards). Another citizen's message is 404."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from identity.access_log import AccessAction
from identity.decorators import citizen_required
from messaging import ledger, receipts, selectors
from messaging.details import labelled_details
from messaging.kinds import Direction, EvidenceKind
from messaging.models import EvidenceEvent, Message

from .common import log_message_access

PAGE_SIZE = 20


@dataclass(frozen=True)
class LedgerStep:
    text: str
    at: datetime


def ledger_steps(message: Message) -> list[LedgerStep]:
    """The ledger as sentences the citizen reads ("ontvangen door ... op ...")."""
    agency = message.agency.name
    sentences: dict[str, str] = {
        EvidenceKind.SUBMITTED: _("Verzonden"),
        EvidenceKind.RECEIPT_ISSUED: _("Ontvangstbevestiging gemaakt"),
        EvidenceKind.DELIVERED_TO_AGENCY: _("Ontvangen door %(agency)s") % {"agency": agency},
        EvidenceKind.TAKEN_INTO_HANDLING: _("In behandeling genomen door %(agency)s")
        % {"agency": agency},
        EvidenceKind.HANDLED: _("Afgehandeld door %(agency)s") % {"agency": agency},
    }
    events = EvidenceEvent.objects.filter(message=message).order_by("sequence")
    return [
        LedgerStep(
            text=sentences.get(event.kind) or str(EvidenceKind(event.kind).label),
            at=timezone.localtime(event.at),
        )
        for event in events
    ]


def _sent_messages(request):
    return selectors.messages_for_citizen(context=request.acting).filter(
        direction=Direction.TO_AGENCY, is_formal=True
    )


def _no_store(response: HttpResponse) -> HttpResponse:
    # Also under /en/, which portal.middleware's /mijn/ prefix does not cover.
    response["Cache-Control"] = "no-store"
    return response


@citizen_required
@require_http_methods(["GET", "HEAD"])
def sent(request):
    page = Paginator(_sent_messages(request), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _no_store(
        render(
            request,
            "messaging/sent.html",
            {
                "page": page,
                "rows": [(m, receipts.message_reference(m)) for m in page.object_list],
            },
        )
    )


def _message_or_404(request, public_id, *, sent_only: bool = True) -> Message:
    """The citizen's own message; the sent pages show only what they sent (the
    inbox of issue 18 shows the rest), the ledger downloads serve both directions."""
    message = selectors.message_for_citizen(context=request.acting, public_id=public_id)
    if sent_only and message.direction != Direction.TO_AGENCY:
        raise Http404
    return message


@citizen_required
@require_http_methods(["GET", "HEAD"])
def sent_detail(request, public_id):
    message = _message_or_404(request, public_id)
    log_message_access(request, message, AccessAction.VIEWED)
    return _no_store(
        render(
            request,
            "messaging/sent_detail.html",
            {
                "message": message,
                "reference": receipts.message_reference(message),
                "details": labelled_details(message.details),
                "attachments": [a.document for a in message.attachments.select_related("document")],
                "steps": ledger_steps(message),
                "case": message.case,
                "opened_case": message.opened_case,
            },
        )
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@citizen_required
@require_http_methods(["GET", "HEAD"])
def ledger_pdf(request, public_id):
    message = _message_or_404(request, public_id, sent_only=False)
    log_message_access(request, message, AccessAction.DOWNLOADED)
    # Rendered in the request: reading the ledger takes no lock and writes nothing.
    language = "en" if (get_language() or "").startswith("en") else "nl"
    pdf = receipts.ledger_pdf(message, language=language)
    filename = f"bewijs-{receipts.message_reference(message)}.pdf"
    return _attachment(pdf, "application/pdf", filename)


@citizen_required
@require_http_methods(["GET", "HEAD"])
def ledger_json(request, public_id):
    message = _message_or_404(request, public_id, sent_only=False)
    log_message_access(request, message, AccessAction.DOWNLOADED)
    content = json.dumps(ledger.ledger_export(message), ensure_ascii=False, indent=2)
    filename = f"bewijs-{receipts.message_reference(message)}.json"
    return _attachment(content.encode(), "application/json", filename)
