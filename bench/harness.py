"""Shared machinery of the at-scale benchmarks (bench/README.md).

One process holds one persistent connection to each database (the 1k and the
1M one) and swaps Django's default connection between them, so one run can
interleave every contender on both databases: round after round, each
contender once on each database, in the same order. Machine noise (the machine
is shared) then hits all contenders alike instead of whichever ran last.

Requests go through Django's test Client: the full middleware stack and the
real URL, in-process, no network. "Server time" is the wall time of
`client.get(...)` including reading a streamed body; the Client's own overhead
is the same for every contender and is part of the floor.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.processes import uptime  # noqa: E402
from bench.stats import median, percentile  # noqa: E402

DEFAULT_SMALL = "postgres://postgres@127.0.0.1:5432/openloket_scale1k"
DEFAULT_LARGE = "postgres://postgres@127.0.0.1:5432/openloket_scale1m"


def parse_args(description: str, *, runs: int = 200) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--small", default=DEFAULT_SMALL, help="the 1k-cases database URL")
    parser.add_argument("--large", default=DEFAULT_LARGE, help="the 1M-cases database URL")
    parser.add_argument("--runs", type=int, default=runs, help="measured rounds")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured rounds first")
    return parser.parse_args()


def setup(args: argparse.Namespace) -> dict[str, object]:
    """Django on the bench settings; returns {"1k": wrapper, "1M": wrapper}."""
    os.environ["BENCH_DATABASE_URL"] = args.small
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.db import connections

    from portal.settings.env import database_from_url

    small = connections["default"]
    large = connections.create_connection("default")
    # A copy: the new wrapper shares the settings dict with the default one.
    large.settings_dict = {
        **large.settings_dict,
        **database_from_url(args.large, base_dir=ROOT),
        "CONN_MAX_AGE": None,
    }
    wrappers = {"1k": small, "1M": large}
    names = set()
    for wrapper in wrappers.values():
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            names.add(cursor.fetchone()[0])
    if len(names) != len(wrappers):
        sys.exit(f"--small and --large must be two databases, got {sorted(names)}")
    print(
        "databases: " + ", ".join(f"{k} = {w.settings_dict['NAME']}" for k, w in wrappers.items())
    )
    return wrappers


def use_database(wrapper) -> None:
    """Make `wrapper` Django's default connection (both stay open)."""
    from django.db import connections

    connections["default"] = wrapper


@dataclass
class Contender:
    """One request to measure: `fetch(client)` returns the response; `prepare()`,
    if given, runs first, untimed (e.g. to get a fresh signed SAML Response)."""

    name: str
    database: str
    client: object
    fetch: object
    expect_status: int = 200
    prepare: object = None
    times_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.name} @ {self.database}"

    def median(self) -> float:
        return median(self.times_ms)

    def p95(self) -> float:
        return percentile(self.times_ms, 0.95)


def _consume(response) -> None:
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    response.close()


