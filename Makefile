# Open Loket: two commands do everything (see README.md).
.PHONY: run test bootstrap lock vendor

run:
	@scripts/bootstrap.sh
	@scripts/run.sh

test:
	@BOOTSTRAP_BROWSER=1 scripts/bootstrap.sh
	@scripts/test.sh

bootstrap:
	@scripts/bootstrap.sh

# Refresh requirements.lock from the current .venv after changing pyproject.toml.
lock:
	@(echo "# Exact versions for a reproducible install. Regenerate with: make lock"; \
	  .venv/bin/pip freeze --exclude-editable | grep -v '^open-loket') > requirements.lock

# Refresh the vendored NL Design System CSS and axe-core (needs npm).
vendor:
	@scripts/update-vendor.sh
