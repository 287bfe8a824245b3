"""Fill a (migrated) PostgreSQL database with cases at national scale, for the benchmarks.

    .venv/bin/python bench/seed_scale.py --database-url postgres://postgres@127.0.0.1:5432/openloket_scale1m
    .venv/bin/python bench/seed_scale.py --database-url postgres://.../openloket_scale1k \
        --citizens 100 --cases 1000

Defaults: 100,000 citizens, 1,000,000 cases across 20 agencies, ~5 status updates
and ~2 documents per case, the case audit trail (CaseEvent) the services would
have written, and the person registry rows (LocalPerson + current address) and
citizen accounts of every citizen. Plus the two accounts the benchmarks log in as:

- the benchmark citizen (BSN 900000016 unless --bench-bsn): 50 cases, 10 at each of 5 agencies;
- the benchmark caseworker ("bench-caseworker", password and TOTP secret below),
  member of the agency with slug "utrecht".

How: agencies, case types and the two accounts through the ORM (a few hundred
rows); the bulk rows with PostgreSQL COPY (psycopg's `cursor.copy`), in batches
of --batch cases, one transaction per batch, so memory stays bounded and a
failed run leaves whole batches. The rows are generated here with fixed ids
(the tables are emptied with RESTART IDENTITY first and the sequences are set
past the highest id at the end), which is what lets a case point to its current
status in the same batch: the foreign keys are DEFERRABLE INITIALLY DEFERRED.

Append-only tables (portal/append_only.py: CaseEvent, the access log): their guard
is on the ORM paths that rewrite history (save of an existing row, update, delete).
COPY only appends, so seeding them this way keeps to the rule; emptying them for
a re-run (--reset) is a TRUNCATE of a benchmark database, the same deliberate
bypass as retention, and is refused unless asked for.

Re-running: the seeder refuses a database that already has cases or registry
persons; pass --reset to empty the seeded tables first (TRUNCATE ... RESTART
IDENTITY CASCADE). Accounts, agencies and case types are kept and reused.

The documents share a few stored files (bench/scale_files.py); the rows are what scale.
Prints the time per phase, the row counts and the peak RSS of this process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_BSN = "900000016"
BENCH_CASEWORKER = "bench-caseworker"
BENCH_CASEWORKER_AGENCY = "utrecht"
BENCH_CASEWORKER_PASSWORD = "bench-caseworker-password"  # noqa: S105 - a benchmark account
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a benchmark account's secret
TODAY = date(2026, 11, 20)  # fixed, so two seeds with the same options are the same data
SEED_TIME = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

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


def setup_django(database_url: str) -> None:
    os.environ["BENCH_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


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


class Ids:
    """Fixed ids, handed out here (tables start empty with RESTART IDENTITY)."""

    def __init__(self):
        self.case = self.role = self.status = self.event = self.document = 0

    def next(self, name: str) -> int:
        value = getattr(self, name) + 1
        setattr(self, name, value)
        return value


class Generator:
    def __init__(self, *, catalogue, agencies, bsns, bench_bsn, rng):
        self.catalogue = catalogue
        self.agency_by_id = {agency.pk: agency for agency in agencies}
        self.agency_ids = [agency.pk for agency in agencies]
        self.bsns = bsns
        self.bench_bsn = bench_bsn
        self.rng = rng
        self.ids = Ids()
        self.numbers: dict[tuple[int, int], int] = {}
        from bench.scale_files import file_facts

        self.files = {
            kind: file_facts(kind) for kind in ("receipt", "decision", "agency", "upload")
        }

    def reference(self, agency_id: int, year: int) -> str:
        key = (agency_id, year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        prefix = self.agency_by_id[agency_id].case_reference_prefix
        return f"{prefix}-{year}-{self.numbers[key]:06d}"

    def case_rows(self, bsn: str, agency_id: int, out: dict[str, list]) -> None:
        rng = self.rng
        case_type, orders, final_order, paths = rng.choice(self.catalogue[agency_id])
        case_id = self.ids.next("case")
        age_days = int(rng.expovariate(1 / 400)) % 1800
        received_on = TODAY - timedelta(days=age_days)
        planned_end_on = received_on + timedelta(days=case_type.processing_days)
        path = rng.choices([p for p, _w in paths], weights=[w for _p, w in paths])[0]
        # Young cases are still open: cut the path short.
        if age_days < case_type.processing_days * 2 and rng.random() < 0.8:
            path = path[: rng.randint(1, len(path) - 1)]
        span = max(1, min(age_days, case_type.processing_days))
        start = datetime.combine(received_on, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
        moments = sorted(
            start + timedelta(minutes=rng.randint(0, span * 24 * 60)) for _ in path[1:]
        )
        moments = [start, *moments]
        status_id = None
        out_status, out_event = out["statusupdate"], out["caseevent"]
        out_event.append(
            (
                self.ids.next("event"),
                "opened",
                start,
                "system",
                "bench-seed",
                json.dumps({"source": "api", "role_id": self.ids.role + 1}),
                None,
                case_id,
            )
        )
        for order, moment in zip(path, moments, strict=True):
            status_id = self.ids.next("status")
            status_type_id = orders[order]
            out_status.append(
                (status_id, moment, "", "api_client", "bench-seed", case_id, None, status_type_id)
            )
            out_event.append(
                (
                    self.ids.next("event"),
                    "status_set",
                    moment,
                    "api_client",
                    "bench-seed",
                    json.dumps({"status_update_id": status_id, "status_type_id": status_type_id}),
                    None,
                    case_id,
                )
            )
        closed = path[-1] == final_order
        last = moments[-1]
        if closed:
            granted = rng.random() < 0.8
            result = (
                ("toegekend", "Uw aanvraag is toegekend.")
                if granted
                else ("afgewezen", "Uw aanvraag is afgewezen.")
            )
            out_event.append(
                (
                    self.ids.next("event"),
                    "closed",
                    last,
                    "api_client",
                    "bench-seed",
                    json.dumps({"result_code": result[0]}),
                    None,
                    case_id,
                )
            )
        else:
            result = ("", "")
        # 1 in 100 cases is too confidential for citizens (visibility rule in cases.selectors).
        confidentiality = "vertrouwelijk" if rng.random() < 0.01 else "zaakvertrouwelijk"
        if bsn == self.bench_bsn:
            confidentiality = "zaakvertrouwelijk"
        out["case"].append(
            (
                case_id,
                self.reference(agency_id, received_on.year),
                case_type.name,
                "",
                received_on,
                planned_end_on,
                last.date() if closed else None,
                result[0],
                result[1],
                confidentiality,
                "api",
                "",
                "",
                last,
                start,
                agency_id,
                case_type.pk,
                status_id,
            )
        )
        out["role"].append((self.ids.next("role"), bsn, "initiator", start, case_id))
        if rng.random() < 0.03:
            other = rng.choice(self.bsns)
            if other != bsn:
                out["role"].append((self.ids.next("role"), other, "mede_initiator", start, case_id))
        kinds = [("receipt", start, "Ontvangstbevestiging")]
        if closed:
            kinds.append(("decision", last, "Besluit"))
        elif len(path) > 2:
            kinds.append(("upload" if 3 in path else "agency", moments[2], "Brief"))
        for kind, moment, title in kinds:
            name, content_type, size, sha256 = self.files[kind]
            decision_date = last.date() if kind == "decision" else None
            out["document"].append(
                (
                    self.ids.next("document"),
                    uuid.UUID(int=rng.getrandbits(128), version=4),
                    f"{title} {case_type.name.lower()}",
                    kind,
                    name,
                    name.rsplit("/", 1)[-1],
                    content_type,
                    size,
                    sha256,
                    "zaakvertrouwelijk",
                    "citizen" if kind == "upload" else "api_client",
                    moment,
                    decision_date,
                    decision_date + timedelta(weeks=6) if decision_date else None,
                    "",
                    case_id,
                    None,
                )
            )


COLUMNS = {
    "case": (
        "cases_case",
        "id, reference, title, description, received_on, planned_end_on, "
        "closed_on, result_code, result_text, confidentiality, source, external_id, "
        "external_url, last_changed_at, created_at, agency_id, case_type_id, current_status_id",
    ),
    "role": ("cases_role", "id, bsn, role_type, created_at, case_id"),
    "statusupdate": (
        "cases_statusupdate",
        "id, set_at, explanation, set_by_kind, "
        "set_by_reference, case_id, set_by_user_id, status_type_id",
    ),
    "caseevent": (
        "cases_caseevent",
        "id, kind, occurred_at, actor_kind, actor_reference, detail, actor_user_id, case_id",
    ),
    "document": (
        "documents_document",
        "id, public_id, title, kind, file, original_filename, "
        "content_type, size, sha256, confidentiality, created_by_kind, created_at, "
        "decision_date, objection_deadline, idempotency_key, case_id, created_by_id",
    ),
}
TABLE_ORDER = ["case", "statusupdate", "role", "caseevent", "document"]
RESET_TABLES = [
    "cases_case",
    "cases_role",
    "cases_statusupdate",
    "cases_caseevent",
    "documents_document",
    "cases_casereferencesequence",
    "identity_localaddress",
    "identity_localperson",
]


def copy_rows(cursor, key: str, rows: list) -> None:
    table, columns = COLUMNS[key]
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(args) -> None:
    from django.db import connection, transaction

    from bench.scale_files import ensure_shared_files
    from cases.models import Case
    from identity.models import LocalPerson

    started = time.perf_counter()
    phase = started

    def report(label: str) -> None:
        nonlocal phase
        now = time.perf_counter()
        print(f"{label:<40} {now - phase:7.1f} s   peak RSS {rss_mb():6.0f} MB", flush=True)
        phase = now

    if Case.objects.exists() or LocalPerson.objects.exists():
        if not args.reset:
            sys.exit(
                "This database already has cases or registry persons. Pass --reset to empty "
                "the seeded tables (TRUNCATE ... CASCADE, append-only tables included)."
            )
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(RESET_TABLES)} RESTART IDENTITY CASCADE")
        report("reset")

    rng = random.Random(args.seed)
    catalogue, agencies = ensure_catalogue(rng)
    ensure_accounts()
    ensure_shared_files()
    report("catalogue, accounts, shared files")

    bsns = citizen_bsns(args.citizens - 1, exclude=args.bench_bsn)
    seed_people(connection, [args.bench_bsn, *bsns], rng)
    report(f"{args.citizens:,} citizens (registry, accounts)")

    gen = Generator(
        catalogue=catalogue, agencies=agencies, bsns=bsns, bench_bsn=args.bench_bsn, rng=rng
    )
    # The benchmark citizen: 10 cases at each of 5 agencies, spread over the run.
    bench_agencies = [
        a.pk for a in agencies if a.slug in ("utrecht", "belastingdienst", "uwv", "duo", "rijnland")
    ]
    bench_slots = set(rng.sample(range(args.cases), 50)) if args.cases >= 50 else set()
    bench_index = 0
    totals = dict.fromkeys(TABLE_ORDER, 0)
    done = 0
    while done < args.cases:
        batch = min(args.batch, args.cases - done)
        out = {key: [] for key in TABLE_ORDER}
        for i in range(done, done + batch):
            if i in bench_slots:
                gen.case_rows(args.bench_bsn, bench_agencies[bench_index % 5], out)
                bench_index += 1
            else:
                gen.case_rows(rng.choice(bsns), rng.choice(gen.agency_ids), out)
        with transaction.atomic(), connection.cursor() as cursor:
            for key in TABLE_ORDER:
                copy_rows(cursor, key, out[key])
                totals[key] += len(out[key])
        done += batch
        if done % (args.batch * 10) == 0 or done == args.cases:
            report(f"cases {done:>10,}")
        del out

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO cases_casereferencesequence (agency_id, year, last_number) "
            "VALUES (%s, %s, %s)",
            [(agency_id, year, n) for (agency_id, year), n in gen.numbers.items()],
        )
        for table in (
            "cases_case",
            "cases_role",
            "cases_statusupdate",
            "cases_caseevent",
            "documents_document",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
    report("reference sequences, id sequences")
    # What autovacuum would do on a live database: statistics for the planner and
    # the visibility map, without which counts cannot be index-only scans.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(RESET_TABLES)}, identity_user")
    report("VACUUM (ANALYZE)")

    elapsed = time.perf_counter() - started
    print()
    for key in TABLE_ORDER:
        print(f"{COLUMNS[key][0]:<24} {totals[key]:>12,} rows")
    print(f"citizens                 {args.citizens:>12,}")
    print(f"benchmark citizen        {args.bench_bsn} ({bench_index} cases at 5 agencies)")
    print(f"benchmark caseworker     {BENCH_CASEWORKER} (agency {BENCH_CASEWORKER_AGENCY})")
    print(f"total time               {elapsed:>10.1f} s")
    print(f"peak RSS (this process)  {rss_mb():>10.0f} MB  (goal <= 1024 MB)")


def seed_people(connection, bsns: list[str], rng: random.Random) -> None:
    """Registry rows (LocalPerson + current LocalAddress) and citizen accounts, by COPY."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM identity_user WHERE bsn IS NOT NULL")
        have_account = {row[0] for row in cursor.fetchall()}
        with cursor.copy(
            "COPY identity_localperson (id, bsn, first_names, prefix, surname, date_of_birth, "
            "nationality) FROM STDIN"
        ) as copy:
            for pk, bsn in enumerate(bsns, start=1):
                prefix, surname = rng.choice(SURNAMES)
                born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 65))
                copy.write_row(
                    (pk, bsn, rng.choice(FIRST_NAMES), prefix, surname, born, "Nederlandse")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000, help="cases per COPY transaction")
    parser.add_argument("--bench-bsn", default=BENCH_BSN)
    parser.add_argument("--seed", type=int, default=10, help="random seed (same seed, same data)")
    parser.add_argument("--reset", action="store_true", help="empty the seeded tables first")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Give a PostgreSQL --database-url (or DATABASE_URL); COPY needs PostgreSQL.")
    if args.citizens < 2 or args.cases < 50:
        sys.exit("Need at least 2 citizens and 50 cases (the benchmark citizen has 50).")
    setup_django(args.database_url)
    seed(args)


if __name__ == "__main__":
    main()
