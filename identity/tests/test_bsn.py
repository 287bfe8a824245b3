import pytest
from django.core.exceptions import ValidationError

from identity.bsn import is_valid_bsn, mask_bsn, validate_bsn


@pytest.mark.parametrize("bsn", ["999993653", "999990019", "999991772", "123456782"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn", ["999993654", "12345678", "1234567890", "abcdefghi", "000000000", "٩٩٩٩٩٣٦٥٣", ""]
)
def test_invalid_bsns_are_refused(bsn):
    assert not is_valid_bsn(bsn)
    with pytest.raises(ValidationError):
        validate_bsn(bsn)


def test_mask_shows_only_last_three_digits():
    assert mask_bsn("999993653") == "******653"
