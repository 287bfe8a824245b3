#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry.
#
# We commit the results so that `make run` and `make test` need no npm:
#   - NL Design System component CSS (@utrecht/component-library-css, EUPL-1.2)
#     -> portal/static/vendor/utrecht/  (our own tokens live in portal/static/css/theme.css)
#   - axe-core (MPL-2.0), used only by the browser tests -> tests/browser/vendor/
#
# Usage: bump the versions in package.json, run this script, review the diff, commit.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --ignore-scripts
mkdir -p portal/static/vendor/utrecht tests/browser/vendor
cp node_modules/@utrecht/component-library-css/dist/index.css portal/static/vendor/utrecht/component-library.css
cp node_modules/@utrecht/component-library-css/LICENSE.md portal/static/vendor/utrecht/LICENSE.md 2>/dev/null \
  || cp node_modules/@utrecht/component-library-css/LICENSE* portal/static/vendor/utrecht/
cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
cp node_modules/axe-core/LICENSE tests/browser/vendor/AXE-LICENSE
echo "Vendored: @utrecht/component-library-css $(node -p "require('./node_modules/@utrecht/component-library-css/package.json').version"), axe-core $(node -p "require('./node_modules/axe-core/package.json').version")"
