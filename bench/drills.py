"""Fault drills: break a dependency of a running portal and print what happened.

    .venv/bin/python bench/drills.py postgres-restart|redis-stop|worker-kill|duplicate-submit|all

Each run builds a private, throw-away stack and never touches the machine's own
PostgreSQL or Redis: a PostgreSQL 15 cluster (initdb in a temporary directory,
port 5440), a redis-server (port 6390), the portal under gunicorn (2 sync workers,
port 8150, `bench/drill_settings.py` = production settings on plain HTTP) and,
for the worker drill, `manage.py db_worker`. Migrating and seeding the demo data
takes a minute or two; `all` does it once for the four drills.

The drills print timings, status-code counts and recovery times; they do not pass
or fail. What each one does and what to look for: bench/README.md, "Fault drills".
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import email
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
FRIENDLY_503 = ("Even niet beschikbaar", "Temporarily unavailable")


def log(message: str = "") -> None:
    print(message, flush=True)


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# --- The private stack ---------------------------------------------------------------


class Stack:
    """PostgreSQL + Redis + gunicorn (+ task worker) of our own, in a temp directory."""

    def __init__(self, *, pg_port: int, redis_port: int, web_port: int, keep: bool):
        for port in (pg_port, redis_port, web_port):
            if not port_is_free(port):
                raise SystemExit(f"Port {port} is in use; pick others (--help).")
        self.pg_port, self.redis_port, self.web_port = pg_port, redis_port, web_port
        self.keep = keep
        self.dir = Path(tempfile.mkdtemp(prefix="openloket-drills-"))
        self.pgdata = self.dir / "pgdata"
        self.mail_dir = self.dir / "mail"
        self.mail_dir.mkdir()
        (self.dir / "static").mkdir()
        self.redis: subprocess.Popen | None = None
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.base_url = f"http://127.0.0.1:{web_port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "drill_settings",
            "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/openloket",
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "DJANGO_SECRET_KEY": "drill-" + os.urandom(24).hex(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # No clamd on the bench: uploads, if any, are not scanned.
            "VIRUS_SCAN_REQUIRED": "false",
            "PORTAL_BASE_URL": self.base_url,
            "PRIVATE_STORAGE_ROOT": str(self.dir / "private"),
            "DRILL_MAIL_DIR": str(self.mail_dir),
            "DRILL_STATIC_ROOT": str(self.dir / "static"),
            "LOG_LEVEL": "WARNING",
        }

    # PostgreSQL runs as the postgres user when we are root (initdb refuses root).
    def _as_postgres(self, args: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args

    def start_postgres(self) -> None:
        if not self.pgdata.exists():
            self.pgdata.mkdir(mode=0o700)
            if os.geteuid() == 0:
                shutil.chown(self.dir, "postgres")
                shutil.chown(self.pgdata, "postgres")
            subprocess.run(
                self._as_postgres(
                    [
                        str(PG_BIN / "initdb"),
                        "-D",
                        str(self.pgdata),
                        "-U",
                        "postgres",
                        "-A",
                        "trust",
                    ]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        # fsync off: a throw-away cluster; a clean stop/start does not depend on it.
        options = (
            f"-p {self.pg_port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            self._as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.pgdata),
                    "-l",
                    str(self.dir / "postgres.log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop_postgres(self, mode: str = "fast") -> None:
        subprocess.run(
            self._as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-m", mode, "-w", "stop"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def psql(self, sql: str) -> str:
        out = subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "postgres",
                "-At",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=open(self.dir / "redis.log", "ab"),  # noqa: SIM115 - lives with the process
            stderr=subprocess.STDOUT,
        )
        self._wait_for_port(self.redis_port, "redis-server")

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)
        self.redis = None

    def manage(self, *args: str, quiet: bool = True) -> None:
        subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
            stderr=open(self.dir / "manage.log", "ab"),  # noqa: SIM115 - closed with the process
        )

    def django(self, code: str, **extra_env: str) -> dict:
        """Run `code` in a Django process of this stack; it sets `result` (JSON-able)."""
        script = (
            "import django, json\ndjango.setup()\nresult = None\n"
            + code
            + "\nprint('DRILL_JSON:' + json.dumps(result))\n"
        )
        out = subprocess.run(
            [PY, "-c", script],
            cwd=ROOT,
            env={**self.env, **extra_env},
            check=True,
            capture_output=True,
            text=True,
        )
        line = [row for row in out.stdout.splitlines() if row.startswith("DRILL_JSON:")][-1]
        return json.loads(line.removeprefix("DRILL_JSON:"))

    def start_web(self) -> None:
        self.web = subprocess.Popen(
            [
                GUNICORN,
                "portal.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            # The portal's own log (stderr) and gunicorn's go to a file, not between the figures.
            stdout=open(self.dir / "gunicorn.log", "ab"),  # noqa: SIM115 - lives with the process
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return
            time.sleep(0.25)
        raise SystemExit("gunicorn did not start; see " + str(self.dir / "gunicorn.log"))

    def start_worker(self, **extra_env: str) -> subprocess.Popen:
        worker = subprocess.Popen(
            [PY, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "-v", "0"],
            cwd=ROOT,
            env={**self.env, **extra_env},
            stdout=open(self.dir / "worker.log", "ab"),  # noqa: SIM115 - lives with the process
            stderr=subprocess.STDOUT,
        )
        self.workers.append(worker)
        return worker

    def _wait_for_port(self, port: int, name: str) -> None:
        deadline = time.monotonic() + 20
        while port_is_free(port):
            if time.monotonic() > deadline:
                raise SystemExit(f"{name} did not start on port {port}")
            time.sleep(0.05)

    def up(self) -> None:
        started = time.monotonic()
        log(f"Stack in {self.dir}")
        self.start_postgres()
        self.psql("CREATE DATABASE openloket")
        self.start_redis()
        t = time.monotonic()
        self.manage("migrate", "--no-input")
        log(f"  migrate: {time.monotonic() - t:.0f} s")
        t = time.monotonic()
        self.manage("seed_demo")
        log(f"  seed_demo: {time.monotonic() - t:.0f} s")
        self.start_web()
        log(
            f"  PostgreSQL :{self.pg_port}, Redis :{self.redis_port}, gunicorn (2 workers) "
            f"{self.base_url}; ready in {time.monotonic() - started:.0f} s"
        )

    def down(self) -> None:
        for process in [*self.workers, self.web]:
            if process and process.poll() is None:
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(15)
                if process.poll() is None:
                    process.kill()
        self.stop_redis()
        if (self.pgdata / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop_postgres("immediate")
        if self.keep:
            log(f"Kept {self.dir} (logs: postgres.log, gunicorn.log, worker.log)")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


# --- Fixtures the drills need, made inside the stack ----------------------------------

CITIZEN_SESSION = """
import time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from cases.api.models import ApiClient
from cases.models import Case
from identity.loa import SESSION_KEY as LOA_KEY, LevelOfAssurance
from identity.models import User
from identity.session import LOGIN_AT_KEY

