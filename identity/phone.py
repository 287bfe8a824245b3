"""Phone numbers as citizens type them: Dutch (06-12345678, 079 123 45 67) or
international (+32 2 123 45 67, 0032 ...). Stored without spaces or dashes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-.()/]")
_DUTCH = re.compile(r"^0[1-9]\d{8}$")
# E.164: a country code and at most 15 digits in all (ITU-T E.164).
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{7,14}$")
_DUTCH_INTERNATIONAL = re.compile(r"^\+31[1-9]\d{8}$")

MESSAGE = _("Vul een geldig telefoonnummer in, zoals 0612345678 of +31612345678.")


def normalize_phone(value: str) -> str:
    """Return the number in its stored form, or raise ValidationError."""
    number = _SEPARATORS.sub("", value or "")
    if number.startswith("00"):
        number = "+" + number[2:]
    valid = (
        _DUTCH_INTERNATIONAL.match(number)
        if number.startswith("+31")
        else _INTERNATIONAL.match(number) or _DUTCH.match(number)
    )
    if not valid:
        raise ValidationError(MESSAGE, code="invalid_phone")
    return number


def validate_phone(value: str) -> None:
    if value and normalize_phone(value) != value:
        raise ValidationError(MESSAGE, code="invalid_phone")
