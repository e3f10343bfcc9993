# The Open Box / La Boîte Ouverte — `make run` starts everything, `make test` tests everything.
SHELL := /bin/bash
PY := .venv/bin/python
STAMP := .venv/.installed

# Optional local overrides (see .env.example).
ifneq (,$(wildcard .env))
include .env
export
endif

.PHONY: run test test-unit bench install lint translations clean-data lock

run: install
	$(PY) -m stack run

test: install
	$(PY) -m pytest

test-unit: install
	$(PY) -m pytest tests/unit

bench: install
	$(PY) -m bench

lint: install
	.venv/bin/ruff check .

translations: install
	$(PY) scripts/update_translations.py

# medusa-backend's npm install is done by the stack itself (stack/medusa.py), only when its lock changed.
install: $(STAMP) tools/bun/node_modules/.bin/bun /usr/bin/chromium

.venv/bin/python:
	python3 -m venv .venv

# One resolved install of every Python dependency, pinned by requirements.lock.
$(STAMP): .venv/bin/python pyproject.toml requirements.lock
	.venv/bin/pip install --disable-pip-version-check -q -c requirements.lock -e ".[dev]"
	touch $@

tools/bun/node_modules/.bin/bun: tools/bun/package-lock.json
	npm ci --prefix tools/bun --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests and benchmarks (Playwright never downloads browsers here).
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

clean-data:
	rm -rf .data

# Re-resolve the Python dependency tree in a clean venv and pin it.
lock:
	rm -rf .cache/lockvenv && python3 -m venv .cache/lockvenv
	.cache/lockvenv/bin/pip install -q --disable-pip-version-check -e ".[dev]"
	{ head -2 requirements.lock; .cache/lockvenv/bin/pip freeze --exclude-editable | grep -v '^tob-lbo'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
