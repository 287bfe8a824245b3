#!/usr/bin/env bash
# Start the portal for development: the web server, the background task worker and
# the periodic jobs (scheduled publishing, pruning). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
py=.venv/bin/python

# One agency's cases come live from a ZGW test server (zgw/testing; docs/zgw.md).
ZGW_PORT="${ZGW_PORT:-8001}"
export DEMO_ZGW_URL="http://127.0.0.1:${ZGW_PORT}"

# The development OIDC broker (DigiD Machtigen, eHerkenning) on its own origin
# (tools/oidc-broker/, docs/oidc-brokers.md); portal/settings/dev.py points at it.
OIDC_BROKER_PORT="${OIDC_BROKER_PORT:-8002}"
export OIDC_DEV_BROKER_URL="http://127.0.0.1:${OIDC_BROKER_PORT}"
portal_url="${PORTAL_BASE_URL:-http://localhost:8000}"  # as portal/settings/base.py

$py manage.py migrate --no-input -v 0
$py manage.py seed_demo

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping web server, task worker and periodic jobs..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

$py manage.py db_worker --interval 1 &
pids+=($!)
$py manage.py run_periodic &
pids+=($!)
$py manage.py run_zgw_test_server --port "$ZGW_PORT" &
pids+=($!)
PORT="$OIDC_BROKER_PORT" \
  OIDC_BROKER_REDIRECT_URIS="$portal_url/oidc/digid-machtigen/callback/,$portal_url/oidc/eherkenning/callback/" \
  node tools/oidc-broker/broker.js &
pids+=($!)
$py manage.py runserver "${PORT:-8000}" &
pids+=($!)

echo
echo "Open Loket runs on http://localhost:${PORT:-8000}/  (admin: /beheer/, Ctrl-C stops)"
# Stop everything as soon as any process ends, so a crashed worker is noticed.
wait -n "${pids[@]}"
