"""The one settings module of every benchmark. `BENCH_PROFILE` picks what it starts from
and the few things a loopback benchmark must change; everything else is the
portal's own settings, so the figures are the portal's.

- `in-process` (default; bench/harness.py, bench/seed_scale.py, bench/pdf.py): the
  test settings (DEBUG off, the full middleware stack, local-memory cache) on the
  database named by BENCH_DATABASE_URL, with the bench urlconf that adds the
  "framework floor" views and the private storage that holds the seeded files.
- `production` (bench/product_page.py): `portal.settings.production` unchanged. That
  benchmark sends `X-Forwarded-Proto: https` as the TLS proxy would, so the SSL
  redirect and HSTS stay on and are part of the figure.
- `load` (bench/load.py): production plus plain HTTP on loopback (see below), the
  development IdP with its artifact back channel over http (the load test logs in
  thousands of times through a full SAML round trip and has no real DigiD;
  docs/decisions/0004-artifact-resolve.md), and Server-Timing on every response
  (portal.middleware.ServerTimingMiddleware, first, so the access log gets each
  request's CPU time for the whole stack). `portal.settings.production` itself
  still refuses the development IdP; portal/tests/test_bench_load.py checks both,
  and that nothing else differs.
- `drill` (bench/drills.py): production plus plain HTTP, static files from the
  finders (a throw-away stack has no collectstatic step) and mail into files
  (bench/drill_mail.py, so the worker-kill drill can count what was "handed to the
  relay", with BENCH_MAIL_DELAY seconds standing in for SMTP).
- `scaleout` (bench/drill_scaleout.py): `drill` plus the development IdP as in
  `load` (the citizen journey logs in through a full SAML round trip), without the
  timing header. The S3 storage comes from the ordinary S3_* environment.

Plain HTTP: the benchmark clients talk http to 127.0.0.1, so Secure cookies (and the
__Host- names that require them) would never be sent back, and the https redirect
and HSTS that the TLS proxy's presence justifies are off.
"""

import os

# Lower-case names: Django takes every upper-case name here for a setting.
_profiles = ("in-process", "production", "load", "drill", "scaleout")
_profile = os.environ.get("BENCH_PROFILE", "in-process")
if _profile not in _profiles:
    raise RuntimeError(f"BENCH_PROFILE must be one of {', '.join(_profiles)}; got {_profile!r}")

if _profile == "in-process":
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
else:
    from portal.settings.production import *  # noqa: F403
    from portal.settings.production import MIDDLEWARE, STATIC_ROOT, STORAGES

if _profile in ("load", "drill", "scaleout"):
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    LANGUAGE_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "sessionid"
    CSRF_COOKIE_NAME = "csrftoken"
    LANGUAGE_COOKIE_NAME = "django_language"

if _profile in ("load", "scaleout"):
    # After production's settings, which switch the development IdP off.
    from portal.settings.devidp import *  # noqa: F403

    DIGID_ARTIFACT_TLS_REQUIRED = False

if _profile == "load":
    MIDDLEWARE = ["portal.middleware.ServerTimingMiddleware", *MIDDLEWARE]

if _profile in ("drill", "scaleout"):
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
    STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)
    MAILERS = {
        "default": {
            "BACKEND": "bench.drill_mail.DrillFileBackend",
            "OPTIONS": {
                "directory": os.environ.get("BENCH_MAIL_DIR", "var/drill-mail"),
                "delay_seconds": float(os.environ.get("BENCH_MAIL_DELAY", "0")),
            },
        }
    }
