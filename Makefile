# Two commands on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-dev
E2E    := $(VENV)/.installed-e2e
SERVE_PORT ?= 8000

.PHONY: run test install lint bench clean e2e-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,events,serve,spark,html]'
	@touch $@

$(VENV)/.installed-bench: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,events,serve,spark,html,bench]'
	@touch $@

# Only the environment (.venv with newsline and its extras), for using the commands without the demo server
install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsline tag examples/*.txt
	$(VENV)/bin/newsline timeline examples/celebrity.txt
	$(VENV)/bin/newsline ingest examples/corpus --db newsline.duckdb
	$(VENV)/bin/newsline timeline --db newsline.duckdb --entity "Alicia Novak"
	$(VENV)/bin/newsline serve --db newsline.duckdb --port $(SERVE_PORT)

# The browser tests' tools, tried once per venv: Debian's chromium and Node.js (where apt-get can install
# them) and playwright-core from tests/service/e2e/package-lock.json.  Without chromium or Node.js
# tests/service/test_service_e2e.py skips, saying what is missing; where npm exists a failed npm ci stops
# make (and the stamp is not written, so the next make tries again), and with chromium and Node.js present
# the test fails when playwright-core is missing.
$(E2E): tests/service/e2e/package-lock.json | $(STAMP)
	-@command -v chromium >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    echo "make: installing chromium and Node.js for the browser tests (apt-get)" && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
	      $$(command -v npm >/dev/null 2>&1 || echo nodejs npm)) >/dev/null 2>&1; } || \
	  echo "make: chromium or Node.js could not be installed: the browser tests will be skipped"
	@if command -v npm >/dev/null 2>&1; then \
	  (cd tests/service/e2e && npm ci --no-audit --no-fund --silent) || \
	  { echo "make: npm ci in tests/service/e2e failed: playwright-core is missing, so the browser test would fail" >&2; \
	    exit 1; }; \
	else echo "make: npm is not installed: the browser tests will be skipped"; fi
	@touch $@

e2e-deps: $(E2E)

test: $(STAMP) $(E2E)
	$(PY) -m ruff check src tests scripts
	$(PY) -m mypy
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests scripts
	$(PY) -m mypy

bench: $(VENV)/.installed-bench
	$(VENV)/bin/newsline bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
