"""Figures of bench/load.py: server-side times from gunicorn's access log, the
per-endpoint table, and the summary it prints.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from bench.stats import percentile

# gunicorn --access-logformat: request time in microseconds, status, method, the
# driver's endpoint name (a request header, "-" when absent), the path without
# query string (no personal data is in our paths; docs/architecture.md) and the
# response's Server-Timing header (portal.middleware.ServerTimingMiddleware).
ACCESS_LOG_FORMAT = "%(D)s %(s)s %(m)s %({x-bench-endpoint}i)s %(U)s %({server-timing}o)s"
UNLABELLED = "-"
CPU_TIMING = re.compile(r"(?:^|,)\s*cpu;dur=([0-9.]+)")
# Citizen pages held to the 100 ms (server-side p95) goal. The login hops are the
# IdP's and the SAML machinery's (the issue measures the ACS separately), and
# request_send renders the receipt PDF inside the request by design (issue 9).
CITIZEN_PAGES = [
    "overview",
    "case",
    "download",
    "product",
    "search",
    "request_form",
    "request_check",
    "request_sent",
]


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


def login_failures(log_path: Path) -> dict[str, int]:
    """The reasons the SP logged for failed logins ("artifact-transport: ReadTimeout"
    means the IdP did not answer the ACS's SOAP call within 10 s)."""
    reasons: dict[str, int] = {}
    for line in log_path.read_text(errors="replace").splitlines():
        _, found, reason = line.partition("DigiD login failed: ")
        if found:
            reasons[reason.strip()] = reasons.get(reason.strip(), 0) + 1
    return reasons


def task_counts(database_url: str) -> dict[str, int]:
    parts = urlsplit(database_url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname=parts.path.lstrip("/"),
    ) as conn:
        rows = conn.execute(
            "SELECT task_path, status, count(*) FROM django_tasks_database_dbtaskresult"
            " GROUP BY task_path, status"
        ).fetchall()
    return {f"{path.rsplit('.', 1)[-1]} {status}": count for path, status, count in rows}


# --- report -------------------------------------------------------------------------
def endpoint_table(result: dict, server: dict[str, list[float]], cpu: dict) -> list[dict]:
    rows = []
    seconds = result["elapsed_s"]
    names = list(result["latency_ms"]) + [name for name in server if name.startswith("(")]
    for name in names:
        client = result["latency_ms"].get(name, [])
        served = server.get(name, [])
        rows.append(
            {
                "endpoint": name,
                "requests": len(client) or len(served),
                "per_s": round((len(client) or len(served)) / seconds, 2),
                "errors": sum(result["errors"].get(name, {}).values()),
                "client_ms": [round(percentile(client, p), 1) for p in (0.5, 0.95, 0.99)],
                "server_ms": [round(percentile(served, p), 1) for p in (0.5, 0.95, 0.99)],
                "cpu_ms": [round(percentile(cpu.get(name, []), p), 1) for p in (0.5, 0.95)],
            }
        )
    return rows


def print_table(rows: list[dict]) -> None:
    print(
        f"{'endpoint':<34}{'reqs':>7}{'req/s':>7}{'err':>5}"
        f"{'client p50/p95/p99 ms':>23}{'server p50/p95/p99 ms':>23}{'cpu p50/p95':>13}"
    )
    for row in rows:
        client = "/".join(_ms(v) for v in row["client_ms"])
        server = "/".join(_ms(v) for v in row["server_ms"])
        cpu = "/".join(_ms(v) for v in row["cpu_ms"])
        print(
            f"{row['endpoint']:<34}{row['requests']:>7}{row['per_s']:>7}{row['errors']:>5}"
            f"{client:>23}{server:>23}{cpu:>13}"
        )


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def print_summary(summary: dict, *, share: float, out: Path) -> None:
    """What bench/load.py prints at the end; every figure is also in summary.json."""
    rows, memory, maximum = summary["endpoints"], summary["memory"], summary["max_rps"]
    duration, rate = summary["duration_s"], summary["rate"]
    print()
    print(
        f"Run: {duration:.0f} s at {rate} req/s offered ({share:.0%} of {maximum} req/s maximum)"
        if maximum
        else f"Run: {duration:.0f} s at {rate} req/s offered (--rate)"
    )
    print(
        f"Served {summary['requests']} requests ({summary['throughput_rps']:.1f} req/s), "
        f"{summary['visits']} visits, {summary['errors']} errors"
    )
    for sample in summary["error_samples"][:5]:
        print(f"  error: {sample}")
    if summary["login_failures"]:
        print(f"  failed logins, as the SP logged them: {summary['login_failures']}")
    if summary["retries"]:
        print(f"  GETs sent again after a dropped keep-alive connection: {summary['retries']}")
    print_table(rows)
    worst = max(
        (row["server_ms"][1] for row in rows if row["endpoint"] in CITIZEN_PAGES), default=math.nan
    )
    print(f"Citizen pages, worst server-side p95: {_ms(worst)} ms (goal <= 100 ms)")
    window = summary["memory_window_s"]
    print(
        f"Memory (RSS, MB; first vs last {window:.0f} s; goal worker <= 250, task worker <= 300):"
    )
    for label, figures in sorted(memory.items()):
        print(
            f"  {label:<24} peak {figures['peak_mb']:>6}  first {figures['first_window_mb']:>6}"
            f"  last {figures['last_window_mb']:>6}  ({figures['samples']} samples)"
        )
    print(f"Tasks: {summary['tasks']}")
    print(f"uptime: start {summary['uptime_start']}")
    print(f"        after ramp {summary['uptime_after_ramp']}")
    print(f"        end {summary['uptime_end']}")
    print(f"Summary: {out / 'summary.json'}")
