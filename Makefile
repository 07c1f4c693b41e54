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

## Code the bundled example corpus: the reference article in full, then the 89 VOA stories
## into out/voa_events.jsonl with a summary.
run: $(STAMP)
	$(BIN)/redline code examples/seed_article.jsonl --format table
	@mkdir -p out
	$(BIN)/redline code examples/voa_stories.jsonl --format jsonl --out out/voa_events.jsonl --summary
	@echo "All VOA records: out/voa_events.jsonl. Try: $(BIN)/redline explain \"Seoul summoned the Russian ambassador.\""

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
