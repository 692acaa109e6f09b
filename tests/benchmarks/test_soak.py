"""The soak's judging, mix and report (the 10-minute soak itself is not a test)."""

from __future__ import annotations

import argparse
import importlib
import json
from typing import Any

# the benchmarks package is registered by this folder's conftest.py
soak = importlib.import_module("benchmarks.soak")
HOSTILE, NORMAL, Mix, Tally = soak.HOSTILE, soak.NORMAL, soak.Mix, soak.Tally
_judge, render, summarise = soak._judge, soak.render, soak.summarise


def _error(code: str) -> bytes:
    return json.dumps({"data": None, "errors": [{"message": "m", "extensions": {"code": code}}]}).encode()


def test_judging() -> None:
    assert _judge("node", 200, b'{"data": {"node": {"id": "x"}}}')[0]
    assert not _judge("node", 200, _error("INTERNAL_SERVER_ERROR"))[0]
    assert not _judge("search", 503, _error("LIMIT_EXCEEDED"))[0]
    assert _judge("fanout", 200, _error("LIMIT_EXCEEDED")) [:2] == (True, "200 LIMIT_EXCEEDED")
    assert not _judge("fanout", 200, b'{"data": {"stats": {}}}')[0], "a fan-out must be refused"
    assert not _judge("huge_body", 503, _error("LIMIT_EXCEEDED"))[0]
    assert _judge("non_object", 400, _error("BAD_USER_INPUT"))[0]
    assert _judge("export", 200, b"<graphml/>")[0] and not _judge("export", 500, b"")[0]


def test_the_mix_draws_every_kind() -> None:
    ids = {name: [f"{name}:1", f"{name}:2"] for name in (
        "all", "firms", "regulators", "companies", "decisions")}
    mix = Mix(ids, seed=1)
    seen = {mix.pick()[0] for _ in range(3000)}
    assert seen == set(NORMAL) | set(HOSTILE)


def test_the_report() -> None:
    tally = Tally()
    tally.add("node", 0.004, True, "200 ok")
    tally.add("fanout", 0.02, True, "200 LIMIT_EXCEEDED")
    tally.add("search", 30.0, False, "timeout")
    samples: list[dict[str, Any]] = [{"t": t, "rss_mib": {"1": 100.0 + t / 60, "2": 120.0}}
                                     for t in range(0, 301, 5)]
    args = argparse.Namespace(clients=2, workers=2, rss_after=120, note="")
    summary = summarise({"tally": tally, "samples": samples, "elapsed_s": 300.0}, args)
    assert summary["unexpected"] == 1 and summary["hostile_requests"] == 1
    assert round(summary["rss"]["1"]["growth_pct"], 2) == round(100 * 3 / 102, 2)
    text = render(summary)
    assert "**1 unexpected errors**" in text and "timeout x1 (UNEXPECTED)" in text


def test_the_normal_queries_fit_the_schema() -> None:
    """Every normal request of the mix is a valid document of the served schema (a query
    the schema refuses would count as unexpected in every soak)."""
    from graphql import parse, validate

    from enforcegraph.api.schema import build_schema
    from enforcegraph.graph.settings import Settings

    schema = build_schema(Settings())._schema
    ids = {name: [f"{name}:1"] for name in ("all", "firms", "regulators", "companies", "decisions")}
    mix = Mix(ids, seed=3)
    checked = set()
    for _ in range(3000):
        kind, _method, path, body = mix.pick()
        if kind in NORMAL and path == "/graphql" and body:
            query = json.loads(body)["query"]
            if query not in checked:
                checked.add(query)
                assert validate(schema, parse(query)) == [], (kind, query)
    assert checked
