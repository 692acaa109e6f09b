# The two commands of the README:
#   make run   install, load the bundled data, serve the API and the web page
#   make test  install everything (Python, Neo4j launcher, web assets, Chromium), then
#              ruff, import-linter (the layers), mypy --strict and pytest; fails when any
#              of them fails
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make run` listens where ENFORCEGRAPH_HOST / ENFORCEGRAPH_PORT say (default
# 127.0.0.1:8000); HOST= and PORT= on the make command line win over them.
HOST ?=
PORT ?=
# Editable installs in strict mode link each module: reinstall when one is added.
SOURCES := $(shell find schema graph loaders api src -name '*.py' -not -path '*/node_modules/*' 2>/dev/null)

.PHONY: install python web neo4j-launcher browser run test lint typecheck pytest bench soak clean

$(STAMP): pyproject.toml $(SOURCES)
	bash scripts/install-system-packages.sh build
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip 'setuptools>=77' wheel
	$(BIN)/python -m pip install -q -e '.[dev,test]' --config-settings editable_mode=strict
	touch $(STAMP)

python: $(STAMP)

web:
	bash api/web/build.sh

neo4j-launcher:
	bash neo4j-launcher/build.sh

# Debian's Chromium (browser tests) and wrk (the GraphQL benchmark's test)
browser:
	bash scripts/install-system-packages.sh test

install: python web

run: install
	$(BIN)/enforcegraph load gdpr-text clearview reference-cases
	$(BIN)/enforcegraph serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

lint: python
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: python
	$(BIN)/mypy --strict -p enforcegraph

# two workers (pytest-xdist), each test module whole on one of them
pytest: install neo4j-launcher browser
	$(BIN)/pytest -n 2 --dist loadfile

test: install neo4j-launcher browser lint typecheck pytest

bench: install neo4j-launcher
	bash benchmarks/run.sh

# 10 minutes, 32 clients, hostile requests mixed in (benchmarks/README.md); not in `make test`
soak: python
	$(BIN)/python -m benchmarks.soak $(SOAK_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info api/web/dist neo4j-launcher/target
