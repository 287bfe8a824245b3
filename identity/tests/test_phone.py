import pytest
from django.core.exceptions import ValidationError

from identity.phone import normalize_phone, validate_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06-12345678", "0612345678"),
        ("079 123 45 67", "0791234567"),
        ("(079) 1234567", "0791234567"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+32 2 123 45 67", "+3221234567"),
    ],
)
def test_dutch_and_international_numbers_are_stored_plain(typed, stored):
    assert normalize_phone(typed) == stored
    validate_phone(stored)


@pytest.mark.parametrize(
    "typed",
    ["12345", "061234567", "06123456789", "+310612345678", "+0612345678", "bel me", "06-1234567a"],
)
def test_invalid_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)
