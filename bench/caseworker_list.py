"""Benchmark the caseworker's case list (/beheer/zaken/) at 1k and at 1M cases.

    .venv/bin/python bench/caseworker_list.py
      [--small postgres://.../openloket_scale1k] [--large postgres://.../openloket_scale1m]
      [--runs 100] [--warmup 10]

The benchmark caseworker of bench/seed_scale.py (one agency: 1/20 of all cases,
~50,000 at 1M) logs in through allauth's forms, password then TOTP, once per
database. Contenders, interleaved round by round, on both databases:

- "list": the default list (all cases of the agency, newest change first), page 1;
- "filtered": open cases in status "in_behandeling", sorted by deadline, page 3;
- "floor": an empty page on the Wagtail admin base template behind the same
  admin-access and caseworker checks (bench/urls.py); "bare": a few bytes behind them.

Prints median/p95 server time and SQL queries, page/floor per database and 1M/1k.
Goals (issue 10, same method as the citizen pages): <= 2.0x floor; 1M <= 1.2x 1k;
query count identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

PAGES = {
    "list": "/beheer/zaken/",
    "filtered": "/beheer/zaken/?state=open&status=in_behandeling&sort=planned_end_on&p=3",
    "floor": "/beheer/bench/vloer/",
    "bare": "/beheer/bench/kaal/",
}


def main() -> None:
    args = harness.parse_args(__doc__.split("\n\n")[0], runs=100)
    load_before = harness.uptime()
    wrappers = harness.setup(args)

    from bench.scale_people import BENCH_CASEWORKER, BENCH_CASEWORKER_PASSWORD, TEST_TOTP_SECRET

    contenders = []
    for database, wrapper in wrappers.items():
        harness.use_database(wrapper)
        client = harness.log_in_caseworker_client(
            BENCH_CASEWORKER, BENCH_CASEWORKER_PASSWORD, TEST_TOTP_SECRET
        )
        for name, path in PAGES.items():
            contenders.append(
                harness.Contender(
                    name=name,
                    database=database,
                    client=client,
                    fetch=lambda c, path=path: c.get(path),
                )
            )
    harness.run(contenders, wrappers, runs=args.runs, warmup=args.warmup)
    for page in ("list", "filtered"):
        harness.report(
            f"caseworker case list: {page} ({PAGES[page]})",
            contenders,
            page=page,
            floor="floor",
            bare="bare",
            load_before=load_before,
        )


if __name__ == "__main__":
    main()
