# The two commands of the README: `make run` (load the bundled data, serve the API and
# web page) and `make test` (install everything, then ruff, mypy --strict and pytest).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint typecheck pytest neo4j-launcher web clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,test]' --config-settings editable_mode=strict
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/enforcegraph load clearview reference-cases
	$(BIN)/enforcegraph serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy --strict -p enforcegraph

pytest: install
	$(BIN)/pytest

test: install lint typecheck pytest

clean:
	rm -rf $(VENV) build dist *.egg-info
