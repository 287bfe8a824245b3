"""The receipt (ontvangstbevestiging) of a citizen's message and the ledger
export as PDF: both through documents' one PDF engine (tagged PDF/A).

The receipt is the afschrift the Wmebv entitles the citizen to: the agency,
the kind, the server time in Europe/Amsterdam, the full text and every
attachment's name, size and SHA-256. It is rendered by a task after the
message committed (messaging.tasks.render_receipt), never in the request.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from documents.models import Document, DocumentKind
from documents.pdf import render_pdf
from documents.services import cleanup_uncommitted_files, store_pdf
from identity.actors import Actor, ActorKind

from . import ledger
from .details import labelled_details
from .kinds import EvidenceKind
from .models import Message

SYSTEM = Actor.system("receipt")


def message_reference(message: Message) -> str:
    """A short, quotable reference for a message (not a secret: the URL uses the full id)."""
    return f"BER-{message.public_id.hex[:10].upper()}"


def _context(message: Message, language: str) -> dict:
    return {
        "language": language,
        "agency_name": message.agency.name,
        "letterhead_lines": [],
        "message": message,
        "reference": message_reference(message),
        "sent_at": timezone.localtime(message.sent_at),
        "details": labelled_details(message.details),
        "attachments": [a.document for a in message.attachments.select_related("document")],
        "case": message.opened_case or message.case,
        # Who sent it and for whom (decision 0049): a representative or a
        # business's employee by name and basis; a business by KvK number.
        "sent_by": message.sender_organisation
        if message.sender_kind == ActorKind.REPRESENTATIVE
        else "",
        "business_kvk": message.subject_kvk,
        "business_branch": message.subject_branch,
    }


def receipt_pdf(message: Message, language: str = "nl") -> bytes:
    with translation.override(language):
        context = _context(message, language)
        title = f"{translation.gettext('Ontvangstbevestiging')} {context['reference']}"
        html = render_to_string("messaging/pdf/receipt.html", {**context, "title": title})
    return render_pdf(html, title=title, language=language, author=message.agency.name)


def issue_receipt(*, message_id: int) -> Document:
    """Render and store the receipt, once per message, and record it in the ledger."""
    message = Message.objects.select_related("agency", "case", "opened_case").get(pk=message_id)
    if message.receipt_id is not None:
        return message.receipt
    case = message.opened_case or message.case
    if case is None:
        raise ValueError("A message without a case has no place for its receipt.")
    pdf = receipt_pdf(message)  # slow: outside any transaction, no lock held
    key = f"message-receipt:{message.public_id}"
    try:
        with transaction.atomic():
            locked = Message.objects.select_for_update().get(pk=message.pk)
            if locked.receipt_id is not None:
                return locked.receipt
            document = store_pdf(
                pdf=pdf,
                case=case,
                title=translation.gettext("Ontvangstbevestiging"),
                kind=DocumentKind.RECEIPT,
                actor=SYSTEM,
                idempotency_key=key,
            )
            locked.receipt = document
            locked.save(update_fields=["receipt"])
            ledger.append_evidence(
                message=locked,
                kind=EvidenceKind.RECEIPT_ISSUED,
                actor=SYSTEM,
                detail={
                    "document": str(document.public_id),
                    "sha256": hashlib.sha256(pdf).hexdigest(),
                },
            )
            return document
    except IntegrityError:
        return Document.objects.get(case=case, idempotency_key=key)
    finally:
        cleanup_uncommitted_files()


def ledger_pdf(message: Message, language: str = "nl") -> bytes:
    export = ledger.ledger_export(message)
    with translation.override(language):
        heading = translation.gettext("Bewijs van verzending en ontvangst")
        title = f"{heading} {message_reference(message)}"
        html = render_to_string(
            "messaging/pdf/ledger.html",
            {
                "language": language,
                "title": title,
                "agency_name": message.agency.name,
                "letterhead_lines": [],
                "message": message,
                "reference": message_reference(message),
                "export": export,
                "events": list(message.evidence.order_by("sequence")),
            },
        )
    return render_pdf(html, title=title, language=language, author=message.agency.name)