# What the DigiD ACS leaves in a session (identity.digid_session.log_in_citizen), made directly:
# the drills measure the portal, not the login.
user = User.objects.get(bsn="999993653")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[LOA_KEY] = int(LevelOfAssurance.SUBSTANTIEEL)
session[LOGIN_AT_KEY] = int(time.time())
session["digid_bsn"] = user.bsn
session.create()
client = ApiClient.objects.select_related("agency").order_by("pk").first()
token = client.rotate()
case = Case.objects.filter(agency=client.agency).order_by("pk").first()
from pages.models import ProductPage
product = ProductPage.objects.live().filter(locale__language_code="nl").order_by("pk").first()
result = {
    "session": session.session_key,
    "api_token": token,
    "api_path": f"/api/v1/zaken/{case.reference}",
    "product_path": product.url,
}
"""


def citizen_fixtures(stack: Stack) -> dict:
    return stack.django(CITIZEN_SESSION)


# --- Load: a few threads requesting a mix of pages, recording everything ---------------


@dataclass
class Sample:
    at: float
    target: str
    status: int  # 0: no HTTP answer (refused, timed out)
    seconds: float
    friendly: bool = False
    retry_after: bool = False
    traceback: bool = False


@dataclass
class Load:
    stack: Stack
    targets: dict[str, tuple[str, dict]]
    threads: int = 6
    samples: list[Sample] = field(default_factory=list)
    readyz: list[tuple[float, int, dict]] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pool: list[threading.Thread] = []

    def _one(self, session: requests.Session, name: str) -> None:
        path, headers = self.targets[name]
        started = time.monotonic()
        try:
            response = session.get(
                self.stack.base_url + path, headers=headers, timeout=15, allow_redirects=False
            )
        except requests.RequestException:
            sample = Sample(started, name, 0, time.monotonic() - started)
        else:
            body = response.text
            sample = Sample(
                started,
                name,
                response.status_code,
                time.monotonic() - started,
                friendly=any(text in body for text in FRIENDLY_503)
                or response.headers.get("Content-Type") == "application/problem+json",
                retry_after="Retry-After" in response.headers,
                traceback="Traceback" in body,
            )
        with self._lock:
            self.samples.append(sample)

    def _run(self, offset: int) -> None:
        names = list(self.targets)
        index = offset
        with requests.Session() as session:
            while not self._stop.is_set():
                self._one(session, names[index % len(names)])
                index += 1

    def _poll_readyz(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                response = requests.get(self.stack.base_url + "/readyz", timeout=15)
                entry = (started, response.status_code, response.json().get("checks", {}))
            except (requests.RequestException, ValueError):
                entry = (started, 0, {})
            with self._lock:
                self.readyz.append(entry)
            self._stop.wait(0.25)

    def start(self) -> None:
        self._pool = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(self.threads)
        ]
        self._pool.append(threading.Thread(target=self._poll_readyz, daemon=True))
        for thread in self._pool:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._pool:
            thread.join(20)


def describe_phase(load: Load, title: str, start: float, end: float) -> None:
    samples = [s for s in load.samples if start <= s.at < end]
    log(f"  {title} ({end - start:.1f} s, {len(samples)} requests)")
    by_target: dict[str, list[Sample]] = collections.defaultdict(list)
    for sample in samples:
        by_target[sample.target].append(sample)
    for name, rows in by_target.items():
        codes = collections.Counter(str(s.status or "no answer") for s in rows)
        times = [s.seconds for s in rows]
        extra = ""
        unavailable = [s for s in rows if s.status == 503]
        if unavailable:
            friendly = sum(s.friendly for s in unavailable)
            retry = sum(s.retry_after for s in unavailable)
            extra = f"; 503s friendly {friendly}/{len(unavailable)}, Retry-After {retry}"
        if any(s.traceback for s in rows):
            extra += "; TRACEBACK IN BODY"
        log(
            f"    {name:<9} {dict(sorted(codes.items()))}  p50 {ms(percentile(times, 50))}"
            f"  p95 {ms(percentile(times, 95))}  max {ms(max(times))}{extra}"
        )
    ready = [r for r in load.readyz if start <= r[0] < end]
    if ready:
        states = collections.Counter(
            f"{code} " + ",".join(f"{k}={v}" for k, v in sorted(checks.items()) if v != "ok")
            for _, code, checks in ready
        )
        log(f"    readyz    {dict(states)}")


def load_targets(fixtures: dict) -> dict[str, tuple[str, dict]]:
    citizen = {"Cookie": f"sessionid={fixtures['session']}"}
    return {
        "home": ("/", {}),
        "product": (fixtures["product_path"], {}),
        "overview": ("/mijn/", citizen),
        "api": (fixtures["api_path"], {"Authorization": f"Bearer {fixtures['api_token']}"}),
        "static": ("/static/css/portal.css", {}),
    }


# --- Drill 1: PostgreSQL restart ------------------------------------------------------


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


# --- Drill 2: Redis stopped ------------------------------------------------------------


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


# --- Drill 3: kill the task worker mid-delivery ----------------------------------------

OUTBOX = """
import os
from django.utils import timezone
from cases.models import Case, Notification, NotificationKind
from cases.notifications.tasks import deliver_notification
from identity.contact_details import ContactDetails
from identity.models import User

