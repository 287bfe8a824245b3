"""Load and memory under a realistic citizen mix (issue 10, "Load and faults").

    .venv/bin/python bench/load.py [--duration 120] [--rate N] [--port 8140]

One command, bounded in time and requests. It:

1. prepares its own PostgreSQL database (created if missing, migrated, demo data,
   200 bench citizens in the local registry, a decision template per requestable
   case type) and collects static files;
2. starts the portal as production would run it: gunicorn (2 workers x 4 threads,
   no --max-requests so a leak would show), PostgreSQL, the Redis cache, DEBUG off,
   the production settings plus the development IdP (bench/load_settings.py says
   why and what else differs), and one `db_worker` task worker;
3. finds the maximum throughput with a short closed-loop ramp (more and more
   virtual citizens without think time; the best step wins);
4. runs the mix paced at --share (70%) of that maximum for --duration seconds,
   while a feeder records a decision every --decision-interval seconds so the
   task worker renders decision PDFs, and samples every process's RSS from /proc;
5. prints throughput, client and server-side (gunicorn %(D)s) p50/p95/p99 and
   errors per endpoint, peak RSS per gunicorn worker and of the task worker, the
   first-minute vs last-minute RSS, and `uptime` before and after each phase;
   writes everything to var/loadrun/summary.json.

The load driver (bench/load_driver.py) is a second process on loopback and
shares the machine's cores with the server; that is part of every figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load_stats import (
    ACCESS_LOG_FORMAT,
    child_pids,
    first_last_window,
    parse_access_log,
    percentile,
    proc_memory_kb,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
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


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- preparation ----------------------------------------------------------------
def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the bench database; with `fresh`, drop it first. Its document rows
    point at files under --out/private, so a database kept from a run in another
    checkout (or after var/ was cleaned) would serve downloads of missing files."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if fresh and "load" not in name:
        sys.exit(f"Refusing to drop {name!r}: a fresh load database must have 'load' in its name.")
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def static_is_current() -> bool:
    """True when var/static's manifest is newer than every source static file
    (collectstatic compresses everything again: minutes on a busy machine)."""
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    sources = [ROOT / "portal" / "static", *ROOT.glob("*/static")]
    lock = ROOT / "requirements.lock"  # a new Wagtail brings new admin files
    return lock.stat().st_mtime < built and all(
        path.stat().st_mtime < built
        for source in sources
        if source.is_dir() and source != ROOT / "var" / "static"
        for path in source.rglob("*")
    )


def prepare(env: dict, args) -> Path:
    # Fresh when the files the database would point at are not there.
    ensure_database(args.database_url, fresh=not (args.out / "private").is_dir())
    manage = [PYTHON, "manage.py"]
    # collectstatic first: seed_demo renders a PDF, which reads the hashed CSS.
    commands = [["migrate", "--no-input", "-v", "0"], ["seed_demo"]]
    if not static_is_current():
        commands.insert(0, ["collectstatic", "--no-input", "-v", "0"])
    for command in commands:
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        log(f"  {command[0]} done")
    plan = args.out / "plan.json"
    subprocess.run(
        [
            PYTHON,
            "-m",
            "bench.load_django",
            "seed",
            "--citizens",
            str(args.citizens),
            "--plan",
            str(plan),
            "--idp-metadata",
            env["DIGID_IDP_METADATA_FILE"],
            "--idp-url",
            args.idp_url,
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return plan


# --- processes --------------------------------------------------------------------
class Processes:
    """Everything this run starts, each in its own session so it can be stopped
    as a group by its own id (never by name)."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, command: list[str], *, env: dict, log_path: Path) -> subprocess.Popen:
        handle = log_path.open("wb")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the portal at {url} did not become ready in {timeout:.0f} s")


