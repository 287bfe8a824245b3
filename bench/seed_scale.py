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
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale_cases import COLUMNS, TABLE_ORDER, Generator, copy_rows  # noqa: E402
from bench.scale_catalogue import ensure_catalogue  # noqa: E402
from bench.scale_people import (  # noqa: E402
    BENCH_BSN,
    BENCH_CASEWORKER,
    BENCH_CASEWORKER_AGENCY,
    citizen_bsns,
    ensure_accounts,
    seed_people,
)

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


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django(database_url: str) -> None:
    os.environ["BENCH_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


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
