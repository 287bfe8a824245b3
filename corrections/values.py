"""Requested and registered values of a correctable field, as plain dicts.

One shape per field, used for what the citizen asks, the snapshot of what the
registry said and what a granted request writes. Limits follow the local
registry's columns (identity/registry/models.py), so a valid request can be
applied.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.registry import Person

from .models import CorrectableField

POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
EXPLANATION_MAX_LENGTH = 1000

# Text parts per field: (key, max length, required).
TEXT_PARTS = {
    CorrectableField.NAME: [
        ("first_names", 200, True),
        ("prefix", 20, False),
        ("surname", 200, True),
    ],
    CorrectableField.NATIONALITY: [("nationality", 100, True)],
    CorrectableField.ADDRESS: [
        ("street", 200, True),
        ("house_letter", 1, False),
        ("house_number_addition", 4, False),
        ("postcode", 7, True),
        ("city", 100, True),
    ],
}


def _required_message(key: str) -> str:
    return {
        "first_names": _("Vul uw voornamen in."),
        "surname": _("Vul uw achternaam in."),
        "nationality": _("Vul uw nationaliteit in."),
        "street": _("Vul de straat in."),
        "house_number": _("Vul het huisnummer in."),
        "postcode": _("Vul de postcode in."),
        "city": _("Vul de woonplaats in."),
        "date_of_birth": _("Vul uw geboortedatum in."),
    }[key]


def clean_value(field: str, value) -> dict:
    """The requested value as its stored dict; raises ValidationError keyed by part."""
    if field == CorrectableField.DATE_OF_BIRTH:
        return {"date_of_birth": _clean_date(value).isoformat()}
    if field not in TEXT_PARTS:
        raise ValidationError({"field": _("Kies welk gegeven niet klopt.")}, code="invalid_field")
    if not isinstance(value, dict):
        value = {TEXT_PARTS[field][0][0]: value}
    cleaned, errors = {}, {}
    for key, max_length, required in TEXT_PARTS[field]:
        text = " ".join(str(value.get(key) or "").split())
        if required and not text:
            errors[key] = _required_message(key)
        elif len(text) > max_length:
            errors[key] = _("Gebruik hoogstens %(max)d tekens.") % {"max": max_length}
        cleaned[key] = text
    if field == CorrectableField.ADDRESS:
        _clean_address(value, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_date(value) -> date:
    if isinstance(value, dict):
        value = value.get("date_of_birth")
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, date):
        raise ValidationError({"date_of_birth": _required_message("date_of_birth")})
    if value > timezone.localdate() or value.year < 1850:
        raise ValidationError(
            {"date_of_birth": _("Deze datum kan geen geboortedatum zijn.")}, code="date_range"
        )
    return value


def _clean_address(value: dict, cleaned: dict, errors: dict) -> None:
    number = value.get("house_number")
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = None
    if number is None:
        errors["house_number"] = _required_message("house_number")
    elif not 1 <= number <= 99999:
        errors["house_number"] = _("Een huisnummer ligt tussen 1 en 99999.")
    cleaned["house_number"] = number
    if cleaned["house_letter"] and not cleaned["house_letter"].isalpha():
        errors["house_letter"] = _("Een huisletter is één letter.")
    cleaned["house_letter"] = cleaned["house_letter"].upper()
    match = POSTCODE.match(cleaned["postcode"])
    if cleaned["postcode"] and not match:
        errors["postcode"] = _("Vul een postcode in zoals 2711 AB.")
    elif match:
        cleaned["postcode"] = f"{match.group(1)} {match.group(2).upper()}"


def clean_explanation(explanation: str) -> str:
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValidationError(
            {"explanation": _("Leg uit waarom het gegeven niet klopt.")}, code="required"
        )
    if len(explanation) > EXPLANATION_MAX_LENGTH:
        raise ValidationError(
            {
                "explanation": _("Gebruik hoogstens %(max)d tekens.")
                % {"max": EXPLANATION_MAX_LENGTH}
            },
            code="max_length",
        )
    return explanation


def registered_value(field: str, person: Person | None) -> dict:
    """What the registry says now, in the field's shape ({} when unknown)."""
    if person is None:
        return {}
    if field == CorrectableField.NAME:
        return {
            "first_names": person.first_names,
            "prefix": person.prefix,
            "surname": person.surname,
        }
    if field == CorrectableField.DATE_OF_BIRTH:
        born = person.date_of_birth
        return {"date_of_birth": born.isoformat()} if born else {}
    if field == CorrectableField.NATIONALITY:
        return {"nationality": ", ".join(person.nationalities)} if person.nationalities else {}
    if field == CorrectableField.ADDRESS and person.address is not None:
        address = person.address
        return {
            "street": address.street,
            "house_number": address.house_number,
            "house_letter": address.house_letter,
            "house_number_addition": address.house_number_addition,
            "postcode": address.postcode,
            "city": address.city,
        }
    return {}


def display_value(field: str, value: dict) -> str:
    """One line for the citizen and the caseworker ("" when unknown)."""
    if not value:
        return ""
    if field == CorrectableField.DATE_OF_BIRTH:
        born = date.fromisoformat(value["date_of_birth"])
        return f"{born.day}-{born.month:02d}-{born.year}"
    if field == CorrectableField.ADDRESS:
        number = f"{value.get('house_number') or ''}{value.get('house_letter', '')}"
        line1 = _join(value.get("street", ""), number, value.get("house_number_addition", ""))
        return ", ".join(
            p for p in (line1, _join(value.get("postcode", ""), value.get("city", ""))) if p
        )
    if field == CorrectableField.NAME:
        return _join(
            value.get("first_names", ""), value.get("prefix", ""), value.get("surname", "")
        )
    return str(value.get(field, ""))


def _join(*parts) -> str:
    return " ".join(str(part) for part in parts if part)
