"""Test settings: fast, deterministic, and as close to production as that allows."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import database_from_url, env_bool

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# `make test` runs the suite once on SQLite and once on PostgreSQL (TEST_DATABASE_URL).
DATABASES = {
    "default": database_from_url(
        os.environ.get("TEST_DATABASE_URL", "sqlite:///var/test.sqlite3"), base_dir=BASE_DIR
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Tests publish and read in one breath: read the page cache version every time.
PAGE_CACHE_VERSION_SECONDS = 0
# The version in the (per-process) cache, so query counts do not include a version
# read on every request; the database store that production without Redis uses is
# tested on its own, with two processes (pages/tests/test_page_cache_version.py).
PAGE_CACHE_VERSION_STORE = os.environ.get("PAGE_CACHE_VERSION_STORE", "cache")
# One process per test run: the local-memory cache is shared by everything that
# reads and changes the channel register, so the tests run with its cache on.
CHANNEL_REGISTER_CACHE = True
CATALOGUE_CACHE = True
EMPTY_READ_CACHE = True
ACTING_CONTEXTS_CACHE = True
# Tasks run in-process unless a test asks for the real worker path.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# The files a test run writes (citizens' documents, Wagtail media) stay in its own
# folder: scripts/test.sh runs the SQLite, PostgreSQL and browser suites at the same
# time, and a test that compares the private storage before and after must not see
# another run's files - nor, within a run, another xdist worker's (PYTEST_XDIST_WORKER
# is gw0, gw1, ...: one worker's upload must not show up in the other's comparison).
TEST_FILES_DIR = Path(
    os.environ.get("TEST_FILES_DIR") or BASE_DIR / "var" / "test-files"
) / os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = TEST_FILES_DIR / "media"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": TEST_FILES_DIR / "private"},
    },
}
# The development IdP plays DigiD. DIGID_DEV_IDP=false runs the suite without it
# (the SP tests must then pass on their own: docs/decisions/0027).
if env_bool("DIGID_DEV_IDP", True):
    from .devidp import *  # noqa: F403
LOGGING = {"version": 1, "disable_existing_loggers": False}
DIGID_ARTIFACT_TLS_REQUIRED = False
