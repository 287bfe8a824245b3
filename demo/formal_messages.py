"""Demo chapter 7: what each demo agency accepts as a formal message (issue 17).

Every demo agency gets a "Bezwaar" and a "Klacht" case type with its statuses
and a channel register (messaging.ChannelRule) that opens them, so 999993653
can object to the decision on demo case 3 (seeded in decision_templates.py)
and see the objection case appear at the municipality. The Hoogheemraadschap
van Rijnland does not take a notice of default (ingebrekestelling) digitally
and says where to send it instead: the public "Digitaal contact" page shows
that (Awb 2:13 as amended by the Wmebv: a body designates and announces the
electronic channel, and may limit it per kind of message).

Idempotent: case types by (agency, code), status types by (case type, order),
channel rules by (agency, kind).
"""

from __future__ import annotations

from cases.models import Agency, CaseType, StatusType
from demo.agencies_and_cases import DEMO_AGENCIES
from identity.loa import LevelOfAssurance
from messaging.kinds import CITIZEN_FORMAL_KINDS, MessageKind
from messaging.models import ChannelRule

RECEIVED = {
    "name": "ontvangen",
    "citizen_text": "Wij hebben uw bezwaar ontvangen",
    "citizen_text_en": "We have received your objection",
}
OBJECTION_STATUSES = [
    RECEIVED,
    {
        "name": "in_behandeling",
        "citizen_text": "Wij behandelen uw bezwaar",
        "citizen_text_en": "We are handling your objection",
    },
    {
        # Awb 7:2: the objector is heard before the decision on the objection.
        "name": "hoorzitting_gepland",
        "citizen_text": "Er is een hoorzitting gepland",
        "citizen_text_en": "A hearing has been scheduled",
        "citizen_description": "U krijgt een uitnodiging met de datum en de plaats.",
        "citizen_description_en": "You will receive an invitation with the date and place.",
        "shown_in_advance": False,
    },
    {
        "name": "besluit_op_bezwaar",
        "citizen_text": "Er is een besluit op uw bezwaar",
        "citizen_text_en": "A decision has been made on your objection",
        "is_final": True,
    },
]
COMPLAINT_STATUSES = [
    {
        "name": "ontvangen",
        "citizen_text": "Wij hebben uw klacht ontvangen",
        "citizen_text_en": "We have received your complaint",
    },
    {
        "name": "in_behandeling",
        "citizen_text": "Wij behandelen uw klacht",
        "citizen_text_en": "We are handling your complaint",
    },
    {
        "name": "afgehandeld",
        "citizen_text": "Uw klacht is afgehandeld",
        "citizen_text_en": "Your complaint has been dealt with",
        "is_final": True,
    },
]
# code, name, English name, description, days (Awb 7:10: 6 weeks + 6 if a
# committee advises; Awb 9:11: 6 weeks for a complaint), statuses.
CASE_TYPES = [
    (
        "bezwaar",
        "Bezwaar",
        "Objection",
        "Uw bezwaar tegen een besluit van ons.",
        84,
        OBJECTION_STATUSES,
    ),
    (
        "klacht",
        "Klacht",
        "Complaint",
        "Uw klacht over hoe wij u hebben behandeld.",
        42,
        COMPLAINT_STATUSES,
    ),
]
# Rijnland takes a notice of default on paper only (the demo of an alternative).
NOT_DIGITAL = {
    ("rijnland", MessageKind.INGEBREKESTELLING): (
        "Stuur uw ingebrekestelling per post aan het Hoogheemraadschap van Rijnland, "
        "Postbus 156, 2300 AD Leiden. Vermeld het zaaknummer en de datum van uw aanvraag.",
        "Send your notice of default by post to Hoogheemraadschap van Rijnland, "
        "Postbus 156, 2300 AD Leiden, the Netherlands. Mention the case number and the "
        "date of your application.",
    ),
}


def _case_types(agency: Agency) -> dict[str, CaseType]:
    found = {}
    for code, name, name_en, description, days, statuses in CASE_TYPES:
        case_type, _ = CaseType.objects.update_or_create(
            agency=agency,
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "processing_days": days,
                "citizen_uploads": True,
            },
        )
        for order, status in enumerate(statuses, start=1):
            StatusType.objects.update_or_create(case_type=case_type, order=order, defaults=status)
        found[code] = case_type
    return found


def seed(out) -> None:
    agencies = Agency.objects.filter(slug__in=[a["slug"] for a in DEMO_AGENCIES])
    for agency in agencies:
        case_types = _case_types(agency)
        for kind in CITIZEN_FORMAL_KINDS:
            alternative, alternative_en = NOT_DIGITAL.get((agency.slug, kind), ("", ""))
            ChannelRule.objects.update_or_create(
                agency=agency,
                kind=kind,
                defaults={
                    "accepted_digitally": not alternative,
                    "minimum_level": LevelOfAssurance.MIDDEN,
                    "case_type": case_types.get(str(kind)),
                    "alternative": alternative,
                    "alternative_en": alternative_en,
                },
            )
    out.write(f"Formal messages: bezwaar and klacht case types and channels for {len(agencies)}")