from cases.models import NotificationState
from django_tasks_db.models import DBTaskResult

# The demo data left tasks in the queue and notifications in the outbox; this
# drill is about its own rows only, so those are set aside first.
DBTaskResult.objects.filter(status="READY").delete()
Notification.objects.filter(
    state__in=[NotificationState.PENDING, NotificationState.SENDING]
).update(state=NotificationState.UNDELIVERABLE)

n = int(os.environ["DRILL_N"])
run = os.environ["DRILL_RUN"]
user = User.objects.get(bsn="999993653")
ContactDetails.objects.update_or_create(
    user=user,
    defaults={"email": "suzanne@example.org", "email_verified_at": timezone.now(),
              "preferred_language": "nl", "notify_by_email": True},
)
case = Case.objects.filter(roles__bsn=user.bsn).order_by("pk").first()
ids = []
for i in range(n):
    row = Notification.objects.create(
        case=case, kind=NotificationKind.STATUS_SET, bsn=user.bsn,
        dedupe_key=f"drill:{run}:{i}",
    )
    ids.append(row.pk)
# As the services do after commit: one task per row, into the database queue.
for pk in ids:
    deliver_notification.enqueue(pk)
result = ids
"""

OUTBOX_STATE = """
import os
from collections import Counter
from cases.models import Notification
from django_tasks_db.models import DBTaskResult
ids = [int(x) for x in os.environ["DRILL_IDS"].split(",")]
rows = Notification.objects.filter(pk__in=ids)
result = {
    "rows": dict(Counter(rows.values_list("state", flat=True))),
    "attempts": dict(Counter(rows.values_list("attempts", flat=True))),
    "tasks": dict(Counter(
        DBTaskResult.objects.filter(task_path__endswith="deliver_notification")
        .values_list("status", flat=True)
    )),
}
"""


def _delivered(mail_dir: Path) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for path in mail_dir.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        counts[message["Message-ID"]] += 1
    return counts


def drill_worker_kill(stack: Stack, args) -> None:
    log("\n== Drill: task worker killed mid-delivery ==")
    n, lease = args.notifications, 5
    worker_env = {
        "DRILL_MAIL_DELAY": str(args.mail_delay),
        "NOTIFICATION_SENDING_LEASE_SECONDS": str(lease),
    }
    for path in stack.mail_dir.glob("*"):
        path.unlink()
    ids = stack.django(OUTBOX, DRILL_N=str(n), DRILL_RUN=str(time.time_ns()))
    log(
        f"  {n} notifications in the outbox, {n} tasks queued; each send takes "
        f"{ms(args.mail_delay)} (stands in for SMTP); claim lease {lease} s for the drill"
    )
    state_env = {"DRILL_IDS": ",".join(map(str, ids))}

    worker = stack.start_worker(**worker_env)
    t_start = time.monotonic()
    kill_at = max(1, n // 3)
    wanted = {f"<notification-{pk}@127.0.0.1>" for pk in ids}

    def ours() -> int:
        return sum(count for key, count in _delivered(stack.mail_dir).items() if key in wanted)

    while ours() < kill_at:
        if time.monotonic() - t_start > 120:
            raise SystemExit("the worker delivered nothing in 2 minutes; see worker.log")
        time.sleep(0.02)
    # Land inside a send: wait until the worker is in the middle of the next one.
    time.sleep(args.mail_delay / 2)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    t_kill = time.monotonic()
    sent_before = ours()
    at_kill = stack.django(OUTBOX_STATE, **state_env)
    log(
        f"  SIGKILL after {t_kill - t_start:.1f} s: {sent_before} mails handed over; "
        f"outbox {at_kill['rows']}; queue {at_kill['tasks']}"
    )

    # Restart the worker, and run the sweeper as cron would (every 2 s instead of a minute).
    stack.start_worker(**worker_env)
    t_restart = time.monotonic()
    log("  worker restarted; `manage.py send_notifications` every 2 s (cron stand-in)")
    final: dict = {}
    while time.monotonic() - t_restart < args.deadline:
        subprocess.run(
            [PY, "manage.py", "send_notifications"],
            cwd=ROOT,
            env={**stack.env, **worker_env},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        final = stack.django(OUTBOX_STATE, **state_env)
        if set(final["rows"]) <= {"sent", "failed", "undeliverable"}:
            break
        time.sleep(2)
    t_done = time.monotonic()
    delivered = _delivered(stack.mail_dir)
    per_row = [delivered.get(f"<notification-{pk}@127.0.0.1>", 0) for pk in ids]
    histogram = collections.Counter(per_row)
    log(
        f"  after restart: outbox {final['rows']}, attempts {final['attempts']}; "
        f"queue {final['tasks']}"
    )
    log(
        f"  deliveries per notification: exactly once {histogram.get(1, 0)}, "
        f"never {histogram.get(0, 0)}, twice or more "
        f"{sum(v for k, v in histogram.items() if k >= 2)}"
    )
    log(f"  all {n} settled {t_done - t_restart:.1f} s after the restart")


# --- Drill 4: 200 concurrent duplicate submissions --------------------------------------

REQUEST_FORM = """
import secrets
from django.urls import reverse
from pages.models import ProductPage
from pages.requests.forms import TOKEN_FIELD, field_name
from pages.models import RequestFieldType

