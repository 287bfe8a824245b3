#!/usr/bin/env bash
# The whole test run: lint, import layers, type check and checks, then the suite
# on SQLite, the suite on PostgreSQL and the browser tests at the same time (each its own database and
# files folder, so they cannot see each other's rows or uploads). Each suite
# writes to var/test-logs/<suite>.log; a failed one's log is printed in full.
# Fails on the first failing step: the other suites are stopped then.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=portal.settings.test
py=.venv/bin/python
pytest_args=("$@")
logs=var/test-logs

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
  have_pg=1
else
  echo "PostgreSQL: NOT RUN (no server reachable; set DATABASE_URL to one)."
  have_pg=0
fi

# --- The suites, in parallel ----------------------------------------------------
# Two cores run the two database suites in about the time of the slower one; the
# browser tests mostly wait on Chromium and the live server, so they fit alongside.
mkdir -p "$logs"
declare -A name_of=() title_of=() started_at=()
pids=()

# suite NAME TITLE DATABASE_URL MARKER
suite() {
  local name=$1 title=$2 url=$3 marker=$4 pid
  rm -rf "var/test-files-$name"
  # setsid: the suite gets its own process group, so stopping it also stops the
  # Chromium and servers it started.
  TEST_DATABASE_URL="$url" TEST_FILES_DIR="var/test-files-$name" \
    setsid $py -m pytest -m "$marker" -p no:cacheprovider "${pytest_args[@]}" \
    >"$logs/$name.log" 2>&1 &
  pid=$!
  name_of[$pid]=$name
  title_of[$pid]=$title
  started_at[$pid]=$SECONDS
  pids+=("$pid")
  printf '==> %s started (log: %s)\n' "$title" "$logs/$name.log"
}

stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT TERM

echo
suite sqlite "pytest on SQLite" "sqlite:///var/test.sqlite3" "not browser"
ran=("SQLite")
if [ "$have_pg" = 1 ]; then
  suite postgres "pytest on PostgreSQL ($(echo "$pg_url" | sed -E 's#//[^@]*@#//#'))" \
    "$pg_url" "not browser"
  ran+=("PostgreSQL")
else
  ran+=("PostgreSQL: not run")
fi
suite browser "browser tests (Debian Chromium)" "sqlite:///var/test-browser.sqlite3" browser
ran+=("browser")

while [ ${#pids[@]} -gt 0 ]; do
  status=0
  wait -n -p finished "${pids[@]}" || status=$?
  remaining=()
  for pid in "${pids[@]}"; do [ "$pid" = "$finished" ] || remaining+=("$pid"); done
  pids=("${remaining[@]}")
  log="$logs/${name_of[$finished]}.log"
  took=$((SECONDS - started_at[$finished]))
  # Exit 5: nothing selected, e.g. `scripts/test.sh -k health` has no browser test.
  if [ "$status" -eq 5 ] && [ ${#pytest_args[@]} -gt 0 ]; then
    printf '==> %s: no tests selected by %s\n' "${title_of[$finished]}" "${pytest_args[*]}"
    continue
  fi
  if [ "$status" -ne 0 ]; then
    step "${title_of[$finished]} FAILED after ${took}s (exit $status); $log:"
    cat "$log"
    [ ${#pids[@]} -gt 0 ] && echo "Stopping the other suites." >&2
    stop_all
    exit "$status"
  fi
  printf '==> %s passed in %ss: %s\n' "${title_of[$finished]}" "$took" \
    "$(tail -n 1 "$log" | sed -E 's/^=+ //; s/ =+$//')"
done

printf '\nAll steps passed. Databases and suites run: %s\n' "${ran[*]}"
