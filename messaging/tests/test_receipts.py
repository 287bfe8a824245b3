"""The receipt is the afschrift: full text, attachments with their hashes, server time."""

import io

import pikepdf
import pytest
from django.utils import timezone

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import receipts, services
from messaging.kinds import EvidenceKind, MessageKind

from .factories import objection_and_complaint_channels, upload

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_receipt_holds_the_text_the_attachment_hash_and_is_issued_once(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    sent = upload("foto.png")
    message = services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.KLACHT,
        body="Ik wachtte drie uur aan de balie.",
        details={"complaint_about": "De balie", "complaint_when": ""},
        uploads=[sent],
        idempotency_key="k",
        level=LevelOfAssurance.MIDDEN,
    )
    document = receipts.issue_receipt(message_id=message.pk)
    assert receipts.issue_receipt(message_id=message.pk).pk == document.pk
    assert message.evidence.filter(kind=EvidenceKind.RECEIPT_ISSUED).count() == 1
    pdf = document.file.read()
    text = _text(pdf)
    assert "Ik wachtte drie uur aan de balie." in text
    assert sent.sha256[:32] in text.replace("\n", "")
    assert "Niet ingevuld" in text
    assert timezone.localtime(message.sent_at).strftime("%H:%M:%S") in text
    with pikepdf.open(io.BytesIO(pdf)) as parsed:
        assert parsed.Root.get("/StructTreeRoot") is not None
        assert str(parsed.Root.Lang) == "nl"


def test_the_ledger_exports_as_pdf(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    message = services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.KLACHT,
        body="Klacht",
        idempotency_key="k",
        level=LevelOfAssurance.MIDDEN,
    )
    text = _text(receipts.ledger_pdf(message))
    assert message.evidence.get().hash[:20] in text.replace("\n", "")
