"""The kind-specific answers a message carries (Message.details), with the
labels the receipt, the caseworker and the citizen read. Add a key here when a
form adds one: a key without a label is not shown."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LABELS = {
    "decision_title": _("Besluit waartegen u bezwaar maakt"),
    "wants_hearing": _("Wilt u uw bezwaar mondeling toelichten (gehoord worden)?"),
    "late_reason": _("Waarom u na de bezwaartermijn reageert"),
    "objection_last_day": _("Laatste dag van de bezwaartermijn"),
    "complaint_about": _("Over wie of wat gaat uw klacht?"),
    "complaint_when": _("Wanneer gebeurde het?"),
    "agency_deadline": _("De organisatie moet uiterlijk beslissen op"),
    "task_title": _("Antwoord op het verzoek"),
}


def _value(value) -> str:
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nee")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    text = str(value).strip() if value is not None else ""
    return text or gettext("Niet ingevuld")


def labelled_details(details: dict) -> list[tuple[str, str]]:
    """(label, shown value) pairs in the order of LABELS; unknown keys are left out."""
    return [(str(label), _value(details[key])) for key, label in LABELS.items() if key in details]
