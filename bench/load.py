"""Load and memory under a realistic citizen mix (issue 10, "Load and faults").

    .venv/bin/python bench/load.py [--duration 120] [--rate N] [--port 8140]

One command, bounded in time and requests. It:

1. prepares its own PostgreSQL database (created if missing, migrated, demo data,
   200 bench citizens in the local registry, a decision template per requestable
   case type) and collects static files;
2. starts the portal as production would run it: gunicorn (2 workers x 4 threads,
   no --max-requests so a leak would show), PostgreSQL, the Redis cache, DEBUG off,
   the production settings plus the development IdP (bench/settings.py,
   BENCH_PROFILE=load, says why and what else differs), and one `db_worker` task worker;
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
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load_memory import MemorySampler
from bench.load_report import (
    ACCESS_LOG_FORMAT,
    endpoint_table,
    login_failures,
    parse_access_log,
    print_summary,
    task_counts,
)
from bench.processes import (
    PYTHON,
    ROOT,
    Processes,
    ensure_database,
    gunicorn_command,
    manage,
    uptime,
    wait_until_ready,
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- preparation ----------------------------------------------------------------
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
    # collectstatic first: seed_demo renders a PDF, which reads the hashed CSS.
    commands = [["migrate", "--no-input", "-v", "0"], ["seed_demo"]]
    if not static_is_current():
        commands.insert(0, ["collectstatic", "--no-input", "-v", "0"])
    for command in commands:
        manage(*command, env=env)
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


def server_command(args, *, port: int, workers: int, name: str) -> list[str]:
    """gunicorn with an access log of its own whose request times are the server-side figures."""
    access_log = args.out / ("access.log" if name == "portal" else f"{name}-access.log")
    access_log.write_text("")
    options = ["--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT]
    return gunicorn_command(
        port=port,
        workers=workers,
        threads=args.threads,
        control_socket=args.out / f"{name}.ctl",
        options=options,
    )


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
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_PROFILE": "load",
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
            server_command(args, port=args.port, workers=args.workers, name="portal"),
            env=env,
            log_path=args.out / "gunicorn.log",
        )
        # "DigiD": the development IdP on a server of its own (see load_django).
        processes.start(
            server_command(args, port=args.port + 1, workers=1, name="idp"),
            env=env,
            log_path=args.out / "idp.log",
        )
        task_worker = processes.start(
            [PYTHON, "manage.py", "db_worker", "--interval", "1", "--no-startup-delay"],
            env=env,
            log_path=args.out / "task-worker.log",
        )
        wait_until_ready(args.url + "/readyz", process=gunicorn, log_path=args.out / "gunicorn.log")
        wait_until_ready(args.idp_url + "/readyz", log_path=args.out / "idp.log")
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
        processes.stop_all()

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
    print_summary(summary, share=args.share, out=args.out)


if __name__ == "__main__":
    main()
