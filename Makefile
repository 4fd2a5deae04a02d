# The two entry points the README leads with.
PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 8000
BIN    := $(VENV)/bin

.PHONY: run test install system-deps bench clean

# Debian packages the tests drive for real: rapper (an RDF parser independent of rdflib and
# Oxigraph), Chromium (the browser tests) and OpenLink Virtuoso 7 (the store of Themis and
# mu-semtech stacks, for `vvgraph publish`; the tests start their own server). Installed when missing and running as root (CI).
SYSTEM_COMMANDS := rapper:raptor2-utils chromium:chromium chromedriver:chromium-driver npm:npm \
                   virtuoso-t:virtuoso-opensource isql-vt:virtuoso-opensource

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

# axe-core, the accessibility checker the browser tests run in every kind of page; each npm
# tool in its own prefix, since one `npm install --no-save` prunes what another put there.
AXE := build/npm/axe/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --no-save --no-audit --no-fund --silent --prefix build/npm/axe axe-core@4.10.2

# Lighthouse, for bench/bench_lighthouse.py only (make bench).
LIGHTHOUSE := build/npm/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	npm install --no-save --no-audit --no-fund --silent --prefix build/npm/lighthouse lighthouse@12.2.3

# The LDES client the tests replicate the event stream with (npm ldes-client), in its own
# prefix so that installing it does not prune YASGUI.
LDES_CLIENT := build/npm/ldes/node_modules/ldes-client/dist/bin/cli.js
$(LDES_CLIENT):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-audit --no-fund --silent --prefix build/npm/ldes ldes-client@0.3.0; \
	else echo "npm not found: the LDES replication test needs it (make system-deps installs npm)"; fi

install: $(BIN)/vvgraph $(YASGUI) $(LDES_CLIENT) $(AXE)

system-deps:
	@missing=""; for pair in $(SYSTEM_COMMANDS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

## make run [HOST=127.0.0.1] [PORT=8000]: build the graph from the bundled report, validate it,
## serve endpoint and pages. The command is .venv/bin/vvgraph (`. .venv/bin/activate` puts it on PATH).
run: install
	$(BIN)/vvgraph build -o build
	$(BIN)/vvgraph serve --host $(HOST) --port $(PORT)

## make test: the whole test suite
test: system-deps install
	$(BIN)/python -m pytest

bench: install $(LIGHTHOUSE)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_endpoint.py
	$(BIN)/python bench/bench_site.py
	$(BIN)/python bench/bench_lighthouse.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_hostile.py
	$(BIN)/python bench/bench_mutate.py

clean:
	rm -rf $(VENV) build
