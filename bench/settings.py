"""Settings for the benchmarks: the test settings (DEBUG off, the full middleware
stack, local-memory cache) on the database named by BENCH_DATABASE_URL, with
the bench urlconf that adds the trivial "framework floor" view.

The benchmarks set BENCH_DATABASE_URL from their --database-url option.
"""

import os

from portal.settings.env import database_from_url
from portal.settings.test import *  # noqa: F403
from portal.settings.test import BASE_DIR, STORAGES

DATABASES = {
    "default": database_from_url(
        os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/openloket_scale1k"
        ),
        base_dir=BASE_DIR,
    )
}
# One process, one connection for the whole run (as a gunicorn worker would keep it).
DATABASES["default"]["CONN_MAX_AGE"] = None
ROOT_URLCONF = "bench.urls"
# The seeded documents share a few stored files (bench/scale_files.py writes them).
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "var" / "bench-private"},
    },
}
