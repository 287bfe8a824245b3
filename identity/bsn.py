"""The burgerservicenummer (BSN) and its elfproef.

A BSN is nine digits whose weighted sum 9·d1 + 8·d2 + … + 2·d8 - 1·d9 is
divisible by 11 (Logius, "Burgerservicenummer", 11-proef). A BSN never
appears in a URL or a log line: use `mask_bsn` wherever one must be shown.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    if value == "000000000":
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, _WEIGHTS, strict=True))
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig burgerservicenummer (BSN)."), code="invalid_bsn"
        )


def mask_bsn(value: str) -> str:
    """Show only the last three digits: ******653."""
    return "*" * 6 + value[-3:] if value else ""
