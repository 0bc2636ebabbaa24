# thesis — the two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# the demo keeps its own store inside the checkout, so it never touches a user's data
export THESIS_HOME ?= $(CURDIR)/.thesis

.PHONY: demo test lint typecheck format bench clean help

help:
	@echo "make demo   create .venv, install, build the bundled offline data, write the outlook to out/"
	@echo "            with its key dates (.ics), a static site (out/site) and the newsletter (.eml)"
	@echo "make test   create .venv with dev extras, run ruff, mypy and the test suite"
	@echo "make bench  run the side-by-side benchmarks in bench/ (installs the bench extras)"
	@echo "make typecheck  run mypy on src/ (configured in pyproject.toml)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), f"thesis needs Python >= 3.11, found {sys.version.split()[0]}; set PYTHON=python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $@ $(VENV)/.installed $(VENV)/.dev

demo: $(VENV)/.installed
	$(BIN)/thesis data bundle --if-missing
	$(BIN)/thesis events import examples/calendars/us-2022.ics
	@# exit 3: the outlook was written but parts were left out (the bundle lacks earnings data)
	@$(BIN)/thesis run examples/demo-bundled.toml --out out --overwrite; rc=$$?; \
	  if [ $$rc -ne 0 ] && [ $$rc -ne 3 ]; then exit $$rc; fi
	$(BIN)/thesis publish site out --out out/site
	$(BIN)/thesis publish email out --to reader@example.org --site-url "file://$(CURDIR)/out/site" \
	  --dry-run out/newsletter.eml

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@# pytest exits 5 when it collected no tests: that must not pass silently. Bytecode is
	@# cached even where the environment says PYTHONDONTWRITEBYTECODE: the suite starts many
	@# processes (xdist workers, CLI subprocesses) that would each compile thesis and the tests
	@env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n 2 -q; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.bench
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_paths.py
	$(BIN)/python bench/bench_backtest.py
	$(BIN)/python bench/bench_writing.py
	$(BIN)/python bench/bench_check.py

clean:
	rm -rf out .thesis .pytest_cache .ruff_cache
