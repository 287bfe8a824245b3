"""gunicorn's configuration file, read from the working directory (or `-c`).

Only a hook: the command line in docs/deploy.md sets workers, threads and the
bind address. Each worker sets up OpenTelemetry for itself after the fork (its
exporter threads and connections cannot be shared with the master); nothing
happens unless the OTEL_* variables ask for it (portal/observability/telemetry.py).
Do not combine tracing with `--preload`: the app would load its middleware in the
master, before the Django instrumentation is in place.
"""

import os


def post_fork(server, worker):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    from portal.observability.telemetry import configure

    configure(f"gunicorn worker {worker.pid}")
