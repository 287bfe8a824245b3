"""Demo data: a decision template for every demo case type that ends in a decision
(one or more per demo agency), and the decision PDF on demo case 3 ("Schutting in
de voortuin", 999993653) and on the demo company's terrace permit (issue 19: the
company can object to it), so the citizen can download it and "Controleer een
document" can confirm it. Idempotent: a template by (case type, name), the
decision by its request's idempotency key. The decision is addressed by the
decision service from the person (or business) registry, like any other."""

from __future__ import annotations

from cases.models import Case, CaseType
from documents import services
from documents.models import DecisionRequest, DecisionTemplate, Document, DocumentKind
from identity.actors import Actor

TEMPLATE_NAME = "Besluit omgevingsvergunning (standaard)"

ZOETERMEER_OBJECTION = (
    "Stuur uw bezwaarschrift aan het college van burgemeester en wethouders van "
    "Zoetermeer, Postbus 15, 2700 AA Zoetermeer, of maak bezwaar via "
    "www.zoetermeer.nl/bezwaar met DigiD. Zet in uw brief uw naam, adres, de datum, "
    "waarom u het niet eens bent met het besluit en uw handtekening, en stuur een "
    "kopie van dit besluit mee."
)

# (agency slug, case type code, template name, letterhead, body, signature, objection)
DEMO_TEMPLATES = [
    (
        "zoetermeer",
        "omgevingsvergunning",
        TEMPLATE_NAME,
        "Postbus 15\n2700 AA Zoetermeer\nTelefoon 14 079",
        "Op {besluitdatum} hebben wij besloten over uw aanvraag \u201c{zaak}\u201d.\n\n"
        "{besluittekst}\n\n"
        "De vergunning is persoonlijk en geldt voor het adres in uw aanvraag.",
        "Met vriendelijke groet,\n\nnamens het college van burgemeester en "
        "wethouders van Zoetermeer,\n\nTeam Vergunningen",
        ZOETERMEER_OBJECTION,
    ),
    (
        # Issue 19: the demo company's terrace permit (demo/business.py).
        "zoetermeer",
        "terrasvergunning",
        "Besluit terrasvergunning (standaard)",
        "Postbus 15\n2700 AA Zoetermeer\nTelefoon 14 079",
        "Op {besluitdatum} hebben wij besloten over uw aanvraag \u201c{zaak}\u201d.\n\n"
        "{besluittekst}",
        "Met vriendelijke groet,\n\nnamens de burgemeester van Zoetermeer,\n\nTeam Vergunningen",
        ZOETERMEER_OBJECTION,
    ),
    (
        "zoetermeer",
        "bijzondere-bijstand",
        "Besluit bijzondere bijstand (standaard)",
        "Postbus 15\n2700 AA Zoetermeer\nTelefoon 14 079",
        "Wij hebben uw aanvraag \u201c{zaak}\u201d beoordeeld.\n\n{besluittekst}",
        "Met vriendelijke groet,\n\nnamens het college van burgemeester en "
        "wethouders van Zoetermeer,\n\nTeam Inkomen",
        ZOETERMEER_OBJECTION,
    ),
    (
        "belastingdienst",
        "voorlopige-aanslag-ib",
        "Besluit voorlopige aanslag (standaard)",
        "Postbus 9047\n7300 GJ Apeldoorn\nBelastingTelefoon 0800 0543",
        "Wij hebben uw verzoek \u201c{zaak}\u201d behandeld.\n\n{besluittekst}",
        "Met vriendelijke groet,\n\nde inspecteur van de Belastingdienst",
        "Stuur uw bezwaarschrift aan de Belastingdienst, Postbus 9047, 7300 GJ Apeldoorn, "
        "of maak bezwaar online via Mijn Belastingdienst. Vermeld uw naam, adres, de datum, "
        "het zaaknummer {zaaknummer} en waarom u het niet eens bent met het besluit, en "
        "onderteken uw brief.",
    ),
    (
        "uwv",
        "ww-uitkering",
        "Besluit WW-uitkering (standaard)",
        "Postbus 58285\n1040 HG Amsterdam\nTelefoon 088 898 92 94",
        "U hebt een WW-uitkering aangevraagd. Wij hebben besloten:\n\n{besluittekst}",
        "Met vriendelijke groet,\n\nUWV",
        "Maak bezwaar via Mijn UWV op www.uwv.nl/bezwaar, of stuur een brief aan UWV, "
        "Postbus 58285, 1040 HG Amsterdam. Vermeld uw naam, adres, burgerservicenummer, "
        "de datum, waarom u het niet eens bent met het besluit en uw handtekening.",
    ),
    (
        "rijnland",
        "kwijtschelding",
        "Besluit kwijtschelding (standaard)",
        "Postbus 156\n2300 AD Leiden\nTelefoon 071 306 30 63",
        "Wij hebben uw verzoek om kwijtschelding \u201c{zaak}\u201d beoordeeld.\n\n{besluittekst}",
        "Met vriendelijke groet,\n\nde invorderingsambtenaar van het Hoogheemraadschap "
        "van Rijnland",
        "Stuur uw bezwaarschrift aan de invorderingsambtenaar van het Hoogheemraadschap "
        "van Rijnland, Postbus 156, 2300 AD Leiden. Vermeld uw naam, adres, de datum, het "
        "zaaknummer {zaaknummer} en waarom u het niet eens bent met het besluit, en "
        "onderteken uw brief.",
    ),
]


