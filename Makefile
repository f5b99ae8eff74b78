# pmiek — the two commands of the README, and a few helpers.
#   make demo   set up .venv (when missing) and run the main job on the embedded dataset
#   make test   set up .venv (when missing) and run lint, type checks and the whole test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_OUT ?= out/demo

.PHONY: demo test lint typecheck pytest docs data bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e ".[dask]" --group dev
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pmiek validate utrecht
	$(BIN)/pmiek summary utrecht
	$(BIN)/pmiek show utrecht --out $(DEMO_OUT)
	$(BIN)/pmiek insight utrecht --scenario all --out $(DEMO_OUT)/inzicht
	$(BIN)/pmiek insight explain LWD150 2030 --scenario KM
	$(BIN)/pmiek variants utrecht --lens all --out $(DEMO_OUT)/varianten --time-limit 30
	$(BIN)/pmiek assess utrecht --variants $(DEMO_OUT)/varianten --out $(DEMO_OUT)/afweging
	$(BIN)/pmiek template $(DEMO_OUT)/pmiek-sjabloon.xlsx --overwrite
	$(BIN)/pmiek convert utrecht $(DEMO_OUT)/utrecht.xlsx --overwrite
	$(BIN)/pmiek convert utrecht $(DEMO_OUT)/utrecht.gpkg --overwrite

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

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
