"""Demo data: a decision template for Zoetermeer's omgevingsvergunning and the
decision PDF on demo case 3 ("Schutting in de voortuin", 999993653), so the
citizen can download it and "Controleer een document" can confirm it. Idempotent:
the template by (case type, name), the decision by its request's idempotency key."""

from __future__ import annotations

from cases.actors import Actor
from cases.models import Case, CaseType

from . import services
from .models import DecisionRequest, DecisionTemplate, Document, DocumentKind

TEMPLATE_NAME = "Besluit omgevingsvergunning (standaard)"


def seed(out) -> None:
    case_type = CaseType.objects.filter(
        agency__slug="zoetermeer", code="omgevingsvergunning"
    ).first()
    if case_type is None:
        out.write("documents: no Zoetermeer omgevingsvergunning case type; skipped.")
        return
    # Not get_or_create: (case type, name) is not unique, and an editor may
    # have copied the template under the same name (issue 15.1).
    template = DecisionTemplate.objects.filter(
        case_type=case_type, name=TEMPLATE_NAME
    ).first() or DecisionTemplate.objects.create(
        case_type=case_type,
        name=TEMPLATE_NAME,
        letterhead="Postbus 15\n2700 AA Zoetermeer\nTelefoon 14 079",
        body=(
            "Op {besluitdatum} hebben wij besloten over uw aanvraag "
            "\u201c{zaak}\u201d.\n\n{besluittekst}\n\n"
            "De vergunning is persoonlijk en geldt voor het adres in uw aanvraag."
        ),
        signature="Met vriendelijke groet,\n\nnamens het college van burgemeester en "
        "wethouders van Zoetermeer,\n\nTeam Vergunningen",
    )
    case = Case.objects.filter(agency__slug="zoetermeer", external_id="demo-3").first()
    if case is None:
        return
    if Document.objects.filter(case=case, kind=DocumentKind.DECISION).exists():
        return
    request = DecisionRequest.objects.filter(case=case).first() or services.create_decision(
        case=case,
        template=template,
        decision_text="Wij verlenen u de omgevingsvergunning voor een schutting in de voortuin.",
        outcome="Vergunning verleend",
        actor=Actor.system("demo"),
        decision_date=case.closed_on,
        recipient_name="De heer J. de Vries",
        recipient_address="Dorpsstraat 1\n2712 AB Zoetermeer",
    )
    document = services.render_decision_document(decision_request_id=request.pk)
    out.write(f"documents: decision on demo case 3, SHA-256 {document.sha256}")
