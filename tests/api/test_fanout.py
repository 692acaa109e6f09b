"""Fragment fan-out (issue 19, item 1): a 1 KB query must not freeze the server.

``fragment Fi on Query { ...Fi-1 ...Fi-1 }`` doubles what a naive walk visits with each
level; the limits must remember fragments (time linear in the document), run off the
event loop, and refuse such a query with LIMIT_EXCEEDED.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from graphql import parse

import enforcegraph.api.limits as limits
import enforcegraph.api.shape as shape
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore


def fan_out(levels: int, leaf: str = "stats { totalNodes }") -> str:
    """``levels`` fragments, each spreading the one below twice (under 1 KB for 22)."""
    fragments = [f"fragment F0 on Query {{ {leaf} }}"]
    fragments += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return f"{{ ...F{levels} }}\n" + "\n".join(fragments)


def _visits(monkeypatch: pytest.MonkeyPatch, module: Any, cls: str, method: str) -> list[int]:
    counter = [0]
    real = getattr(getattr(module, cls), method)

    def counted(self: Any, *args: Any) -> Any:
        counter[0] += 1
        return real(self, *args)

    monkeypatch.setattr(getattr(module, cls), method, counted)
    return counter


@pytest.mark.parametrize("levels", [22, 60])
def test_depth_and_aliases_visit_each_fragment_once(
    monkeypatch: pytest.MonkeyPatch, levels: int
) -> None:
    visits = _visits(monkeypatch, shape, "_Measure", "selections")
    document = parse(fan_out(levels, leaf="a: stats { totalNodes }"))
    errors = shape.shape_errors(document, max_depth=10, max_aliases=30)
    assert [e.extensions["code"] for e in errors if e.extensions] == ["LIMIT_EXCEEDED"]
    assert "aliases found" in errors[0].message  # 2**levels of them, counted, not walked
    selection_sets = 2 * (levels + 1) + 1  # each fragment's, the stats field's, the operation's
    assert visits[0] <= selection_sets


@pytest.mark.parametrize("levels", [22, 60])
def test_the_cost_visits_each_fragment_once(monkeypatch: pytest.MonkeyPatch, levels: int) -> None:
    visits = _visits(monkeypatch, limits, "_Estimator", "cost")
    schema = build_schema()._schema
    error = limits.cost_error(schema, parse(fan_out(levels)), None, {}, 20000, 50)
    assert error is not None and error.extensions == {"code": "LIMIT_EXCEEDED"}
    assert len(error.message) < 100  # 2**60 is not printed in full
    assert visits[0] <= 2 * (levels + 1) + 1


def test_expensive_fields_cost_more_than_a_page() -> None:
    schema = build_schema()._schema
    analyses = "{ " + " ".join(
        f'a{i}: analysis(name: "centrality") {{ totalCount }}' for i in range(30)
    ) + " }"
    error = limits.cost_error(schema, parse(analyses), None, {}, 20000, 50)
    assert error is not None and "cost" in error.message
    one = '{ analysis(name: "components") { totalCount } }'
    assert limits.cost_error(schema, parse(one), None, {}, 20000, 50) is None
    wide = '{ neighbourhood(id: "x", depth: 3, limitPerNode: 500) { nodes { id } } }'
    assert limits.cost_error(schema, parse(wide), None, {}, 20000, 50) is not None
    narrow = '{ neighbourhood(id: "x", depth: 2, limitPerNode: 25) { nodes { id } } }'
    assert limits.cost_error(schema, parse(narrow), None, {}, 20000, 50) is None


def _post(url: str, query: str, out: list[httpx.Response], started: threading.Event) -> None:
    started.set()
    out.append(httpx.post(url + "/graphql", json={"query": query}, timeout=60))


def test_hostile_fan_out_leaves_the_server_answering(
    embedded_store: GraphStore, serve: Callable[..., Any]
) -> None:
    """Two 30-level fan-outs in flight: /healthz answers within 1 s, they get LIMIT_EXCEEDED."""
    timeout = 10.0
    api = serve(embedded_store, Settings(request_timeout=timeout))
    hostile = fan_out(30)
    assert len(hostile.encode()) < 1300
    answers: list[httpx.Response] = []
    threads = []
    for _ in range(2):
        started = threading.Event()
        thread = threading.Thread(target=_post, args=(api.url, hostile, answers, started))
        thread.start()
        started.wait()
        threads.append(thread)
    began = time.monotonic()
    health = httpx.get(api.url + "/healthz", timeout=30)
    assert health.status_code == 200
    assert time.monotonic() - began < 1.0
    for thread in threads:
        thread.join(timeout + 5)
    assert len(answers) == 2
    for answer in answers:
        assert answer.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert time.monotonic() - began < timeout


def test_fan_out_with_aliases_is_refused_over_http(
    embedded_store: GraphStore, serve: Callable[..., Any]
) -> None:
    api = serve(embedded_store, Settings(request_timeout=10.0))
    response = api.post({"query": fan_out(30, leaf="x: __typename")})
    assert response.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "aliases" in response.json()["errors"][0]["message"]
