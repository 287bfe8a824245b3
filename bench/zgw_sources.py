"""Benchmark Mijn overzicht with cases from ZGW sources (issue 20).

    .venv/bin/python bench/zgw_sources.py [--runs 30] [--latency 0.05] [--timeout 2]

Self-contained: a throw-away SQLite test database (portal.settings.test) and
three ZGW test servers (zgw/testing), each answering every request after
`--latency` seconds, each with three zaken for the citizen. The citizen also
has ten local cases. Contenders, interleaved round by round:

- "all local": the overview with no ZGW source;
- "1 ZGW source": one source configured;
- "3 ZGW sources": all three.

The per-citizen cache is off (ZGW_CACHE_SECONDS=0), so every round asks the
sources again; catalogue objects stay cached, as in production. Prints median
and p95 per contender, the sum of the three single-source costs that a
sequential fetch would pay, and the ratios. Then one source hangs: the page
must still answer within ZGW_PAGE_TIMEOUT (`--timeout`) plus rendering.
Goal: "3 sources" ≈ "1 source" (one source's answer plus our rendering), not 3x.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import median, percentile  # noqa: E402

BSN = "999993653"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ["TEST_DATABASE_URL"] = f"sqlite:///{ROOT}/var/bench-zgw.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    settings.ZGW_CACHE_SECONDS = 0
    settings.ZGW_PAGE_TIMEOUT = args.timeout

    from bench.harness import log_in_citizen_client
    from cases.tests.factories import AgencyFactory, CaseFactory
    from identity.tests.factories import CitizenFactory
    from zgw.models import CaseSystem, SourceKind
    from zgw.testing.server import FakeZgw, RunningServer
    from zgw.testing.story import tell
    from zgw.tests.conftest import case_system_for

    CitizenFactory(bsn=BSN)
    for _ in range(10):
        CaseFactory(bsn=BSN)
    servers = [
        RunningServer(FakeZgw(page_size=20, rsin=rsin))
        for rsin in ("002220647", "001234567", "003214345")
    ]
    systems = []
    for index, server in enumerate(servers):
        server.__enter__()
        tell(server.fake, bsn=BSN)
        agency = AgencyFactory(name=f"Zaaksysteem {index + 1}", slug=f"zgw-{index + 1}")
        system = case_system_for(server, agency)
        systems.append(system)
    client = log_in_citizen_client(BSN)

    def configure(active: int) -> None:
        for index, system in enumerate(systems):
            kind = SourceKind.ZGW if index < active else SourceKind.OPEN_LOKET
            CaseSystem.objects.filter(pk=system.pk).update(kind=kind)

    def measure(active: int) -> float:
        configure(active)
        started = time.perf_counter()
        response = client.get("/mijn/")
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        assert b"niet bereikbaar" not in response.content
        return elapsed

    contenders = {"all local": 0, "1 ZGW source": 1, "3 ZGW sources": 3}
    times: dict[str, list[float]] = {name: [] for name in contenders}
    print(f"Mijn overzicht, {args.runs} rounds, source latency {args.latency * 1000:.0f} ms")
    for server in servers:
        server.fake.latency = args.latency
    for round_number in range(args.warmup + args.runs):
        for name, active in contenders.items():
            elapsed = measure(active)
            if round_number >= args.warmup:
                times[name].append(elapsed)
    for name, values in times.items():
        p95 = percentile(values, 0.95)
        print(f"  {name:15} median {median(values) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms")
    local, one, three = (median(times[name]) for name in contenders)
    sequential = 3 * (one - local) + local
    print(
        f"  3 sources / 1 source: {three / one:.2f}x  "
        f"(sequential would be ~{sequential * 1000:.0f} ms)"
    )
    print(
        f"  3 sources / all local: {three / local:.2f}x;  1 source / all local: {one / local:.2f}x"
    )

    configure(3)
    servers[1].fake.hang = True
    started = time.perf_counter()
    response = client.get("/mijn/")
    elapsed = time.perf_counter() - started
    shown = b"niet bereikbaar" in response.content
    print(
        f"One source hanging (timeout {args.timeout:.1f} s): answered {response.status_code} in "
        f"{elapsed * 1000:.0f} ms; 'niet bereikbaar' shown: {shown}"
    )
    violations = [v for server in servers for v in server.fake.violations]
    print(f"Requests/responses not conform the VNG documents: {len(violations)}")
    for server in servers:
        server.__exit__(None, None, None)
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
