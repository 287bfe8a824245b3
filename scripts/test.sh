#!/usr/bin/env bash
# The whole test run: lint, type check, checks, the suite on SQLite and PostgreSQL, browser tests.
# Fails on the first failing step; prints which databases ran.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=portal.settings.test
py=.venv/bin/python
pytest_args=("$@")

step() { printf '\n==> %s\n' "$*"; }

step "ruff"
$py -m ruff check .
$py -m ruff format --check . || { echo "Run: .venv/bin/ruff format ." >&2; exit 1; }

step "import layers (lint-imports; docs/architecture.md)"
.venv/bin/lint-imports --no-cache

step "mypy (services and selectors, see [tool.mypy] in pyproject.toml)"
$py -m mypy

step "manage.py check"
$py manage.py check
step "makemigrations --check"
$py manage.py makemigrations --check --dry-run

step "pytest on SQLite"
TEST_DATABASE_URL="sqlite:///var/test.sqlite3" $py -m pytest -m "not browser" -p no:cacheprovider "${pytest_args[@]}"
ran=("SQLite")

# PostgreSQL: DATABASE_URL if it names one, else the local server on 127.0.0.1:5432.
pg_url="${DATABASE_URL:-}"
case "$pg_url" in postgres://*|postgresql://*) ;; *) pg_url="postgres://postgres@127.0.0.1:5432/openloket" ;; esac
if $py - "$pg_url" <<'PY'
import sys, psycopg
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
try:
    psycopg.connect(host=u.hostname, port=u.port or 5432, user=u.username or "postgres",
                    password=u.password or None, dbname="postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL at {u.hostname}:{u.port or 5432} is not reachable: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  step "pytest on PostgreSQL ($(echo "$pg_url" | sed -E 's#//[^@]*@#//#'))"
  TEST_DATABASE_URL="$pg_url" $py -m pytest -m "not browser" -p no:cacheprovider "${pytest_args[@]}"
  ran+=("PostgreSQL")
else
  echo "PostgreSQL: NOT RUN (no server reachable; set DATABASE_URL to one)."
  ran+=("PostgreSQL: not run")
fi

step "browser tests (Debian Chromium)"
TEST_DATABASE_URL="sqlite:///var/test-browser.sqlite3" $py -m pytest -m browser -p no:cacheprovider "${pytest_args[@]}"
ran+=("browser")

printf '\nAll steps passed. Databases and suites run: %s\n' "${ran[*]}"
