# Set-up contract: `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export OPENBLAS_NUM_THREADS := 1

.PHONY: install run test lint typecheck bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Ingest the bundled example corpus (the reference article and 89 VOA stories) into
## redline.duckdb, then print the brief of the latest day and of the reference article's day.
run: $(STAMP)
	$(BIN)/redline ingest examples/ --db redline.duckdb
	$(BIN)/redline brief --db redline.duckdb
	$(BIN)/redline brief --db redline.duckdb --date 2024-06-21
	@echo "Explore: $(BIN)/redline query --db redline.duckdb \"SELECT event, count(*) FROM events GROUP BY event\""
	@echo "Export:  $(BIN)/redline export --db redline.duckdb --format gdelt --out events.tsv"

test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
