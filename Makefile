# dateline: `make demo` sets everything up and runs the main job on examples/; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dateline.db
PYTEST_ARGS ?=

.PHONY: demo test eval install lint bench screenshots docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[serve,dist,dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/dateline ingest examples --db $(DB)
	$(BIN)/dateline stats --db $(DB)
	$(BIN)/dateline query --db $(DB) --limit 25

test: install
	$(BIN)/pytest -q -n 2 $(PYTEST_ARGS)

eval: install
	$(BIN)/python eval/run_eval.py

lint: install
	$(BIN)/ruff check dateline tests

bench: install
	$(BIN)/python benchmarks/throughput.py --articles 2000 --ref-articles 119
	$(BIN)/python benchmarks/store_speed.py --articles 5000 --events 1000000
	$(BIN)/python benchmarks/serve_load.py --workers 1

screenshots: install
	$(BIN)/python -m dateline.serve.screenshots docs/screenshots

docs: install
	$(BIN)/python -m dateline.cli.reference > docs/cli.md

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache eval/out $(DB) $(DB)-wal $(DB)-shm
