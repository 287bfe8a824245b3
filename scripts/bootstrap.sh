#!/usr/bin/env bash
# Set up everything `make run` and `make test` need, on a fresh machine or an old one.
# Idempotent and quick when nothing changed.
#
#   1. system packages (apt-get when root; otherwise a message naming them)
#   2. a Python >= 3.12 (pyenv versions included) and .venv with the locked dependencies
#   3. compiled translations
#   4. the development OIDC broker's node packages (tools/oidc-broker/)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser="${BOOTSTRAP_BROWSER:-0}"

# --- 1. System packages -------------------------------------------------------
# pango/harfbuzz: WeasyPrint (libharfbuzz-subset0 makes font subsetting fast);
# xmlsec1: the development IdP (pysaml2 signs with the xmlsec1 binary);
# fonts: PDFs and pages render with fonts we ship the licence for; gettext: translations.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 xmlsec1 fonts-dejavu-core fonts-liberation2 gettext)
[ "$want_browser" = "1" ] && packages+=(chromium)
# nodejs (+ npm): the development OIDC broker, `oidc-provider` (tools/oidc-broker/).
packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them first, e.g.: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# --- 2. Python and the virtual environment -------------------------------------
find_python() {
  local candidates=()
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  candidates+=(python3.13 python3.12)
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  for dir in "$root"/versions/3.13* "$root"/versions/3.12*; do
    [ -x "$dir/bin/python" ] && candidates+=("$dir/bin/python")
  done
  candidates+=(python3)
  for candidate in "${candidates[@]}"; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  python=$(find_python) || {
    echo "Open Loket needs Python 3.12 or newer. Install it (e.g. 'pyenv install 3.13') and run again," >&2
    echo "or point PYTHON at it: make run PYTHON=/path/to/python3.13" >&2
    exit 1
  }
  echo "Creating .venv with $python ($("$python" --version))"
  rm -rf .venv
  "$python" -m venv .venv
fi

# Reinstall only when the dependency files changed since the last install.
stamp=.venv/.installed
digest=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -c requirements.lock -e '.[dev,otel]'
  # Keep the dependencies, drop the project itself: manage.py and pytest import the
  # apps from the checkout they run in. An editable install would make every
  # worktree sharing this .venv import modules missing from its own checkout from
  # whichever checkout installed last (setuptools' finder maps submodules too).
  .venv/bin/python -m pip uninstall --quiet --yes open-loket
  echo "$digest" > "$stamp"
fi

mkdir -p var/static

# --- 3. Translations ------------------------------------------------------------
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# --- 4. The development OIDC broker (tools/oidc-broker/, docs/oidc-brokers.md) ------
# npm ci only when package-lock.json changed since the last install (offline-safe then).
broker=tools/oidc-broker
broker_stamp=$broker/node_modules/.installed-lock
broker_digest=$(sha256sum "$broker/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$broker_stamp" ] || [ "$(cat "$broker_stamp")" != "$broker_digest" ]; then
  (cd "$broker" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
  echo "$broker_digest" > "$broker_stamp"
fi
