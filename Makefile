# Set-up contract: `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export OPENBLAS_NUM_THREADS := 1

.PHONY: install run serve test lint typecheck bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Ingest the bundled example corpus (the reference article and 89 VOA stories) into
## redline.duckdb, print the brief of the latest day and of the reference article's day, the
## red lines the reference article states (and their crossings), and write the report of its
## day and the Russia -> South Korea dyad plot to files it names.
run: $(STAMP)
	$(BIN)/redline ingest examples/ --db redline.duckdb
	$(BIN)/redline brief --db redline.duckdb
	$(BIN)/redline brief --db redline.duckdb --date 2024-06-21
	$(BIN)/redline redlines --db redline.duckdb --since 2024-06-21 --until 2024-06-21
	$(BIN)/redline brief --db redline.duckdb --date 2024-06-21 --format html --out brief-2024-06-21.html --force
	$(BIN)/redline dyad RUS KOR --db redline.duckdb --by day --since 2024-06-07 --until 2024-06-28 --format png --out dyad_RUS_KOR.png --force
	@echo "Explore: $(BIN)/redline query --db redline.duckdb \"SELECT event, count(*) FROM events GROUP BY event\""
	@echo "Export:  $(BIN)/redline export --db redline.duckdb --format gdelt --out events.tsv"
	@echo "What if: $(BIN)/redline scenario --db redline.duckdb \"KOR AID UKR weapons\""
	@echo "Report:  brief-2024-06-21.html (open it in a browser); plot: dyad_RUS_KOR.png"
	@echo "Serve:   make serve, then open http://127.0.0.1:8000/ (the dashboard; the HTTP API at /docs)"

## Serve redline.duckdb over HTTP on 127.0.0.1:8000 (read-only unless REDLINE_TOKEN is set;
## the API's documentation at http://127.0.0.1:8000/docs).
serve: $(STAMP)
	$(BIN)/redline serve --db redline.duckdb

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
