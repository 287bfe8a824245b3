"""Demo data: four agencies, their case types with statuses, and cases for the
demo citizens (999993653: a spread at four agencies; 999990019: a few;
999991772: none, for the empty state). Idempotent: agencies by slug, case
types by (agency, code), status types by (case type, order), cases by their
external id "demo-...".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from cases import services
from cases.models import Agency, Case, CaseSource, CaseType, StatusType
from corrections.case_type import ensure_correction_case_type
from identity.actors import Actor

DEMO_AGENCIES = [
    {
        "slug": "zoetermeer",
        "name": "Gemeente Zoetermeer",
        "short_name": "Zoetermeer",
        "reference_prefix": "ZTM",
        "oin": "00000001001918000000",
        "rsin": "001918000",
        "phone": "14 079",
        "email": "info@zoetermeer.example",
        "website": "https://www.zoetermeer.nl",
    },
    {
        "slug": "belastingdienst",
        "name": "Belastingdienst",
        "short_name": "Belastingdienst",
        "reference_prefix": "BD",
        "oin": "00000001003214345000",
        "rsin": "003214345",
        "phone": "0800 0543",
        "email": "",
        "website": "https://www.belastingdienst.nl",
    },
    {
        "slug": "uwv",
        "name": "UWV",
        "short_name": "UWV",
        "reference_prefix": "UWV",
        "oin": "00000001803407950000",
        "rsin": "803407950",
        "phone": "088 898 92 94",
        "email": "",
        "website": "https://www.uwv.nl",
    },
    {
        "slug": "rijnland",
        "name": "Hoogheemraadschap van Rijnland",
        "short_name": "Rijnland",
        "reference_prefix": "HHR",
        "oin": "00000001821778539000",
        "rsin": "821778539",
        "phone": "071 306 30 63",
        "email": "info@rijnland.example",
        "website": "https://www.rijnland.net",
    },
]

RECEIVED = {
    "name": "ontvangen",
    "citizen_group": "ontvangen",
    "citizen_text": "Uw aanvraag is ontvangen",
    "citizen_text_en": "We have received your application",
}
IN_PROGRESS = {
    "name": "in_behandeling",
    "citizen_group": "in_behandeling",
    "citizen_text": "Wij beoordelen uw aanvraag",
    "citizen_text_en": "We are assessing your application",
}
MORE_INFO = {
    "name": "aanvulling_nodig",
    "citizen_group": "wacht_op_u",
    "citizen_text": "Wij hebben meer gegevens van u nodig",
    "citizen_text_en": "We need more information from you",
    "citizen_description": "U krijgt een bericht als wij meer gegevens nodig hebben.",
    "citizen_description_en": "You will get a message if we need more information.",
    "action_required": True,
    "shown_in_advance": False,
    "allows_citizen_upload": True,
}
INFO_RECEIVED = {
    "name": "aanvulling_ontvangen",
    "citizen_group": "in_behandeling",
    "citizen_text": "Wij hebben uw aanvullende gegevens ontvangen",
    "citizen_text_en": "We have received your additional information",
    "shown_in_advance": False,
}
DECISION = {
    "name": "besluit",
    "citizen_group": "besluit_genomen",
    "citizen_text": "Er is een besluit genomen",
    "citizen_text_en": "A decision has been made",
    "citizen_description": "U krijgt het besluit per post en hier op deze pagina.",
    "citizen_description_en": "You will receive the decision by post and here on this page.",
    "is_final": True,
}


def _dutch_only(statuses: list[dict]) -> list[dict]:
    """Statuses without English: the citizen on /en/ sees the Dutch with a note."""
    return [{k: v for k, v in status.items() if not k.endswith("_en")} for status in statuses]


# agency slug, code, name, English name, description, days, service norm, statuses
# in order. Rijnland has not translated its catalogue (no English name or status
# texts), so the demo shows the Dutch-only fallback (docs/decisions/0025).
DEMO_CASE_TYPES = [
    (
        "zoetermeer",
        "verhuizing",
        "Verhuizing",
        "Change of address",
        "Het doorgeven van een nieuw adres in de Basisregistratie Personen.",
        5,
        None,
        [
            RECEIVED,
            {
                **IN_PROGRESS,
                "citizen_text": "Wij verwerken uw verhuizing",
                "citizen_text_en": "We are processing your change of address",
            },
            {
                "name": "verwerkt",
                "citizen_group": "afgerond",
                "citizen_text": "Uw nieuwe adres staat in de BRP",
                "citizen_text_en": "Your new address is in the Personal Records Database",
                "is_final": True,
            },
        ],
    ),
    (
        "zoetermeer",
        "omgevingsvergunning",
        "Omgevingsvergunning",
        "Environmental permit",
        "Een vergunning voor bouwen, verbouwen of slopen.",
        56,
        42,
        [RECEIVED, IN_PROGRESS, MORE_INFO, INFO_RECEIVED, DECISION],
    ),
    (
        "zoetermeer",
        "bijzondere-bijstand",
        "Bijzondere bijstand",
        "Special assistance",
        "Een vergoeding voor noodzakelijke kosten die u niet zelf kunt betalen.",
        56,
        None,
        [RECEIVED, IN_PROGRESS, MORE_INFO, INFO_RECEIVED, DECISION],
    ),
    (
        "belastingdienst",
        "voorlopige-aanslag-ib",
        "Voorlopige aanslag inkomstenbelasting",
        "Provisional income tax assessment",
        "Uw verzoek om een voorlopige aanslag of een wijziging daarvan.",
        56,
        35,
        [
            {
                **RECEIVED,
                "citizen_text": "Wij hebben uw verzoek ontvangen",
                "citizen_text_en": "We have received your request",
            },
            {
                **IN_PROGRESS,
                "citizen_text": "Wij verwerken uw verzoek",
                "citizen_text_en": "We are processing your request",
            },
            {
                **DECISION,
                "citizen_text": "De voorlopige aanslag is vastgesteld",
                "citizen_text_en": "The provisional assessment has been set",
            },
        ],
    ),
    (
        "uwv",
        "ww-uitkering",
        "WW-uitkering",
        "Unemployment benefit (WW)",
        "Een uitkering als u werkloos bent geworden.",
        28,
        None,
        [
            RECEIVED,
            {
                **IN_PROGRESS,
                "citizen_text": "Wij beoordelen uw recht op WW",
                "citizen_text_en": "We are assessing your right to unemployment benefit",
            },
            MORE_INFO,
            INFO_RECEIVED,
            DECISION,
        ],
    ),
    (
        "rijnland",
        "kwijtschelding",
        "Kwijtschelding waterschapsbelasting",
        "",
        "Kwijtschelding van de waterschapsbelasting als u een laag inkomen hebt.",
        56,
        None,
        _dutch_only([RECEIVED, IN_PROGRESS, MORE_INFO, INFO_RECEIVED, DECISION]),
    ),
]

# key, bsn, (agency, case type code), title, received days ago, steps.
# A step is (status name, days after received, explanation[, result]).
DEMO_CASES = [
    (
        "1",
        "999993653",
        ("zoetermeer", "omgevingsvergunning"),
        "Dakkapel op de achterkant van de woning",
        20,
        [
            ("in_behandeling", 3, "Een medewerker bekijkt uw tekeningen."),
            ("aanvulling_nodig", 10, "Stuur ons een doorsnedetekening van de dakkapel."),
            ("aanvulling_ontvangen", 14, "Dank u wel. Wij beoordelen uw aanvraag verder."),
        ],
    ),
    (
        "2",
        "999993653",
        ("zoetermeer", "bijzondere-bijstand"),
        "Bijzondere bijstand voor een nieuwe wasmachine",
        12,
        [
            ("in_behandeling", 2, ""),
            (
                "aanvulling_nodig",
                6,
                "Stuur ons uw bankafschriften van de laatste drie maanden.",
            ),
        ],
    ),
    (
        "3",
        "999993653",
        ("zoetermeer", "omgevingsvergunning"),
        "Schutting in de voortuin",
        150,
        [
            ("in_behandeling", 5, ""),
            ("besluit", 40, "U krijgt de vergunning.", "Vergunning verleend"),
        ],
    ),
    (
        "4",
        "999993653",
        ("belastingdienst", "voorlopige-aanslag-ib"),
        "Voorlopige aanslag inkomstenbelasting 2026",
        300,
        [("in_behandeling", 1, ""), ("besluit", 20, "", "Voorlopige aanslag vastgesteld")],
    ),
    (
        "5",
        "999993653",
        ("belastingdienst", "voorlopige-aanslag-ib"),
        "Wijziging voorlopige aanslag 2026",
        9,
        [("in_behandeling", 2, "Wij verwerken uw nieuwe inkomensgegevens.")],
    ),
    (
        "6",
        "999993653",
        ("uwv", "ww-uitkering"),
        "WW-uitkering na einde dienstverband",
        45,
        [("in_behandeling", 4, "Wij vragen gegevens op bij uw werkgever.")],
    ),
    (
        "7",
        "999993653",
        ("rijnland", "kwijtschelding"),
        "Kwijtschelding waterschapsbelasting 2026",
        5,
        [],
    ),
    (
        "8",
        "999993653",
        ("rijnland", "kwijtschelding"),
        "Kwijtschelding waterschapsbelasting 2025",
        400,
        [
            ("in_behandeling", 10, ""),
            (
                "besluit",
                50,
                "Uw inkomen is hoger dan de kwijtscheldingsnorm.",
                "Kwijtschelding afgewezen",
            ),
        ],
    ),
    (
        "9",
        "999993653",
        ("uwv", "ww-uitkering"),
        "WW-uitkering 2024",
        700,
        [("in_behandeling", 3, ""), ("besluit", 21, "", "WW-uitkering toegekend")],
    ),
    (
        "10",
        "999990019",
        ("zoetermeer", "omgevingsvergunning"),
        "Aanbouw keuken",
        15,
        [("in_behandeling", 4, "")],
    ),
    (
        "11",
        "999990019",
        ("rijnland", "kwijtschelding"),
        "Kwijtschelding waterschapsbelasting 2026",
        60,
        [("in_behandeling", 5, ""), ("besluit", 30, "", "Kwijtschelding toegekend")],
    ),
]

ACTOR = Actor.system("seed_demo")


def seed(out) -> None:
    agencies = {}
    for data in DEMO_AGENCIES:
        agencies[data["slug"]], _ = Agency.objects.update_or_create(
            slug=data["slug"], defaults=data
        )
    case_types = {}
    for slug, code, name, name_en, description, days, norm, statuses in DEMO_CASE_TYPES:
        case_type, _ = CaseType.objects.update_or_create(
            agency=agencies[slug],
            code=code,
            defaults={
                "name": name,
                **({"name_en": name_en} if name_en else {}),
                "description": description,
                "processing_days": days,
                "service_norm_days": norm,
                "citizen_uploads": True,
            },
        )
        for order, status in enumerate(statuses, start=1):
            StatusType.objects.update_or_create(case_type=case_type, order=order, defaults=status)
        case_types[(slug, code)] = case_type
    # Correction requests from Mijn gegevens (issue 9) go to the municipality.
    ensure_correction_case_type(agency=agencies["zoetermeer"])
    created = 0
    for key, bsn, type_key, title, days_ago, steps in DEMO_CASES:
        case_type = case_types[type_key]
        if Case.objects.filter(agency=case_type.agency, external_id=f"demo-{key}").exists():
            continue
        _create_case(case_type, key, bsn, title, days_ago, steps)
        created += 1
    out.write(f"Demo agencies: {', '.join(a['name'] for a in DEMO_AGENCIES)}")
    out.write(f"Demo case types: {len(case_types) + 1}; new demo cases: {created}")


def _create_case(case_type, key, bsn, title, days_ago, steps) -> None:
    today = timezone.localdate()
    received_on = today - timedelta(days=days_ago)
    case = services.open_case(
        case_type=case_type,
        bsn=bsn,
        actor=ACTOR,
        source=CaseSource.BACK_OFFICE,
        title=title,
        received_on=received_on,
        external_id=f"demo-{key}",
    )
    statuses = {s.name: s for s in case_type.status_types.all()}
    for name, after_days, explanation, *result in steps:
        moment = timezone.make_aware(
            datetime.combine(received_on + timedelta(days=after_days), datetime.min.time())
        ) + timedelta(hours=10)
        services.set_status(
            case=case,
            status_type=statuses[name],
            actor=ACTOR,
            explanation=explanation,
            set_at=min(moment, timezone.now()),
            result_text=result[0] if result else "",
        )
