#!/usr/bin/env python
"""Django's command-line utility; development settings unless told otherwise."""

import os
import sys

# Commands that serve requests or run tasks: they set up OpenTelemetry when the
# OTEL_* variables ask for it (portal/observability/telemetry.py; gunicorn does so
# in gunicorn.conf.py).
TRACED_COMMANDS = frozenset({"runserver", "db_worker", "run_redis_tasks", "run_periodic"})


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if len(sys.argv) > 1 and sys.argv[1] in TRACED_COMMANDS:
        from portal.observability.telemetry import configure

        configure(sys.argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
