"""The fault drills' private, throw-away stack (bench/drills.py): a PostgreSQL 15
cluster made with initdb in a temporary directory, a redis-server, the portal under
gunicorn and, for the worker drill, `manage.py db_worker`. It never touches the
machine's own PostgreSQL or Redis. The portal runs `bench/settings.py` with
BENCH_PROFILE=drill: the production settings on plain HTTP.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.processes import (
    PYTHON,
    ROOT,
    Processes,
    gunicorn_command,
    manage,
    port_is_free,
    wait_for_port,
    wait_until_ready,
)

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def log(message: str = "") -> None:
    print(message, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


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
        self.processes = Processes()
        self.redis: subprocess.Popen | None = None
        self.base_url = f"http://127.0.0.1:{web_port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_PROFILE": "drill",
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/openloket",
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "DJANGO_SECRET_KEY": "drill-" + os.urandom(24).hex(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # No clamd on the bench: uploads, if any, are not scanned.
            "VIRUS_SCAN_REQUIRED": "false",
            "PORTAL_BASE_URL": self.base_url,
            "PRIVATE_STORAGE_ROOT": str(self.dir / "private"),
            "BENCH_MAIL_DIR": str(self.mail_dir),
            "BENCH_STATIC_ROOT": str(self.dir / "static"),
            "LOG_LEVEL": "WARNING",
        }

    # PostgreSQL runs as the postgres user when we are root (initdb refuses root).
    # pg_ctl is PostgreSQL's own process manager: it daemonizes the server and
    # stops it cleanly, which the postgres-restart drill depends on.
    def _as_postgres(self, args: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args

    def _pg(self, *args: str) -> None:
        command = [str(PG_BIN / args[0]), *args[1:]]
        subprocess.run(self._as_postgres(command), check=True, stdout=subprocess.DEVNULL)

    def start_postgres(self) -> None:
        if not self.pgdata.exists():
            self.pgdata.mkdir(mode=0o700)
            if os.geteuid() == 0:
                shutil.chown(self.dir, "postgres")
                shutil.chown(self.pgdata, "postgres")
            self._pg("initdb", "-D", str(self.pgdata), "-U", "postgres", "-A", "trust")
        # fsync off: a throw-away cluster; a clean stop/start does not depend on it.
        options = (
            f"-p {self.pg_port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=100"
        )
        log_file = str(self.dir / "postgres.log")
        self._pg("pg_ctl", "-D", str(self.pgdata), "-l", log_file, "-o", options, "-w", "start")

    def stop_postgres(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", str(self.pgdata), "-m", mode, "-w", "stop")

    def psql(self, sql: str) -> str:
        command = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.pg_port)]
        command += ["-U", "postgres", "-At", "-c", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()

    def start_redis(self) -> None:
        command = ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        self.redis = self.processes.start(
            command, env=dict(os.environ), log_path=self.dir / "redis.log", append=True
        )
        wait_for_port(self.redis_port, "redis-server")

    def stop_redis(self) -> None:
        if self.redis:
            self.processes.stop(self.redis, timeout=10)
        self.redis = None

    def manage(self, *args: str) -> None:
        manage(*args, env=self.env, log_path=self.dir / "manage.log")

    def django(self, code: str, **extra_env: str) -> dict:
        """Run `code` in a Django process of this stack; it sets `result` (JSON-able)."""
        script = (
            "import django, json\ndjango.setup()\nresult = None\n"
            + code
            + "\nprint('DRILL_JSON:' + json.dumps(result))\n"
        )
        out = subprocess.run(
            [PYTHON, "-c", script],
            cwd=ROOT,
            env={**self.env, **extra_env},
            check=True,
            capture_output=True,
            text=True,
        )
        line = [row for row in out.stdout.splitlines() if row.startswith("DRILL_JSON:")][-1]
        return json.loads(line.removeprefix("DRILL_JSON:"))

    def start_web(self) -> None:
        # The portal's own log (stderr) and gunicorn's go to a file, not between the figures.
        log_path = self.dir / "gunicorn.log"
        web = self.processes.start(
            gunicorn_command(
                port=self.web_port, workers=2, control_socket=self.dir / "gunicorn.ctl"
            ),
            env=self.env,
            log_path=log_path,
        )
        wait_until_ready(f"{self.base_url}/healthz", process=web, log_path=log_path)

    def start_worker(self, **extra_env: str) -> subprocess.Popen:
        command = [PYTHON, "manage.py", "db_worker", "--interval", "0.2"]
        command += ["--no-startup-delay", "-v", "0"]
        return self.processes.start(
            command, env={**self.env, **extra_env}, log_path=self.dir / "worker.log", append=True
        )

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
        self.processes.stop_all()
        if (self.pgdata / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop_postgres("immediate")
        if self.keep:
            log(f"Kept {self.dir} (logs: postgres.log, gunicorn.log, worker.log)")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)