def run(contenders: list[Contender], wrappers: dict, *, runs: int, warmup: int) -> None:
    """Round-robin over every contender, `warmup` unmeasured rounds then `runs` measured."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for round_number in range(warmup + runs):
        for contender in contenders:
            use_database(wrappers[contender.database])
            if contender.prepare is not None:
                contender.prepare()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = contender.fetch(contender.client)
                _consume(response)
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != contender.expect_status:
                sys.exit(
                    f"{contender.key}: status {response.status_code}, "
                    f"expected {contender.expect_status}"
                )
            if round_number >= warmup:
                contender.times_ms.append(elapsed)
                contender.queries.append(len(captured))


def query_counts(contender: Contender) -> str:
    counts = sorted(set(contender.queries))
    return "/".join(str(c) for c in counts)


def report(
    title: str,
    contenders: list[Contender],
    *,
    page: str,
    floor: str,
    bare: str,
    goal_floor: float = 2.0,
    goal_scale: float = 1.2,
    load_before: str = "",
    more_pages: tuple[str, ...] = (),
) -> None:
    """The table, then the ratios: page / floor per database, and 1M / 1k, for
    `page` and each of `more_pages` (measured in the same run)."""
    by_key = {c.key: c for c in contenders}
    print(f"\n{title}")
    print(f"load before: {load_before}")
    print(f"load after:  {uptime()}")
    runs = len(contenders[0].times_ms)
    print(f"{runs} measured rounds, contenders interleaved\n")
    print(f"{'contender':<34} {'median ms':>10} {'p95 ms':>9} {'queries':>8}")
    for c in contenders:
        print(f"{c.key:<34} {c.median():>10.2f} {c.p95():>9.2f} {query_counts(c):>8}")
    for name in (page, *more_pages):
        print()
        _ratios(by_key, name, floor, bare, goal_floor, goal_scale)


def _ratios(by_key, page, floor, bare, goal_floor, goal_scale) -> None:
    for database in ("1k", "1M"):
        p, f, b = (by_key[f"{n} @ {database}"] for n in (page, floor, bare))
        print(
            f"{database}: {page} / {floor} = {p.median() / f.median():.2f}x median, "
            f"{p.p95() / f.p95():.2f}x p95 (goal <= {goal_floor}x); "
            f"/ {bare} = {p.median() / b.median():.2f}x median"
        )
    small, large = by_key[f"{page} @ 1k"], by_key[f"{page} @ 1M"]
    print(
        f"1M / 1k for {page}: {large.median() / small.median():.2f}x median, "
        f"{large.p95() / small.p95():.2f}x p95 (goal <= {goal_scale}x)"
    )
    same = query_counts(small) == query_counts(large)
    print(
        f"query count {page}: 1k {query_counts(small)}, 1M {query_counts(large)} "
        f"({'identical' if same else 'DIFFERENT'}; goal identical)"
    )


def report_plain(title: str, contenders: list[Contender], *, page: str, load_before: str) -> None:
    """The table and 1M / 1k, for a step that has no floor page."""
    print(f"\n{title}")
    print(f"load before: {load_before}")
    print(f"load after:  {uptime()}")
    print(f"{len(contenders[0].times_ms)} measured rounds, contenders interleaved\n")
    print(f"{'contender':<34} {'median ms':>10} {'p95 ms':>9} {'queries':>8}")
    for c in contenders:
        print(f"{c.key:<34} {c.median():>10.2f} {c.p95():>9.2f} {query_counts(c):>8}")
    by_key = {c.key: c for c in contenders}
    small, large = by_key[f"{page} @ 1k"], by_key[f"{page} @ 1M"]
    print(
        f"\n1M / 1k for {page}: {large.median() / small.median():.2f}x median, "
        f"{large.p95() / small.p95():.2f}x p95; query count 1k {query_counts(small)}, "
        f"1M {query_counts(large)}"
    )


def log_in_citizen_client(bsn: str):
    """A test Client holding a session made by identity.digid_session.log_in_citizen,
    the function the DigiD ACS calls after a validated assertion."""
    from django.conf import settings
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import Client, RequestFactory

    from identity.digid_session import log_in_citizen
    from identity.loa import LevelOfAssurance
    from identity.saml.validation import DigidIdentity

    request = RequestFactory().get("/digid/acs/")
    SessionMiddleware(lambda r: None).process_request(request)
    identity = DigidIdentity(
        bsn=bsn,
        level=LevelOfAssurance.MIDDEN,
        next_url="/mijn/",
        name_id=f"s00000000:{bsn}",
        session_index="_bench",
    )
    log_in_citizen(request=request, identity=identity)
    request.session.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    return client


def log_in_caseworker_client(username: str, password: str, totp_secret: str):
    """A test Client logged in through allauth's own forms: password, then TOTP."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    response = client.post("/accounts/login/", {"login": username, "password": password})
    if response.status_code != 302:
        sys.exit(f"caseworker login: status {response.status_code}")
    # allauth remembers used codes in the cache by user id, and the same id may
    # exist in the other database: start from an empty (local-memory) cache.
    cache.clear()
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(totp_secret, counter))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    if response.status_code != 302:
        sys.exit(f"caseworker TOTP step: status {response.status_code}")
    return client
