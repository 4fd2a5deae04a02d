# The two entry points the README leads with.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install bench clean

$(BIN)/vvgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/vvgraph

## make run: extract the bundled report into build/records.json (more stages join as they land)
run: install
	mkdir -p build
	$(BIN)/vvgraph extract -o build/records.json

## make test: the whole test suite
test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build
