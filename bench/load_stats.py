"""Small pure helpers of bench/load.py: percentiles, the access log, /proc memory.

No third-party imports, so the tests (portal/tests/test_bench_load.py) and the
orchestrator can use them without Django.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path

# gunicorn --access-logformat: request time in microseconds, status, method, the
# driver's endpoint name (a request header, "-" when absent), the path without
# query string (no personal data is in our paths; docs/architecture.md) and the
# response's Server-Timing header (portal.middleware.ServerTimingMiddleware).
ACCESS_LOG_FORMAT = "%(D)s %(s)s %(m)s %({x-bench-endpoint}i)s %(U)s %({server-timing}o)s"
UNLABELLED = "-"
CPU_TIMING = re.compile(r"(?:^|,)\s*cpu;dur=([0-9.]+)")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of unsorted values; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def parse_access_log(lines) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(server wall ms, server CPU ms) per endpoint from ACCESS_LOG_FORMAT lines.

    Requests without the driver's header are keyed by their path, so they are
    reported too. CPU is the request thread's, from Server-Timing when present.
    """
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for line in lines:
        parts = line.split(maxsplit=5)
        if len(parts) < 5 or not parts[0].isdigit():
            continue
        micros, _status, _method, endpoint, path = parts[:5]
        key = endpoint if endpoint != UNLABELLED else f"(internal) {path}"
        wall[key].append(int(micros) / 1000)
        timing = CPU_TIMING.search(parts[5]) if len(parts) == 6 else None
        if timing:
            cpu[key].append(float(timing.group(1)))
    return dict(wall), dict(cpu)


def proc_memory_kb(pid: int, proc: Path = Path("/proc")) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in kB."""
    found: dict[str, int] = {}
    for line in (proc / str(pid) / "status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            found[key] = int(value.split()[0])
    return found


def child_pids(pid: int, proc: Path = Path("/proc")) -> list[int]:
    """Direct children of a process (gunicorn's workers under its master)."""
    children: list[int] = []
    for task in (proc / str(pid) / "task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(value) for value in text]
    return sorted(set(children))


def first_last_window(samples: list[tuple[float, int]], window: float) -> tuple[float, float]:
    """Mean of the samples in the first and in the last `window` seconds (t, value) pairs."""
    if not samples:
        return math.nan, math.nan
    start, end = samples[0][0], samples[-1][0]
    first = [value for t, value in samples if t - start <= window]
    last = [value for t, value in samples if end - t <= window]
    return sum(first) / len(first), sum(last) / len(last)
