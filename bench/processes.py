"""The one way a benchmark starts and stops the servers it measures: gunicorn,
redis-server, `manage.py db_worker` and `manage.py` commands.

Every long-running process gets a session (process group) of its own, so it is
stopped by its own id with everything it forked, never by name, and nothing a
benchmark started outlives it. Its output goes to a log file, not between the
figures. Standard library only (plus psycopg for `ensure_database`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# The interpreter running the benchmark (bench/README.md: .venv/bin/python) runs the servers too.
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class Processes:
    """The processes one benchmark run started; `stop_all` in a `finally`."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen] = []

    def start(
        self, command: Sequence[str], *, env: dict, log_path: Path, append: bool = False
    ) -> subprocess.Popen:
        """Start `command` in the project root, in its own session, output to `log_path`
        (`append`: a restarted process keeps the earlier one's log)."""
        with log_path.open("ab" if append else "wb") as log:
            process = subprocess.Popen(
                list(command),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append(process)
        return process

    def stop(self, process: subprocess.Popen, *, timeout: float = 20) -> None:
        """SIGTERM to the process group (gunicorn stops its workers gracefully), SIGKILL
        if it is still there after `timeout` seconds."""
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill(process)

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL, no chance to clean up: what a crash or the OOM killer does."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        # Newest first: workers and feeders before the servers they talk to.
        for process in reversed(self.started):
            self.stop(process)


def gunicorn_command(
    *, port: int, workers: int, control_socket: Path, threads: int = 1, options: Sequence[str] = ()
) -> list[str]:
    """The portal under gunicorn on loopback, as docs/deploy.md runs it (threads=1:
    sync workers). gunicorn 25's control socket defaults to one file in ~/.gunicorn/,
    so two servers (or two benchmarks) would take each other's: each gets its own."""
    return [
        GUNICORN,
        "portal.wsgi",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--control-socket",
        str(control_socket),
        *options,
    ]


def manage(*args: str, env: dict, log_path: Path | None = None) -> None:
    """Run a `manage.py` command to the end; its output is not a figure, so it goes
    to `log_path` (or nowhere) and only a failure stops the benchmark."""
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(log_path.open("ab")) if log_path else subprocess.DEVNULL
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=log,
            stderr=log if log_path else None,
        )


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def wait_for_port(port: int, name: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while port_is_free(port):
        if time.monotonic() > deadline:
            raise SystemExit(f"{name} did not start on port {port}")
        time.sleep(0.05)


def wait_until_ready(
    url: str,
    *,
    process: subprocess.Popen | None = None,
    log_path: Path | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> None:
    """Poll `url` until it answers 200; give up early when `process` has exited.
    `headers`: what the benchmark's own requests carry (e.g. the TLS proxy's
    X-Forwarded-Proto, without which production settings answer with a redirect)."""
    where = f"; see {log_path}" if log_path else ""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server for {url} exited{where}")
        with (
            contextlib.suppress(OSError),  # not listening yet, or an error status
            urllib.request.urlopen(request, timeout=5) as response,  # noqa: S310 - loopback
        ):
            if response.status == 200:
                return
        time.sleep(0.25)
    raise SystemExit(f"{url} did not answer 200 within {timeout:.0f} s{where}")


def ensure_database(url: str, *, fresh: bool = False) -> None:
    """Create the PostgreSQL database of `url` if missing; with `fresh`, drop it first
    (only a database with "load" in its name, so a typo cannot drop a
    real one)."""
    import psycopg

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


def uptime() -> str:
    """The machine's load average in UTC, printed next to every figure (the machine is shared)."""
    try:
        return subprocess.run(
            ["uptime"], capture_output=True, text=True, check=True, env={**os.environ, "TZ": "UTC"}
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "uptime unavailable"
