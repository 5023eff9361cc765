# Two commands on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-dev

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,events,serve,spark]'
	@touch $@

$(VENV)/.installed-bench: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,events,serve,spark,bench]'
	@touch $@

run: $(STAMP)
	$(VENV)/bin/newsline tag examples/*.txt
	$(VENV)/bin/newsline timeline examples/celebrity.txt
	$(VENV)/bin/newsline ingest examples/corpus --db newsline.duckdb
	$(VENV)/bin/newsline timeline --db newsline.duckdb --entity "Alicia Novak"

test: $(STAMP)
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