def gunicorn_command(args, *, port: int, workers: int, name: str) -> list[str]:
    access_log = args.out / ("access.log" if name == "portal" else f"{name}-access.log")
    access_log.write_text("")
    return [
        GUNICORN,
        "portal.wsgi",
        "--workers",
        str(workers),
        "--threads",
        str(args.threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        # gunicorn 25's control socket defaults to ~/.gunicorn/: one per server here.
        "--control-socket",
        str(args.out / f"{name}.ctl"),
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        ACCESS_LOG_FORMAT,
    ]


# --- driving ------------------------------------------------------------------------
def drive(args, plan: Path, *, name: str, users: int, seconds: float, rate: float = 0.0) -> dict:
    out = args.out / f"driver-{name}.json"
    command = [
        PYTHON,
        str(ROOT / "bench" / "load_driver.py"),
        "--url",
        args.url,
        "--idp-url",
        args.idp_url,
        "--plan",
        str(plan),
        "--users",
        str(users),
        "--duration",
        str(seconds),
        "--rate",
        str(rate),
        "--max-requests",
        str(args.max_requests),
        "--out",
        str(out),
    ]
    subprocess.run(command, cwd=ROOT, check=True, timeout=seconds + 120)
    return json.loads(out.read_text())


def totals(result: dict) -> tuple[int, int, float]:
    requests = sum(len(values) for values in result["latency_ms"].values())
    errors = sum(sum(kinds.values()) for kinds in result["errors"].values())
    return requests, errors, requests / result["elapsed_s"]


def ramp(args, plan: Path) -> float:
    best = 0.0
    for users in args.ramp_users:
        result = drive(args, plan, name=f"ramp-{users}", users=users, seconds=args.ramp_step)
        _, errors, rps = totals(result)
        log(f"ramp {users:3d} users: {rps:6.1f} req/s, {errors} errors ({uptime()})")
        if errors == 0 and rps > best:
            best = rps
        elif rps < best * 0.97:
            break  # past the knee: more users only queue
    return best


# --- memory -----------------------------------------------------------------------
class MemorySampler(threading.Thread):
    def __init__(self, *, gunicorn_pid: int, task_pid: int, interval: float):
        super().__init__(daemon=True)
        self.gunicorn_pid, self.task_pid, self.interval = gunicorn_pid, task_pid, interval
        self.samples: dict[str, list[tuple[float, int]]] = {}
        self.peaks: dict[str, int] = {}
        self.halt = threading.Event()
        self.started_at = time.monotonic()

    def sample(self) -> None:
        now = time.monotonic() - self.started_at
        processes = {f"gunicorn worker {pid}": pid for pid in child_pids(self.gunicorn_pid)}
        processes["task worker"] = self.task_pid
        for label, pid in processes.items():
            try:
                memory = proc_memory_kb(pid)
            except (FileNotFoundError, ProcessLookupError):
                continue
            self.samples.setdefault(label, []).append((now, memory["VmRSS"]))
            self.peaks[label] = max(self.peaks.get(label, 0), memory["VmHWM"])

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)
        self.sample()

    def report(self, window: float) -> dict:
        summary = {}
        for label, samples in self.samples.items():
            first, last = first_last_window(samples, window)
            summary[label] = {
                "peak_mb": round(self.peaks[label] / 1024, 1),
                "first_window_mb": round(first / 1024, 1),
                "last_window_mb": round(last / 1024, 1),
                "samples": len(samples),
                # (seconds since the run started, MB): the curve behind the figures
                "rss_mb": [(round(t), round(kb / 1024, 1)) for t, kb in samples],
            }
        return summary


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration",
        type=float,
        default=120,
        help="seconds of the paced run (the memory figures: 600)",
    )
    parser.add_argument(
        "--rate", type=float, default=0, help="skip the ramp and pace at this many requests/s"
    )
    parser.add_argument("--share", type=float, default=0.7, help="of the maximum, for the run")
    parser.add_argument(
        "--ramp-users", type=lambda s: [int(v) for v in s.split(",")], default=[2, 4, 6, 8, 12, 16]
    )
    parser.add_argument("--ramp-step", type=float, default=20, help="seconds per ramp step")
    parser.add_argument("--users", type=int, default=24, help="virtual citizens in the run")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=200_000,
        help="cap per driver run (the run also stops at its duration)",
    )
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--decision-interval", type=float, default=2.0)
    parser.add_argument("--sample-interval", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8140, help="the portal; the IdP gets +1")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/openloket_loadrun"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "loadrun")
    args = parser.parse_args()
    args.url = f"http://127.0.0.1:{args.port}"
    args.idp_url = f"http://127.0.0.1:{args.port + 1}"
    args.out.mkdir(parents=True, exist_ok=True)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # No clamd on the bench: uploads, if any, are not scanned.
        "VIRUS_SCAN_REQUIRED": "false",
        "PORTAL_BASE_URL": args.url,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "PRIVATE_STORAGE_ROOT": str(args.out / "private"),
        # Bench citizens have no e-mail address; nothing should be sent, and if
        # anything were, it fails fast here instead of reaching a real relay.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        # The IdP's artifact back channel on its own server (load_django.write_idp_metadata).
        "DIGID_IDP_METADATA_FILE": str(args.out / "idp-metadata.xml"),
    }
    summary: dict = {"command": " ".join(sys.argv), "uptime_start": uptime()}
    log(f"preparing {args.database_url} ({summary['uptime_start']})")
    plan = prepare(env, args)

    access_log = args.out / "access.log"
    processes = Processes()
    try:
        gunicorn = processes.start(
            gunicorn_command(args, port=args.port, workers=args.workers, name="portal"),
            env=env,
            log_path=args.out / "gunicorn.log",
        )
        # "DigiD": the development IdP on a server of its own (see load_django).
        processes.start(
            gunicorn_command(args, port=args.port + 1, workers=1, name="idp"),
            env=env,
            log_path=args.out / "idp.log",
        )
        task_worker = processes.start(
            [PYTHON, "manage.py", "db_worker", "--interval", "1", "--no-startup-delay"],
            env=env,
            log_path=args.out / "task-worker.log",
        )
        wait_ready(args.url)
        wait_ready(args.idp_url)
        log("portal ready; warming up")
        drive(args, plan, name="warmup", users=4, seconds=10)

        if args.rate:
            maximum, rate = None, args.rate
        else:
            maximum = ramp(args, plan)
            rate = round(maximum * args.share, 1)
        summary.update(max_rps=maximum, rate=rate, uptime_after_ramp=uptime())
        log(f"maximum {maximum} req/s; running at {rate} req/s for {args.duration:.0f} s")

        offset = access_log.stat().st_size
        sampler = MemorySampler(
            gunicorn_pid=gunicorn.pid, task_pid=task_worker.pid, interval=args.sample_interval
        )
        sampler.start()
        feeder = processes.start(
            [
                PYTHON,
                "-m",
                "bench.load_django",
                "feed-decisions",
                "--interval",
                str(args.decision_interval),
                "--seconds",
                str(args.duration),
            ],
            env=env,
            log_path=args.out / "feeder.log",
        )
        result = drive(args, plan, name="run", users=args.users, seconds=args.duration, rate=rate)
        feeder.wait(timeout=60)
        time.sleep(args.sample_interval)  # let the worker finish the last renders
        sampler.halt.set()
        sampler.join()
        with access_log.open() as handle:
            handle.seek(offset)
            server, cpu = parse_access_log(handle)
    finally:
        processes.stop()

    requests, errors, rps = totals(result)
    rows = endpoint_table(result, server, cpu)
    window = min(60.0, args.duration / 4)
    memory = sampler.report(window)
    summary.update(
        duration_s=args.duration,
        throughput_rps=round(rps, 1),
        requests=requests,
        errors=errors,
        visits=result["visits"],
        error_samples=result["error_samples"],
        retries=result.get("retries", {}),
        endpoints=rows,
        memory=memory,
        memory_window_s=window,
        tasks=task_counts(args.database_url),
        login_failures=login_failures(args.out / "gunicorn.log"),
        uptime_end=uptime(),
    )
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1))

    print()
    print(
        f"Run: {args.duration:.0f} s at {rate} req/s offered"
        f" ({args.share:.0%} of {maximum} req/s maximum)"
        if maximum
        else f"Run: {args.duration:.0f} s at {rate} req/s offered (--rate)"
    )
    print(
        f"Served {requests} requests ({rps:.1f} req/s), {result['visits']} visits, {errors} errors"
    )
    for sample in result["error_samples"][:5]:
        print(f"  error: {sample}")
    if summary["login_failures"]:
        print(f"  failed logins, as the SP logged them: {summary['login_failures']}")
    if result.get("retries"):
        print(f"  GETs sent again after a dropped keep-alive connection: {result['retries']}")
    print_table(rows)
    worst = max(
        (row["server_ms"][1] for row in rows if row["endpoint"] in CITIZEN_PAGES), default=math.nan
    )
    print(f"Citizen pages, worst server-side p95: {_ms(worst)} ms (goal <= 100 ms)")
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
    print(f"Summary: {args.out / 'summary.json'}")


if __name__ == "__main__":
    main()
