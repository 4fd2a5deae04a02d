# The two entry points the README leads with.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install system-deps bench clean

# Debian packages the tests drive for real: rapper (an RDF parser independent of rdflib and
# Oxigraph) and Chromium (the browser tests). Installed when missing and running as root (CI).
SYSTEM_COMMANDS := rapper:raptor2-utils chromium:chromium chromedriver:chromium-driver npm:npm

$(BIN)/vvgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The query page's editor, YASGUI, from the npm registry at setup time (not committed).
YASGUI := build/npm/node_modules/@triply/yasgui/build/yasgui.min.js
$(YASGUI):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-audit --no-fund --silent --prefix build/npm @triply/yasgui@4.2.28; \
	else echo "npm not found: the query page uses its plain form (make system-deps installs npm)"; fi

install: $(BIN)/vvgraph $(YASGUI)

system-deps:
	@missing=""; for pair in $(SYSTEM_COMMANDS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

## make run: build the graph from the bundled report, validate it, serve endpoint and pages
run: install
	$(BIN)/vvgraph build -o build
	$(BIN)/vvgraph serve --host 127.0.0.1 --port 8000

## make test: the whole test suite
test: system-deps install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_endpoint.py
	$(BIN)/python bench/bench_site.py

clean:
	rm -rf $(VENV) build
