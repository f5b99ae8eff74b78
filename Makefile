# pmiek — the two commands of the README, and a few helpers.
#   make demo   set up .venv (when missing) and run the main job on the embedded dataset
#   make test   set up .venv (when missing) and run lint, type checks and the whole test suite
#   make serve  set up .venv (when missing) and bring up the web application with the Utrecht
#               demo on http://127.0.0.1:8000 (its store in out/serve/; demo accounts printed once)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_OUT ?= out/demo
# The suite runs on two processes (pytest-xdist), a test file's tests in one of them (so that
# a module's fixtures are made once and its tests run in order). PYTEST_ARGS= (empty) runs it
# in one process.
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: demo serve test lint typecheck pytest pgstop docs data bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	@echo "pmiek: installing pmiek and its dependencies into $(VENV) (a few minutes the first time)"
	$(BIN)/python -m pip install --progress-bar on -e ".[dask]" --group dev
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pmiek validate utrecht
	$(BIN)/pmiek summary utrecht
	$(BIN)/pmiek show utrecht --out $(DEMO_OUT)
	$(BIN)/pmiek insight utrecht --scenario all --out $(DEMO_OUT)/inzicht
	$(BIN)/pmiek insight explain LWD150 2030 --scenario KM
	$(BIN)/pmiek variants utrecht --lens all --out $(DEMO_OUT)/varianten
	$(BIN)/pmiek assess utrecht --variants $(DEMO_OUT)/varianten --out $(DEMO_OUT)/afweging --value-range
	$(BIN)/pmiek template $(DEMO_OUT)/pmiek-sjabloon.xlsx --overwrite
	$(BIN)/pmiek convert utrecht $(DEMO_OUT)/utrecht.xlsx --overwrite
	$(BIN)/pmiek convert utrecht $(DEMO_OUT)/utrecht.gpkg --overwrite
	$(BIN)/python scripts/governance_trail.py --out $(DEMO_OUT)/programma
	$(BIN)/pmiek report "P-MIEK 2.0" --db sqlite:///$(DEMO_OUT)/programma/pmiek.db --as kernteam \
	  --out $(DEMO_OUT) --overwrite

SERVE_DIR ?= out/serve
serve: $(STAMP)
	mkdir -p $(SERVE_DIR)
	cd $(SERVE_DIR) && $(CURDIR)/$(BIN)/pmiek serve --demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts docs

typecheck: $(STAMP)
	$(BIN)/mypy

# The PostgreSQL cases of the suite run on a throw-away local server that
# scripts/test_postgres.sh starts (or reuses; installing Debian's package as root when
# missing) and whose URL it prints. Should it fail, they skip — except under CI (CI set
# and not false/0/no), where the failure fails this target. Under CI the server is
# stopped again afterwards; locally it keeps running for the next run (make pgstop).
#
# The browser and PDF checks (the programme document; later the web application) need
# Debian's chromium and poppler-utils and axe-core (pinned in tests/browser):
# scripts/browser_tools.sh installs what is missing (apt-get only as root) and prints the
# tools' paths as KEY=VALUE lines. Should it fail, those checks skip — except under CI, where
# this target fails.
pytest: $(STAMP)
	@tools=$$(bash scripts/browser_tools.sh) || { \
	  status=$$?; \
	  case "$${CI:-}" in \
	    ""|0|false|False|FALSE|no|No|NO) \
	      echo "make pytest: browser/PDF tools incomplete (scripts/browser_tools.sh exit $$status); those checks will skip" >&2; \
	      tools= ;; \
	    *) echo "make pytest: CI is set but scripts/browser_tools.sh failed (exit $$status)" >&2; \
	      exit $$status ;; \
	  esac; }; \
	eval "$$tools"; export PMIEK_CHROMIUM PMIEK_AXE_JS PMIEK_PDFTOPPM PMIEK_PDFTOTEXT; \
	url=$$(bash scripts/test_postgres.sh) || { \
	  status=$$?; \
	  case "$${CI:-}" in \
	    ""|0|false|False|FALSE|no|No|NO) \
	      echo "make pytest: no PostgreSQL test server (scripts/test_postgres.sh exit $$status); the PostgreSQL tests will skip" >&2; \
	      url= ;; \
	    *) echo "make pytest: CI is set but the PostgreSQL test server could not be started (scripts/test_postgres.sh exit $$status)" >&2; \
	      exit $$status ;; \
	  esac; }; \
	if [ -n "$$url" ]; then \
	  echo "make pytest: PostgreSQL tests on $$url" >&2; \
	  export PMIEK_TEST_POSTGRES_URL="$$url"; \
	fi; \
	echo "$(BIN)/python -m pytest $(PYTEST_ARGS)"; \
	status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	case "$${CI:-}" in \
	  ""|0|false|False|FALSE|no|No|NO) ;; \
	  *) bash scripts/test_postgres.sh stop || true ;; \
	esac; \
	exit $$status

# Stop the PostgreSQL test server of `make pytest`.
pgstop:
	bash scripts/test_postgres.sh stop

test: lint typecheck pytest

docs: $(STAMP)
	$(BIN)/python scripts/generate_docs.py

data: $(STAMP)
	$(BIN)/python scripts/build_example.py
	$(BIN)/python scripts/build_utrecht.py --check

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
