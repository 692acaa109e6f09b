"""Abusive requests get a typed error quickly: never a 500, never a hang."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore

QUICK = 5.0  # seconds; each of these answers in well under a second


def _error_code(response: httpx.Response) -> str:
    assert response.status_code < 500, response.text
    errors = response.json()["errors"]
    assert errors, response.text
    return str(errors[0]["extensions"]["code"])


def _timed_post(api: Any, payload: Any, **kwargs: Any) -> httpx.Response:
    started = time.monotonic()
    response = api.post(payload, **kwargs)
    assert time.monotonic() - started < QUICK
    return response


def test_depth_50_query(embedded_api: Any) -> None:
    inner = "id"
    for level in range(25):  # Decision.regulator.decisions ... : 50 levels
        inner = f"regulator {{ decisions {{ {inner} }} }}" if level else f"decisions {{ {inner} }}"
    query = f'{{ node(id: "regulator:fr-dpa") {{ ... on Regulator {{ {inner} }} }} }}'
    response = _timed_post(embedded_api, {"query": query})
    assert _error_code(response) == "LIMIT_EXCEEDED"
    assert "depth" in response.json()["errors"][0]["message"]


def test_a_thousand_aliases(embedded_api: Any) -> None:
    query = "{ " + " ".join(f"a{i}: stats {{ totalNodes }}" for i in range(1000)) + " }"
    response = _timed_post(embedded_api, {"query": query})
    assert _error_code(response) == "LIMIT_EXCEEDED"


def test_a_thousand_aliases_under_the_token_limit(
    embedded_store: GraphStore, serve: Callable[..., Any]
) -> None:
    # With the token limit out of the way, the alias limit itself must catch it.
    api = serve(embedded_store, Settings(max_tokens=100_000))
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    response = _timed_post(api, {"query": query})
    assert _error_code(response) == "LIMIT_EXCEEDED"
    assert "aliases" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("variables", [False, True])
def test_first_a_million(embedded_api: Any, variables: bool) -> None:
    if variables:
        payload = {"query": "query($n: Int) { companies(first: $n) { totalCount nodes { id } } }",
                   "variables": {"n": 1_000_000}}
    else:
        payload = {"query": "{ companies(first: 1000000) { totalCount nodes { id } } }"}
    response = _timed_post(embedded_api, payload)
    assert _error_code(response) == "LIMIT_EXCEEDED"


def test_cost_limit_on_nested_pages(embedded_api: Any) -> None:
    query = """{ companies(first: 500) { nodes { decisions { sanctions { target { id } }
                 against { id } } sanctions { decision { against { id } } } } } }"""
    response = _timed_post(embedded_api, {"query": query})
    assert _error_code(response) == "LIMIT_EXCEEDED"
    assert "cost" in response.json()["errors"][0]["message"]


def test_ten_megabyte_body(embedded_api: Any) -> None:
    body = '{"query": "{ stats { totalNodes } }", "padding": "' + "x" * 10_000_000 + '"}'
    started = time.monotonic()
    response = httpx.post(embedded_api.url + "/graphql", content=body,
                          headers={"content-type": "application/json"}, timeout=30)
    assert time.monotonic() - started < QUICK
    assert response.status_code == 413
    assert _error_code(response) == "LIMIT_EXCEEDED"


def test_ten_megabyte_body_without_content_length(embedded_api: Any) -> None:
    def chunks() -> Any:
        yield b'{"query": "{ stats { totalNodes } }", "padding": "'
        for _ in range(100):
            yield b"x" * 100_000
        yield b'"}'

    response = httpx.post(embedded_api.url + "/graphql", content=chunks(),
                          headers={"content-type": "application/json"}, timeout=30)
    assert response.status_code == 413
    assert _error_code(response) == "LIMIT_EXCEEDED"


def test_request_timeout(embedded_store: GraphStore, serve: Callable[..., Any]) -> None:
    api = serve(embedded_store, Settings(request_timeout=0.5))
    api.counting.delays["full_text"] = 3.0
    started = time.monotonic()
    response = api.post({"query": '{ search(text: "far") { totalCount } }'})
    assert time.monotonic() - started < 2.5
    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    api.counting.delays.clear()
    assert api.post({"query": "{ stats { totalNodes } }"}).status_code == 200


def test_token_limit(embedded_api: Any) -> None:
    query = "{ " + " ".join("__typename" for _ in range(3000)) + " }"
    assert _error_code(_timed_post(embedded_api, {"query": query})) == "LIMIT_EXCEEDED"
