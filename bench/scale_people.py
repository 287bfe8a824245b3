"""The people of the scale seed (bench/seed_scale.py): deterministic elfproef-valid
BSNs, their registry rows and accounts (COPY), and the two accounts the benchmarks
log in as: the benchmark citizen and the benchmark caseworker.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from bench.scale_catalogue import AGENCIES

BENCH_BSN = "900000016"
BENCH_CASEWORKER = "bench-caseworker"
BENCH_CASEWORKER_AGENCY = "utrecht"
BENCH_CASEWORKER_PASSWORD = "bench-caseworker-password"  # noqa: S105 - a benchmark account
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a benchmark account's secret
SEED_TIME = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fatima",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jan",
    "Kees",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olivier",
    "Priya",
    "Ruben",
    "Sanne",
    "Thijs",
    "Yara",
]
SURNAMES = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Yilmaz"),
    ("van der", "Linden"),
    ("", "El Amrani"),
    ("", "Peters"),
]
STREETS = ["Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenlaan", "Schoolstraat", "Julianastraat"]


def bsn_from(prefix: int) -> str | None:
    """The BSN with these first eight digits, or None when no check digit fits (elfproef)."""
    digits = f"{prefix:08d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    check = total % 11
    return None if check == 10 else digits + str(check)


def citizen_bsns(count: int, *, exclude: str) -> list[str]:
    """`count` valid BSNs, deterministic, never the benchmark citizen's."""
    bsns, prefix = [], 10_000_000
    while len(bsns) < count:
        bsn = bsn_from(prefix)
        prefix += 1
        if bsn and bsn != exclude:
            bsns.append(bsn)
    return bsns


def ensure_accounts():
    """The benchmark caseworker (password + TOTP, member of one agency) and the
    benchmark citizen's account (as a first DigiD login would create it)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from backoffice.groups import CASEWORKERS, ensure_groups
    from backoffice.models import AgencyMembership, MembershipRole
    from cases.models import Agency
    from identity.models import User

    caseworker, created = User.objects.get_or_create(
        username=BENCH_CASEWORKER, defaults={"is_staff": True, "email": "bench@example.org"}
    )
    if created:
        caseworker.set_password(BENCH_CASEWORKER_PASSWORD)
        caseworker.save()
    caseworker.groups.add(ensure_groups()[CASEWORKERS])
    AgencyMembership.objects.get_or_create(
        user=caseworker,
        agency=Agency.objects.get(slug=BENCH_CASEWORKER_AGENCY),
        defaults={"role": MembershipRole.CASEWORKER},
    )
    if not Authenticator.objects.filter(user=caseworker, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(caseworker, TEST_TOTP_SECRET)
    return caseworker


def seed_people(connection, bsns: list[str], rng: random.Random) -> None:
    """Registry rows (LocalPerson + current LocalAddress) and citizen accounts, by COPY."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM identity_user WHERE bsn IS NOT NULL")
        have_account = {row[0] for row in cursor.fetchall()}
        with cursor.copy(
            "COPY identity_localperson (id, bsn, first_names, prefix, surname, gender, "
            "date_of_birth, nationality) FROM STDIN"
        ) as copy:
            # Gender blank: the BRP's "onbekend", which the registry allows.
            for pk, bsn in enumerate(bsns, start=1):
                prefix, surname = rng.choice(SURNAMES)
                born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 65))
                copy.write_row(
                    (pk, bsn, rng.choice(FIRST_NAMES), prefix, surname, "", born, "Nederlandse")
                )
        with cursor.copy(
            "COPY identity_localaddress (id, street, house_number, house_letter, "
            "house_number_addition, postcode, city, valid_from, valid_to, person_id) FROM STDIN"
        ) as copy:
            for pk in range(1, len(bsns) + 1):
                copy.write_row(
                    (
                        pk,
                        rng.choice(STREETS),
                        rng.randint(1, 250),
                        "",
                        "",
                        f"{rng.randint(1000, 9999)} AB",
                        rng.choice(AGENCIES[:10])[2],
                        date(2015, 1, 1),
                        None,
                        pk,
                    )
                )
        with cursor.copy(
            "COPY identity_user (password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined, bsn) FROM STDIN"
        ) as copy:
            for bsn in bsns:
                if bsn in have_account:
                    continue
                copy.write_row(
                    (
                        "!" + uuid.UUID(int=rng.getrandbits(128)).hex,
                        False,
                        f"bench-burger-{uuid.uuid4().hex[:16]}",
                        "",
                        "",
                        "",
                        False,
                        True,
                        SEED_TIME,
                        bsn,
                    )
                )
        for table in ("identity_localperson", "identity_localaddress", "identity_user"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
