"""benchmarks/graphql_load.py on its own: the API (cache off) and the floor take turns on a
small store, each answered without errors, with each server's CPU per request."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.synth import SynthConfig, synth_batches

# the benchmarks package is registered by this folder's conftest.py
graphql_load = importlib.import_module("benchmarks.graphql_load")


def test_the_api_and_the_floor_take_turns(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("wrk is not installed: scripts/install-system-packages.sh test")
        pytest.skip("wrk is not installed: scripts/install-system-packages.sh test")
    path = tmp_path / "g.sqlite"
    with EmbeddedStore(path) as store:
        for batch in synth_batches(SynthConfig(firms=200, seed=3)):
            store.upsert(batch)
    found = graphql_load.compare(path, clients=2, duration=1, repeats=1, workers=1)
    runs = {(run["query"], run["side"]): run for run in found["runs"]}
    assert set(runs) == {(q, s) for q in ("headline", "node") for s in ("api", "floor")}
    for run in runs.values():
        assert run["requests"] > 0 and run["non_2xx"] == 0 and run["socket_errors"] == 0
        assert run["cpu_ms_per_request"] > 0
