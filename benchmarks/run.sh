#!/usr/bin/env bash
# Run every benchmark and rewrite benchmarks/RESULTS.md: benchmarks/run.sh [--sizes 10k,100k,1m] [...]
# Installs what the benchmarks need (wrk from Debian, the bench extra from PyPI) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
if ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; }
  else
    echo "run.sh: wrk is missing and apt-get is not available; the GraphQL benchmark will be skipped" >&2
  fi
fi
"$PY" -c "import igraph" 2>/dev/null && [ -x "$(dirname "$PY")/py-spy" ] || "$PY" -m pip install -q 'igraph>=0.11' 'py-spy>=0.4'  # the [bench] extra
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m benchmarks.run "$@"
