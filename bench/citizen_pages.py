"""Benchmark the citizen's pages at 1k and at 1M cases, against the framework floor.

    .venv/bin/python bench/citizen_pages.py overview   # Mijn overzicht (50 cases, 5 agencies)
    .venv/bin/python bench/citizen_pages.py case       # one case page
    .venv/bin/python bench/citizen_pages.py download   # one document download (24 kB PDF)
    .venv/bin/python bench/citizen_pages.py both       # overview and case page in one run
      [--small postgres://.../openloket_scale1k] [--large postgres://.../openloket_scale1m]
      [--runs 200] [--warmup 20]

Both databases are seeded by bench/seed_scale.py (bench/README.md has the commands).
The benchmark citizen logs in through identity.digid_session.log_in_citizen (what the
DigiD ACS calls) once per database. Contenders, interleaved round by round, on
both databases: the page; "floor", an empty page on the personal base template
behind the same citizen_required check (bench/urls.py); "bare", a few bytes
behind the same check. Prints median/p95 server time and SQL queries per request,
page/floor per database and 1M/1k. Goals (issue 10): page <= 2.0x floor;
1M <= 1.2x 1k; query count identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

PAGES = {
    "overview": "Mijn overzicht",
    "case": "case page",
    "download": "document download",
}


def _targets(bsn: str) -> dict[str, str]:
    """The URLs of this citizen's overview, busiest case and first decision document."""
    from django.db.models import Count

    from cases.models import Case
    from documents.models import Document

    cases = Case.objects.for_bsn(bsn)
    case = (
        cases.annotate(updates=Count("status_updates", distinct=True))
        .select_related("agency")
        .order_by("closed_on", "-updates", "reference")
        .first()
    )
    document = (
        Document.objects.filter(case__in=cases, kind="decision").order_by("case__reference").first()
    )
    return {
        "overview": "/mijn/",
        "case": case.get_absolute_url(),
        "download": document.get_absolute_url(),
    }


# "both": issue 21's two goals side by side, against the same floor in one run.
BOTH = ("overview", "case")


def main() -> None:
    choices = (*PAGES, "both")
    which = sys.argv.pop(1) if len(sys.argv) > 1 and sys.argv[1] in choices else None
    if which is None:
        sys.exit(f"usage: bench/citizen_pages.py {{{','.join(choices)}}} [options]")
    pages = BOTH if which == "both" else (which,)
    args = harness.parse_args(__doc__.split("\n\n")[0])
    load_before = harness.uptime()
    wrappers = harness.setup(args)

    from bench.scale_files import ensure_shared_files
    from bench.scale_people import BENCH_BSN

    ensure_shared_files()
    contenders = []
    for database, wrapper in wrappers.items():
        harness.use_database(wrapper)
        client = harness.log_in_citizen_client(BENCH_BSN)
        targets = _targets(BENCH_BSN)
        print(f"{database}: " + ", ".join(targets[p] for p in pages))
        for name, path in (
            *((PAGES[p], targets[p]) for p in pages),
            ("floor", "/mijn/bench/vloer/"),
            ("bare", "/mijn/bench/kaal/"),
        ):
            contenders.append(
                harness.Contender(
                    name=name,
                    database=database,
                    client=client,
                    fetch=lambda c, path=path: c.get(path),
                )
            )
    harness.run(contenders, wrappers, runs=args.runs, warmup=args.warmup)
    harness.report(
        " and ".join(PAGES[p] for p in pages)
        + " for the benchmark citizen (50 cases at 5 agencies)",
        contenders,
        page=PAGES[pages[0]],
        more_pages=tuple(PAGES[p] for p in pages[1:]),
        floor="floor",
        bare="bare",
        load_before=load_before,
    )


if __name__ == "__main__":
    main()