dutch = ProductPage.objects.live().filter(locale__language_code="nl")
product = dutch.filter(slug="bijzondere-bijstand").first()
values = {
    RequestFieldType.TEXT: "Een wasmachine",
    RequestFieldType.TEXTAREA: "Mijn wasmachine is kapot.",
    RequestFieldType.NUMBER: "350",
    RequestFieldType.EMAIL: "suzanne@example.org",
    RequestFieldType.DATE: "2026-12-01",
    RequestFieldType.CHECKBOX: "on",
}
data = {"stap": "versturen", TOKEN_FIELD: secrets.token_hex(16)}
for question in product.request_form_fields.all():
    first_choice = (question.choice_list or [""])[0]
    data[field_name(question)] = values.get(question.field_type, first_choice)
result = {"path": reverse("pages:request", kwargs={"slug": product.slug}), "data": data}
"""

REQUEST_COUNT = """
import os
from cases.models import Case
from documents.models import Document
from pages.requests.models import RequestSubmission
key = os.environ["DRILL_KEY"]
submissions = RequestSubmission.objects.filter(idempotency_key=key)
case_ids = list(submissions.values_list("case_id", flat=True))
result = {
    "submissions": submissions.count(),
    "cases": case_ids,
    "receipts": Document.objects.filter(case_id__in=case_ids).count(),
    "all_cases": Case.objects.count(),
}
"""


def _watch_connections(stack: Stack, stop: threading.Event, peaks: dict) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=stack.pg_port, user="postgres", dbname="openloket", autocommit=True
    ) as conn:
        while not stop.is_set():
            row = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                " coalesce(extract(epoch FROM max(now() - xact_start)"
                "  FILTER (WHERE state <> 'idle')), 0)"
                " FROM pg_stat_activity WHERE datname = 'openloket' AND pid <> pg_backend_pid()"
            ).fetchone()
            peaks["connections"] = max(peaks.get("connections", 0), row[0])
            peaks["waiting_on_locks"] = max(peaks.get("waiting_on_locks", 0), row[1])
            peaks["longest_transaction"] = max(peaks.get("longest_transaction", 0), row[2])
            stop.wait(0.05)


def drill_duplicate_submit(stack: Stack, args) -> None:
    log(f"\n== Drill: {args.submissions} concurrent duplicate submissions, one token ==")
    fixtures = citizen_fixtures(stack)
    form = stack.django(REQUEST_FORM)
    csrf = os.urandom(16).hex()  # an unmasked 32-character secret, as the cookie holds
    data = {**form["data"], "csrfmiddlewaretoken": csrf}
    cookies = {"sessionid": fixtures["session"], "csrftoken": csrf}
    url = stack.base_url + form["path"]
    before = stack.django(REQUEST_COUNT, DRILL_KEY=data["aanvraag_token"])

    barrier = threading.Barrier(args.submissions)
    results: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def submit() -> None:
        barrier.wait()
        started = time.monotonic()
        try:
            response = requests.post(
                url, data=data, cookies=cookies, allow_redirects=False, timeout=300
            )
            outcome = (response.status_code, response.headers.get("Location", ""))
        except requests.RequestException as exc:
            outcome = (0, type(exc).__name__)
        with lock:
            results.append((*outcome, time.monotonic() - started))

    stop = threading.Event()
    peaks: dict = {}
    watcher = threading.Thread(target=_watch_connections, args=(stack, stop, peaks), daemon=True)
    watcher.start()
    threads = [threading.Thread(target=submit) for _ in range(args.submissions)]
    t0 = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - t0
    stop.set()
    watcher.join(5)
    after = stack.django(REQUEST_COUNT, DRILL_KEY=data["aanvraag_token"])

    codes = collections.Counter(code for code, _, _ in results)
    locations = collections.Counter(location for code, location, _ in results if code == 302)
    times = [seconds for _, _, seconds in results]
    log(
        "  gunicorn has 2 sync workers: at most 2 of the posts are in the portal at a time, "
        "the others wait in the listen backlog"
    )
    log(f"  status codes: {dict(codes)}; distinct redirect targets: {len(locations)}")
    log(
        f"  cases for the token: {len(after['cases'])} (submissions {after['submissions']}, "
        f"receipt documents {after['receipts']}); cases in the database "
        f"{before['all_cases']} -> {after['all_cases']}"
    )
    log(
        f"  wall time {wall:.1f} s; per request p50 {ms(statistics.median(times))}, "
        f"p95 {ms(percentile(times, 95))}, max {ms(max(times))}"
    )
    log(
        f"  PostgreSQL during the run: peak {peaks.get('connections', 0)} connections from the "
        f"portal (max_connections 100), peak {peaks.get('waiting_on_locks', 0)} waiting on a "
        f"lock, longest open transaction {peaks.get('longest_transaction', 0):.2f} s"
    )


# --- Command line ---------------------------------------------------------------------

DRILLS = {
    "redis-stop": drill_redis_stop,
    "postgres-restart": drill_postgres_restart,
    "worker-kill": drill_worker_kill,
    "duplicate-submit": drill_duplicate_submit,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drill", choices=[*DRILLS, "all"])
    parser.add_argument("--pg-port", type=int, default=5440)
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--web-port", type=int, default=8150)
    parser.add_argument("--threads", type=int, default=6, help="load threads (default 6)")
    parser.add_argument("--before", type=float, default=4, help="seconds of load before")
    parser.add_argument("--down", type=float, default=6, help="seconds the dependency is down")
    parser.add_argument("--after", type=float, default=10, help="seconds of load after")
    parser.add_argument("--notifications", type=int, default=60)
    parser.add_argument("--mail-delay", type=float, default=0.2, help="seconds per send")
    parser.add_argument("--deadline", type=float, default=90, help="worker drill time limit")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and its logs")
    args = parser.parse_args()

    stack = Stack(
        pg_port=args.pg_port, redis_port=args.redis_port, web_port=args.web_port, keep=args.keep
    )
    try:
        stack.up()
        for name in DRILLS if args.drill == "all" else [args.drill]:
            DRILLS[name](stack, args)
    finally:
        stack.down()


if __name__ == "__main__":
    sys.exit(main())
