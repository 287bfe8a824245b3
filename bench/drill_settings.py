"""Settings for the fault drills (bench/drills.py): production settings, plus only
what a drill on loopback needs. Loaded with bench/ on PYTHONPATH.

- plain HTTP on 127.0.0.1: no TLS redirect, no Secure cookies (no __Host- names);
- static files from the finders (no collectstatic step for a throw-away stack);
- mail into files (`drill_mail.DrillFileBackend`), so the worker-kill drill can
  count what was "handed to the relay", with a delay that stands in for SMTP.

Everything else (database, Redis cache, connection handling, error pages) is
what production runs.
"""

import os

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
LANGUAGE_COOKIE_NAME = "django_language"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = os.environ.get("DRILL_STATIC_ROOT", STATIC_ROOT)  # noqa: F405

MAILERS = {
    "default": {
        "BACKEND": "drill_mail.DrillFileBackend",
        "OPTIONS": {
            "directory": os.environ.get("DRILL_MAIL_DIR", "var/drill-mail"),
            "delay_seconds": float(os.environ.get("DRILL_MAIL_DELAY", "0")),
        },
    }
}
