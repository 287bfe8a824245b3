"""Benchmark: an anonymous product page against a whitenoise static file, both
served by the same gunicorn in the same run, and the ratio of their requests/s.

    .venv/bin/python bench/product_page.py [--rounds 3] [--duration 10] [--connections 8]

What it does, in order:
1. Prepares the bench database (created if missing): migrate, collectstatic into
   var/static (whitenoise serves the hashed files from there) and seed_demo.
2. Starts gunicorn as production does (portal.settings.production: DEBUG off,
   PostgreSQL, the Redis cache, `--workers 2 --threads 2` as in docs/deploy.md).
3. Drives it from a second process on loopback with wrk (Debian package `wrk`):
   the product page and a static file alternately, `--rounds` times each, so a
   busy machine slows both alike. Requests carry `X-Forwarded-Proto: https` as
   from the TLS proxy in front of production (SECURE_SSL_REDIRECT stays on).
4. Prints requests/s and latency per round, the medians, the ratio, the response
   sizes, and `uptime` before and after (the machine is shared).

`--page-cache off` runs the same with PAGE_CACHE_ENABLED=false, for comparison.
Goal (issue 10): page requests/s >= 0.5x the static file's. Prints; never fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.processes import (
    ROOT,
    Processes,
    ensure_database,
    gunicorn_command,
    manage,
    uptime,
    wait_until_ready,
)
from bench.stats import median

PRODUCT_PATH = "/producten/paspoort-aanvragen/"
STATIC_NAME = "css/portal.css"
HEADERS = {"X-Forwarded-Proto": "https", "Host": "localhost"}


def server_env(args) -> dict[str, str]:
    return {
        **os.environ,
        # Production settings unchanged (bench/settings.py, profile "production").
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_PROFILE": "production",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        # No clamd on the bench: uploads, if any, are not scanned.
        "VIRUS_SCAN_REQUIRED": "false",
        "PORTAL_BASE_URL": "https://localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "PAGE_CACHE_ENABLED": "true" if args.page_cache == "on" else "false",
        "LOG_LEVEL": "WARNING",
    }


def prepare(env: dict[str, str], args) -> None:
    ensure_database(args.database_url)
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        # Before seed_demo: its decision letters (PDF) look their CSS up in the manifest.
        ["collectstatic", "--no-input", "-v", "0"],
        ["seed_demo"],
    ):
        print(f"manage.py {' '.join(command)}", flush=True)
        manage(*command, env=env)


def static_url() -> str:
    manifest = json.loads((ROOT / "var" / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][STATIC_NAME]


def fetch(base: str, path: str) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(base + path, headers=HEADERS)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)|Socket errors:.*")
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, args) -> dict:
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections)]
    command += ["-d", f"{args.duration}s", "--latency"]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = {int(p): float(v) * UNIT_MS[u] for p, v, u in WRK_LATENCY.findall(output)}
    errors = [m.group(0).strip() for m in WRK_ERRORS.finditer(output)]
    return {"rps": float(WRK_RPS.search(output).group(1)), "latency": latency, "errors": errors}


def show(label: str, result: dict) -> None:
    lat = result["latency"]
    errors = "; ".join(result["errors"]) or "no errors"
    print(
        f"  {label:<13} {result['rps']:8.0f} req/s   p50 {lat.get(50, 0):6.2f} ms"
        f"   p90 {lat.get(90, 0):6.2f} ms   p99 {lat.get(99, 0):6.2f} ms   {errors}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/openloket_cachebench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/1")
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--page-cache", choices=["on", "off"], default="on")
    parser.add_argument("--skip-prepare", action="store_true", help="database already seeded")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    env = server_env(args)
    if not args.skip_prepare:
        prepare(env, args)
    static_path = static_url()
    base = f"http://127.0.0.1:{args.port}"
    log = ROOT / "var" / "bench-product-page-gunicorn.log"
    processes = Processes()
    server = processes.start(
        gunicorn_command(
            port=args.port,
            workers=2,
            threads=2,
            control_socket=ROOT / "var" / "bench-product-page-gunicorn.ctl",
            options=["--max-requests", "0", "--access-logfile", "/dev/null"],
        ),
        env=env,
        log_path=log,
    )
    try:
        wait_until_ready(base + "/healthz", process=server, log_path=log, headers=HEADERS)
        targets = {"product page": PRODUCT_PATH, "static file": static_path}
        for label, path in targets.items():
            status, body, headers = fetch(base, path)
            print(
                f"{label}: {path} -> {status}, {len(body)} bytes,"
                f" Cache-Control: {headers.get('Cache-Control', '-')}"
            )
            if status != 200:
                raise SystemExit(f"{label} answered {status}; is the demo data seeded?")
        print(f"before: {uptime()}")
        print(
            f"gunicorn --workers 2 --threads 2; wrk -t{args.threads} -c{args.connections}"
            f" -d{args.duration}s; page cache {args.page_cache}"
        )
        results: dict[str, list[dict]] = {label: [] for label in targets}
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}")
            for label, path in targets.items():
                result = run_wrk(base + path, args)
                results[label].append(result)
                show(label, result)
        print(f"after:  {uptime()}")
        medians = {label: median([r["rps"] for r in rs]) for label, rs in results.items()}
        page, static = medians["product page"], medians["static file"]
        print(f"median product page {page:.0f} req/s, static file {static:.0f} req/s")
        print(f"ratio page/static {page / static:.2f}x (goal >= 0.5x)")
    finally:
        processes.stop_all()


if __name__ == "__main__":
    main()
