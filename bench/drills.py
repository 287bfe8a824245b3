"""Fault drills: break a dependency of a running portal and print what happened.

    .venv/bin/python bench/drills.py postgres-restart|redis-stop|worker-kill|duplicate-submit|all
    .venv/bin/python bench/drills.py scale-out   # two app servers behind haproxy (its own stack)

Each run builds a private, throw-away stack and never touches the machine's own
PostgreSQL or Redis: a PostgreSQL 15 cluster (initdb in a temporary directory,
port 5440), a redis-server (port 6390), the portal under gunicorn (2 sync workers,
port 8150, `bench/settings.py` with BENCH_PROFILE=drill: production settings on
plain HTTP) and, for the worker drill, `manage.py db_worker`. Migrating and seeding the demo data
takes a minute or two; `all` does it once for the four drills.

The drills print timings, status-code counts and recovery times; they do not pass
or fail. What each one does and what to look for: bench/README.md, "Fault drills".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.drill_duplicate_submit import drill_duplicate_submit
from bench.drill_outages import drill_postgres_restart, drill_redis_stop
from bench.drill_scaleout import drill_scaleout
from bench.drill_stack import Stack
from bench.drill_worker_kill import drill_worker_kill

DRILLS = {
    "redis-stop": drill_redis_stop,
    "postgres-restart": drill_postgres_restart,
    "worker-kill": drill_worker_kill,
    "duplicate-submit": drill_duplicate_submit,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drill", choices=[*DRILLS, "all", "scale-out"])
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
    parser.add_argument(
        "--distinct", type=int, default=40, help="duplicate-submit: then N posts, a token each"
    )
    parser.add_argument("--lb-port", type=int, default=8160, help="scale-out: haproxy")
    parser.add_argument("--s3-port", type=int, default=8170, help="scale-out: moto (S3)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and its logs")
    args = parser.parse_args()
    if args.drill == "scale-out":
        # Its own stack: two app servers, haproxy, S3 and the development IdP.
        drill_scaleout(args)
        return

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
