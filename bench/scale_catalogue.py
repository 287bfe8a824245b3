"""What the scale seed's cases belong to (bench/seed_scale.py): 20 agencies, 2-4 case
types each, 3 or 6 status types per case type and the weighted paths cases take
through them; made through the ORM, idempotently.
"""

from __future__ import annotations

import random

# slug, name, short name, reference prefix, kind
AGENCIES = [
    ("zoetermeer", "Gemeente Zoetermeer", "Zoetermeer", "ZTM", "gemeente"),
    ("utrecht", "Gemeente Utrecht", "Utrecht", "UTR", "gemeente"),
    ("amsterdam", "Gemeente Amsterdam", "Amsterdam", "AMS", "gemeente"),
    ("rotterdam", "Gemeente Rotterdam", "Rotterdam", "RTD", "gemeente"),
    ("den-haag", "Gemeente Den Haag", "Den Haag", "DH", "gemeente"),
    ("eindhoven", "Gemeente Eindhoven", "Eindhoven", "EHV", "gemeente"),
    ("groningen", "Gemeente Groningen", "Groningen", "GRN", "gemeente"),
    ("tilburg", "Gemeente Tilburg", "Tilburg", "TLB", "gemeente"),
    ("almere", "Gemeente Almere", "Almere", "ALM", "gemeente"),
    ("nijmegen", "Gemeente Nijmegen", "Nijmegen", "NMG", "gemeente"),
    ("belastingdienst", "Belastingdienst", "Belastingdienst", "BD", "belasting"),
    ("toeslagen", "Dienst Toeslagen", "Toeslagen", "DT", "belasting"),
    ("uwv", "UWV", "UWV", "UWV", "uitkering"),
    ("svb", "Sociale Verzekeringsbank", "SVB", "SVB", "uitkering"),
    ("duo", "Dienst Uitvoering Onderwijs", "DUO", "DUO", "onderwijs"),
    ("rdw", "RDW", "RDW", "RDW", "vervoer"),
    ("cak", "CAK", "CAK", "CAK", "uitkering"),
    ("cjib", "Centraal Justitieel Incassobureau", "CJIB", "CJIB", "belasting"),
    ("rijnland", "Hoogheemraadschap van Rijnland", "Rijnland", "HHR", "waterschap"),
    ("delfland", "Hoogheemraadschap van Delfland", "Delfland", "HHD", "waterschap"),
]

# kind -> [(code, name, processing days, short path)]; short path: a three-step type
CASE_TYPES = {
    "gemeente": [
        ("verhuizing", "Verhuizing", 5, True),
        ("omgevingsvergunning", "Omgevingsvergunning", 56, False),
        ("bijzondere-bijstand", "Bijzondere bijstand", 56, False),
        ("parkeervergunning", "Parkeervergunning", 28, False),
    ],
    "belasting": [
        ("bezwaar-aanslag", "Bezwaar tegen een aanslag", 42, False),
        ("betalingsregeling", "Betalingsregeling", 28, False),
        ("uitstel", "Uitstel van aangifte", 14, True),
    ],
    "uitkering": [
        ("aanvraag-uitkering", "Aanvraag uitkering", 56, False),
        ("wijziging", "Wijziging doorgeven", 14, True),
        ("bezwaar", "Bezwaar", 42, False),
    ],
    "onderwijs": [
        ("studiefinanciering", "Studiefinanciering", 28, False),
        ("studentenreisproduct", "Studentenreisproduct", 14, True),
    ],
    "vervoer": [
        ("kentekenbewijs", "Vervangend kentekenbewijs", 14, True),
        ("keuring", "Keuring op afspraak", 28, False),
    ],
    "waterschap": [
        ("kwijtschelding", "Kwijtschelding waterschapsbelasting", 56, False),
        ("watervergunning", "Watervergunning", 56, False),
    ],
}

# order, name, citizen text, action required, shown in advance, allows upload, final
FULL_STATUSES = [
    (1, "ontvangen", "Uw aanvraag is ontvangen", False, True, False, False),
    (2, "in_behandeling", "Wij beoordelen uw aanvraag", False, True, False, False),
    (3, "aanvulling_nodig", "Wij hebben meer gegevens van u nodig", True, False, True, False),
    (
        4,
        "aanvulling_ontvangen",
        "Wij hebben uw aanvullende gegevens ontvangen",
        False,
        False,
        False,
        False,
    ),
    (5, "advies", "Wij nemen binnenkort een besluit", False, True, False, False),
    (6, "besluit", "Er is een besluit genomen", False, True, False, True),
]
SHORT_STATUSES = [
    (1, "ontvangen", "Uw melding is ontvangen", False, True, False, False),
    (2, "in_behandeling", "Wij verwerken uw melding", False, True, False, False),
    (3, "verwerkt", "Uw melding is verwerkt", False, True, False, True),
]
# Paths through the statuses (orders), with weights: ~5 status updates on average.
FULL_PATHS = [
    ([1, 2, 5, 6], 3),
    ([1, 2, 3, 4, 5, 6], 4),
    ([1, 2, 2, 3, 4, 4, 5, 6], 2),
]
SHORT_PATHS = [([1, 2, 3], 1)]


def ensure_catalogue(rng: random.Random):
    """Agencies, case types and status types (ORM, idempotent). Returns
    {agency_id: [(case_type, {order: status_type_id}, final order, paths)]} and the agencies."""
    from cases.models import Agency, CaseType, StatusType

    catalogue, agencies = {}, []
    for slug, name, short_name, prefix, kind in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short_name, "reference_prefix": prefix},
        )
        agencies.append(agency)
        types = []
        for code, type_name, days, short in CASE_TYPES[kind]:
            case_type, _ = CaseType.objects.get_or_create(
                agency=agency,
                code=code,
                defaults={
                    "name": type_name,
                    "processing_days": days,
                    "service_norm_days": None if short else days * 3 // 4,
                    "citizen_uploads": not short,
                },
            )
            orders = {}
            for order, sname, text, action, advance, upload, final in (
                SHORT_STATUSES if short else FULL_STATUSES
            ):
                status_type, _ = StatusType.objects.get_or_create(
                    case_type=case_type,
                    order=order,
                    defaults={
                        "name": sname,
                        "citizen_text": text,
                        "action_required": action,
                        "shown_in_advance": advance,
                        "allows_citizen_upload": upload,
                        "is_final": final,
                        "action_label": "Stuur gegevens" if action else "",
                        "action_url": "/mijn/" if action else "",
                    },
                )
                orders[order] = status_type.pk
            types.append((case_type, orders, max(orders), SHORT_PATHS if short else FULL_PATHS))
        catalogue[agency.pk] = types
    return catalogue, agencies
