"""The benchmark seeder (bench/seed_scale.py) makes citizens the portal accepts."""

from bench.scale_people import BENCH_BSN, bsn_from, citizen_bsns
from identity.bsn import is_valid_bsn


def test_seeded_bsns_pass_the_elfproef_and_are_unique():
    bsns = citizen_bsns(2000, exclude=BENCH_BSN)
    assert len(bsns) == len(set(bsns)) == 2000
    assert all(is_valid_bsn(bsn) for bsn in bsns)
    assert BENCH_BSN not in bsns


def test_benchmark_citizen_bsn_is_valid():
    # A DigiD login (the SAML bench) refuses a BSN that fails the elfproef.
    assert is_valid_bsn(BENCH_BSN)


def test_no_bsn_when_no_check_digit_fits():
    # 8 digits whose weighted sum leaves remainder 10 have no valid 9th digit.
    prefix = next(p for p in range(10_000_000, 10_000_100) if bsn_from(p) is None)
    assert all(not is_valid_bsn(f"{prefix:08d}{d}") for d in range(10))