def _seed_templates(out) -> dict[tuple[str, str], DecisionTemplate]:
    templates = {}
    for slug, code, name, letterhead, body, signature, objection in DEMO_TEMPLATES:
        case_type = CaseType.objects.filter(agency__slug=slug, code=code).first()
        if case_type is None:
            out.write(f"documents: no {slug} {code} case type; template skipped.")
            continue
        # Not get_or_create: (case type, name) is not unique, and an editor may
        # have copied the template under the same name (issue 15.1).
        template = DecisionTemplate.objects.filter(case_type=case_type, name=name).first()
        created = template is None
        if created:
            template = DecisionTemplate.objects.create(
                case_type=case_type,
                name=name,
                letterhead=letterhead,
                body=body,
                signature=signature,
                objection_instructions=objection,
            )
        if not created and not template.objection_instructions.strip():
            # A template from before objection instructions were required (Awb 3:45).
            template.objection_instructions = objection
            template.save(update_fields=["objection_instructions"])
        templates[slug, code] = template
    return templates


# (case type code, case external id, decision text, outcome)
DEMO_DECISIONS = [
    (
        "omgevingsvergunning",
        "demo-3",
        "Wij verlenen u de omgevingsvergunning voor een schutting in de voortuin.",
        "Vergunning verleend",
    ),
    (
        # Issue 19: the company can object to a condition of its terrace permit
        # (decision 0049: a bezwaar by a business on its own case).
        "terrasvergunning",
        "demo-business-terras",
        "Wij verlenen u een terrasvergunning voor Dorpsstraat 40, met als voorwaarde dat "
        "het terras uiterlijk om 22.00 uur is opgeruimd.",
        "Vergunning verleend met voorwaarden",
    ),
]


def seed(out) -> None:
    templates = _seed_templates(out)
    for code, external_id, text, outcome in DEMO_DECISIONS:
        template = templates.get(("zoetermeer", code))
        case = Case.objects.filter(agency__slug="zoetermeer", external_id=external_id).first()
        if template is None or case is None:
            continue
        if Document.objects.filter(case=case, kind=DocumentKind.DECISION).exists():
            continue
        request = DecisionRequest.objects.filter(case=case).first() or services.create_decision(
            case=case,
            template=template,
            decision_text=text,
            outcome=outcome,
            actor=Actor.system("demo"),
            decision_date=case.closed_on,
        )
        document = services.render_decision_document(decision_request_id=request.pk)
        out.write(f"documents: decision on {external_id}, SHA-256 {document.sha256}")
