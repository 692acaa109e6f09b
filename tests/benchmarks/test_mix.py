"""The query mix (benchmarks/mix.py) and the in-process timing (benchmarks/inprocess.py) run
on a small store: distinct requests of every kind, each answered without an error."""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from enforcegraph.api.context import make_context
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.synth import SynthConfig, synth_batches

# the benchmarks package is registered by this folder's conftest.py
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
mix = importlib.import_module("benchmarks.mix")
inprocess = importlib.import_module("benchmarks.inprocess")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mix") / "g.sqlite"
    with EmbeddedStore(path) as store:
        for batch in synth_batches(SynthConfig(firms=300, seed=2)):
            store.upsert(batch)
    return path


def test_the_mix_is_distinct_requests_of_every_kind_answered_without_errors(small_store: Path) -> None:
    requests = mix.generate(small_store, 400, seed=5)
    assert len({(path, body) for _, _, path, body in requests}) == 400
    assert {kind for kind, *_ in requests} == set(mix.KINDS)
    settings = Settings(db=small_store, response_cache_bytes=0)
    schema = build_schema(settings)
    loop = asyncio.new_event_loop()
    with EmbeddedStore(small_store, read_only=True) as store:
        try:
            for kind, method, path, body in requests:
                if method == "GET":  # an export of a subgraph around a node that exists
                    assert kind == "export"
                    assert store.get(parse_qs(urlsplit(path).query)["of"][0]) is not None
                    continue
                sent = json.loads(body)
                result = loop.run_until_complete(schema.execute(
                    sent["query"], variable_values=sent["variables"],
                    context_value=make_context(settings, store)))
                assert not result.errors, (kind, sent, result.errors)
                assert result.data
        finally:
            loop.close()


def test_inprocess_times_the_api_and_the_floor(small_store: Path) -> None:
    found = inprocess.measure(small_store, repeats=5)
    for key in ("headline api", "headline floor", "node api", "node floor"):
        p50, p99 = found[key]
        assert 0 < p50 <= p99


def test_inprocess_runs_requests_in_flight(small_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from enforcegraph.api import dataloaders, traversal_fields

    monkeypatch.setattr(inprocess, "IN_FLIGHT_REQUESTS", {"headline": 8, "node": 16})
    for threads in (False, True):
        found = inprocess.measure(small_store, repeats=2, in_flight=4, store_threads=threads)
        assert set(found["in_flight"]) == {"headline", "node"}
        assert all(len(rounds) == 5 and min(rounds) > 0 for rounds in found["in_flight"].values())
    # the switch to store threads is the benchmark's only
    assert dataloaders.bounded is traversal_fields.bounded
    assert dataloaders.bounded.__module__ == "enforcegraph.api.dataloaders"


def test_the_mix_replays_through_wrk(small_store: Path) -> None:
    if shutil.which("wrk") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("wrk is not installed: scripts/install-system-packages.sh test")
        pytest.skip("wrk is not installed: scripts/install-system-packages.sh test")
    found = mix.replay(small_store, 300, [2], 1.0)
    run = found["runs"][0]
    assert run["api"]["requests"] > 0 and run["floor"]["requests"] > 0
    assert run["api"]["errors"] == 0
    assert found["headline"]["api"]["rps"] > 0 and found["node"]["floor"]["rps"] > 0
    assert run["api"]["server_cpu_s"] > 0 and run["floor"]["cpu_ms_per_request"] > 0


def test_the_mix_replays_while_a_fixed_number_of_firms_is_loaded(
        small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed: scripts/install-system-packages.sh test")
    monkeypatch.syspath_prepend(str(BENCHMARKS.parent))  # the writer's process imports benchmarks
    copy = tmp_path / "during.sqlite"
    source, target = sqlite3.connect(small_store), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    found = mix.replay(copy, 300, [2], 1.0, write_after=300, write_firms=100, write_chunk=50)
    writer = found["writer"]
    assert len(writer["batches"]) == 2  # 100 firms, 50 a transaction, then it stops
    assert writer["records"] == sum(b["records"] for b in writer["batches"]) > 0
    assert all(0 < b["commit_ms"] <= b["lock_ms"] for b in writer["batches"])
    assert found["runs"] and all(run["clients"] == 2 for run in found["runs"])
    with EmbeddedStore(copy, read_only=True) as after:
        assert after.get("company:synth-399") is not None
        assert after.get("company:synth-400") is None


def test_exact_times_every_request_on_one_connection(small_store: Path) -> None:
    """The requests' own latencies (no coordinated-omission correction), with the slowest."""
    from benchmarks.graphql_load import serve

    requests = mix.generate(small_store, 200, seed=3)
    env = {"ENFORCEGRAPH_DB": str(small_store), "ENFORCEGRAPH_RESPONSE_CACHE_BYTES": "0"}
    with serve("api", 1, env) as (port, proc):
        found = mix._exact(port, requests, 1.0, proc.pid)
    assert found["measure"] == "exact" and found["requests"] > 0 and found["errors"] == 0
    assert 0 < found["p50_ms"] <= found["p99_ms"] <= found["max_ms"]
    slowest = found["slowest"]
    assert len(slowest) == 5 and slowest[0]["ms"] == round(found["max_ms"], 1)
    assert [s["ms"] for s in slowest] == sorted((s["ms"] for s in slowest), reverse=True)
    assert {s["kind"] for s in slowest} <= set(mix.KINDS) and found["server_cpu_s"] > 0
