"""Letters as HTML for render_pdf: decisions from editors' templates, receipts.

Editors and caseworkers write plain text. `fill()` replaces the known
{placeholders} with plain values and leaves everything else as it is; the result is
split into paragraphs and lines and handed to a Django template with autoescaping,
so "<script>" or "{{ settings.SECRET_KEY }}" in a template or a decision text is
printed literally - the text never goes through the template engine.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from .addressing import salutation
from .models import PLACEHOLDER_PATTERN, PLACEHOLDERS, DecisionTemplate


def fill(text: str, values: dict[str, str]) -> str:
    """Substitute {name} for the known placeholders (plain text in, plain text out)."""

    def replace(match):
        name = match.group(1)
        return values.get(name, "") if name in PLACEHOLDERS else match.group(0)

    return PLACEHOLDER_PATTERN.sub(replace, text)


def paragraphs(text: str) -> list[list[str]]:
    """Blank lines separate paragraphs; single newlines become line breaks."""
    blocks = [block.strip("\n") for block in text.replace("\r\n", "\n").split("\n\n")]
    return [[line.strip() for line in block.split("\n")] for block in blocks if block.strip()]


def long_date(day: date | None, language: str = "nl") -> str:
    if day is None:
        return ""
    with translation.override(language):
        return formats.date_format(day, "j F Y")


def decision_html(
    *,
    template: DecisionTemplate,
    case,
    decision_text: str,
    decision_date: date,
    objection_deadline: date,
    recipient_salutation: str = "",
    recipient_name: str = "",
    recipient_address: str = "",
    title: str = "",
    language: str = "nl",
) -> str:
    values = {
        "aanhef": recipient_salutation or salutation(None),
        "naam": recipient_name or "heer/mevrouw",
        "adres": recipient_address,
        "zaaknummer": case.reference,
        "zaak": case.title,
        "organisatie": case.agency.name,
        "besluittekst": decision_text,
        "besluitdatum": long_date(decision_date, language),
        "bezwaartermijn": long_date(objection_deadline, language),
    }
    with translation.override(language):
        return render_to_string(
            "documents/pdf/decision.html",
            {
                "language": language,
                "title": title or f"Besluit: {case.title}",
                "agency_name": case.agency.name,
                "letterhead_lines": fill(template.letterhead, values).splitlines(),
                "recipient_lines": [
                    line
                    for line in [recipient_name, *recipient_address.splitlines()]
                    if line.strip()
                ],
                "decision_date": decision_date,
                "case_reference": case.reference,
                "subject": case.title,
                "salutation": paragraphs(fill(template.salutation, values)),
                "body": paragraphs(fill(template.body, values)),
                "signature": paragraphs(fill(template.signature, values)),
                "objection": paragraphs(fill(template.objection, values)),
                "objection_instructions": paragraphs(fill(template.objection_instructions, values)),
                "verify_url": settings.PORTAL_BASE_URL + reverse("documents:verify"),
            },
        )


def receipt_html(
    *, case, submitted_at, answers: list[tuple[str, str]], language: str = "nl"
) -> str:
    """The receipt (ontvangstbevestiging) for a request: what was received, when."""
    with translation.override(language):
        return render_to_string(
            "documents/pdf/receipt.html",
            {
                "language": language,
                "title": f"Ontvangstbevestiging {case.reference}",
                "agency_name": case.agency.name,
                "letterhead_lines": [],
                "case": case,
                "submitted_at": submitted_at,
                "answers": answers,
            },
        )
