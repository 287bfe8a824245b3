"""The paper letter of a formal message the citizen did not consent to receive
digitally (Awb 2:8): rendered with documents' letter engine (letter_base,
paragraphs, render_pdf: tagged PDF/A) when the agency prints it. Name and
address come from the person (or business) registry at that moment (a logged lookup in the
agency's name), never from the sender."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from documents import addressing
from documents.letters import long_date, paragraphs
from documents.pdf import render_pdf
from identity.access_log import Purpose
from identity.business_registry import get_business_registry
from identity.registry import get_registry

from .consent_models import PostalLetter
from .receipts import message_reference


def postal_letter_pdf(letter: PostalLetter, *, viewer, language: str = "nl") -> bytes:
    """Raises identity.registry.RegistryUnavailable when the registry cannot answer."""
    message = letter.message
    person = None
    recipient_lines: list[str] = []
    if message.citizen_bsn:
        registry = get_registry(organisation=message.agency.name)
        person = registry.get_person(
            message.citizen_bsn, purpose=Purpose.CASE_HANDLING, viewer=viewer
        )
        if person is not None:
            recipient_lines = [addressing.address_name(person), *addressing.address_lines(person)]
    else:
        recipient_lines = _business_lines(message, viewer)
    with translation.override(language):
        title = f"{message.subject} ({message_reference(message)})"
        html = render_to_string(
            "messaging/pdf/postal_letter.html",
            {
                "language": language,
                "title": title,
                "agency_name": message.agency.name,
                "letterhead_lines": [],
                "recipient_lines": [line for line in recipient_lines if line.strip()],
                "salutation": addressing.salutation(person),
                "message": message,
                "reference": message_reference(message),
                "sent_on": long_date(timezone.localdate(message.sent_at), language),
                "action_by": long_date(message.expects_action_by, language),
                "body": paragraphs(message.body),
                "attachments": [a.document for a in message.attachments.select_related("document")],
            },
        )
    return render_pdf(html, title=title, language=language, author=message.agency.name)


def _business_lines(message, viewer) -> list[str]:
    """A business's name and (branch) address from the business registry
    (decision 0049), a logged lookup in the agency's name like a person's."""
    registry = get_business_registry(organisation=message.agency.name)
    business = registry.get_business(
        message.subject_kvk,
        purpose=Purpose.CASE_HANDLING,
        viewer=viewer,
        branch=message.subject_branch,
    )
    if business is None:
        return []
    address = business.address_for(message.subject_branch)
    lines = [address.line1, address.line2] if address else []
    return [business.name, *lines]
