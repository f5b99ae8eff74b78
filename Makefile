# pmiek — the two commands of the README, and a few helpers.
#   make demo   set up .venv (when missing) and run the main job on the embedded dataset
#   make test   set up .venv (when missing) and run lint, type checks and the whole test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_OUT ?= out/demo

.PHONY: demo test lint typecheck pytest docs bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pmiek validate example
	$(BIN)/pmiek summary example
	@mkdir -p $(DEMO_OUT)
	$(BIN)/pmiek template $(DEMO_OUT)/pmiek-sjabloon.xlsx --overwrite
	$(BIN)/pmiek convert example $(DEMO_OUT)/example.xlsx --overwrite
	$(BIN)/pmiek convert example $(DEMO_OUT)/example.gpkg --overwrite

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck pytest

docs: $(STAMP)
	$(BIN)/python scripts/generate_docs.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
