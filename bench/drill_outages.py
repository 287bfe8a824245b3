"""The outage drills (bench/drills.py): PostgreSQL restarted, or Redis stopped, under
load. What to look for: bench/README.md, "Fault drills".
"""

from __future__ import annotations

import collections
import time

from bench.drill_load import Load, citizen_fixtures, describe_phase, load_targets
from bench.drill_stack import Stack, log, ms


def drill_postgres_restart(stack: Stack, args) -> None:
    log("\n== Drill: PostgreSQL restart during load ==")
    load = Load(stack, load_targets(citizen_fixtures(stack)), threads=args.threads)
    load.start()
    t0 = time.monotonic()
    time.sleep(args.before)
    t_stop = time.monotonic()
    stack.stop_postgres("fast")
    t_down = time.monotonic()
    log(f"  PostgreSQL stopped (pg_ctl -m fast, {ms(t_down - t_stop)}); down for {args.down} s")
    time.sleep(args.down)
    t_start = time.monotonic()
    stack.start_postgres()
    t_up = time.monotonic()
    log(f"  PostgreSQL started again ({ms(t_up - t_start)} until it accepted connections)")
    time.sleep(args.after)
    load.stop()
    t_end = time.monotonic()

    describe_phase(load, "before", t0, t_stop)
    describe_phase(load, "outage (stop .. started)", t_stop, t_up)
    describe_phase(load, "after", t_up, t_end)

    log("  recovery after PostgreSQL accepted connections again:")
    for name in load.targets:
        if name == "static":
            continue
        later = sorted(
            (s for s in load.samples if s.target == name and s.at >= t_up), key=lambda s: s.at
        )
        first_ok = next((s for s in later if 200 <= s.status < 500), None)
        bad = [s for s in later if not (200 <= s.status < 500)]
        last_bad = max((s.at + s.seconds for s in bad), default=None)
        log(
            f"    {name:<9} first good answer after "
            f"{'never' if first_ok is None else f'{first_ok.at + first_ok.seconds - t_up:.2f} s'}"
            f"; failures after restart: {len(bad)}"
            + (f" (last {last_bad - t_up:.2f} s after)" if last_bad else "")
        )
    ready_after = sorted(
        (r for r in load.readyz if r[0] >= t_up and r[1] == 200), key=lambda r: r[0]
    )
    down_seen = [r for r in load.readyz if t_stop <= r[0] < t_up and r[2].get("database") == "down"]
    log(
        f"    readyz    reported database down {len(down_seen)} times during the outage; "
        f"ready again after "
        + (f"{ready_after[0][0] - t_up:.2f} s" if ready_after else "never (in this run)")
    )
    outage = [s for s in load.samples if t_stop <= s.at < t_up and s.target != "static"]
    if outage:
        log(
            f"  fail fast: slowest answer during the outage {ms(max(s.seconds for s in outage))}; "
            f"500s: {sum(s.status == 500 for s in outage)}; no answer: "
            f"{sum(s.status == 0 for s in outage)}"
        )


def drill_redis_stop(stack: Stack, args) -> None:
    log("\n== Drill: Redis stopped during load ==")
    load = Load(stack, load_targets(citizen_fixtures(stack)), threads=args.threads)
    load.start()
    t0 = time.monotonic()
    time.sleep(args.before)
    t_stop = time.monotonic()
    stack.stop_redis()
    log(f"  redis-server stopped (SIGTERM); down for {args.down} s")
    time.sleep(args.down)
    t_start = time.monotonic()
    stack.start_redis()
    log("  redis-server started again")
    time.sleep(args.after)
    load.stop()
    t_end = time.monotonic()
    describe_phase(load, "before", t0, t_stop)
    describe_phase(load, "Redis down", t_stop, t_start)
    describe_phase(load, "after", t_start, t_end)
    down = [r for r in load.readyz if t_stop <= r[0] < t_start]
    log(
        f"  readyz while Redis was down: {dict(collections.Counter(r[1] for r in down))} "
        "(200 'degraded': the cache is optional, so app servers stay in rotation)"
    )
    cache_ok = sorted(
        (r for r in load.readyz if r[0] >= t_start and r[2].get("cache") == "ok"),
        key=lambda r: r[0],
    )
    log(
        "  readyz reported the cache ok again after "
        + (f"{cache_ok[0][0] - t_start:.2f} s" if cache_ok else "never (in this run)")
        + " (each process's circuit breaker retries Redis after 5 s)"
    )
