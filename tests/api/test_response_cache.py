"""The response cache: repeated questions answered without the store, until the data changes."""

from __future__ import annotations

import asyncio
import gc
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from enforcegraph.api.response_cache import (
    ENTRY_OVERHEAD,
    MIN_ENTRY_BYTES,
    CachedAnswer,
    ResponseCache,
    ResponseCacheMiddleware,
    entry_cost,
)
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.schema.errors import EnforcegraphError
from enforcegraph.schema.records import Batch, NodeRecord

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"

NAME_OF_LEFT = {"query": 'query { node(id: "company:left") { id name } }'}
HEADLINE = {"query": "{ sanctionsWithoutEuEstablishment(first: 10) { totalCount "
                     "edges { node { sanction { id } firm { id name } } } } }"}


def _rename_left(store: GraphStore, name: str) -> None:
    store.upsert(Batch(nodes=[NodeRecord("company:left", "Company", {
        "name": name, "country": "GB", "sources": ["source:example-1"]})]))


def _answer(body: bytes) -> CachedAnswer:
    return CachedAnswer(200, ((b"content-type", b"application/json"),), body)


def test_the_cache_is_bounded_and_emptied_by_a_new_generation() -> None:
    one = entry_cost(b"a", _answer(b"x" * 100))
    assert one == ENTRY_OVERHEAD + 1 + len(b"content-typeapplication/json") + 100
    cache = ResponseCache(max_bytes=8 * one, max_entries=100)
    assert cache.get(b"a", 1) is None
    assert cache.put(b"a", 1, _answer(b"x" * 100))
    assert cache.put(b"b", 1, _answer(b"y" * 100))
    assert not cache.put(b"big", 1, _answer(b"z" * 101)), "one answer may use 1/8 of the cache"
    assert cache.get(b"a", 1) == _answer(b"x" * 100)
    for key in range(7):  # a was used last before these: b goes first, then a
        cache.put(bytes([key]), 1, _answer(b"w" * 100))
    assert cache.size <= 8 * one and cache.get(b"b", 1) is None and len(cache) == 8
    assert not cache.put(b"old", 0, _answer(b"{}")), "an answer from an older generation"
    assert cache.get(b"a", 2) is None and len(cache) == 0 and cache.size == 0


def test_the_number_of_entries_is_bounded_too() -> None:
    cache = ResponseCache(max_bytes=10_000_000, max_entries=3)
    cache.get(b"", 1)
    for key in range(5):
        assert cache.put(bytes([key]), 1, _answer(b"{}"))
    assert len(cache) == 3 and cache.get(bytes([0]), 1) is None
    assert ResponseCache(max_bytes=64 * MIN_ENTRY_BYTES).max_entries == 64


def _fill(middleware: ResponseCacheMiddleware, count: int, seed: int) -> None:
    """Ask ``count`` distinct questions whose answers (as the API sends them: JSON,
    Content-Type and Content-Length) are 40 bytes to 6 KB, most of them small."""

    async def ask_all() -> None:
        for i in range(count):
            body = json.dumps({"query": "{ node(id: $id) { id name } }",
                               "variables": {"id": f"company:{seed}-{i}"}}).encode()
            scope = {"type": "http", "method": "POST", "path": "/graphql", "query_string": b"",
                     "headers": [(b"content-type", b"application/json")]}
            given = False

            async def receive(body: bytes = body) -> dict[str, Any]:
                nonlocal given
                if given:
                    return {"type": "http.disconnect"}
                given = True
                return {"type": "http.request", "body": body, "more_body": False}

            async def send(message: dict[str, Any]) -> None:
                pass

            await middleware(scope, receive, send)

    asyncio.run(ask_all())


def test_what_the_cache_holds_is_what_it_counts() -> None:
    """Fill the cache through its middleware with many distinct answers, mostly small
    (where the per-entry overhead is most of the cost), and compare the memory it holds,
    measured by tracemalloc, with its budget: within 10% of it, never more (tolerance: the
    shared header sets and the OrderedDict's own table, which grows by doubling)."""
    budget = 4_000_000
    sizes = [40, 60, 90, 150, 300, 800, 2000, 6000]

    async def app(scope: Any, receive: Any, send: Any) -> None:
        request = await receive()
        n = len(request["body"])
        answer = orjson.dumps({"data": {"node": {"id": request["body"][-30:].decode(
            errors="replace"), "name": "x" * sizes[n % len(sizes)]}}})
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(answer)).encode())]})
        await send({"type": "http.response.body", "body": answer})

    cache = ResponseCache(budget)
    middleware = ResponseCacheMiddleware(app, cache, lambda: 1)
    _fill(middleware, 50, seed=0)  # warm: the event loop and the code paths
    cache.get(b"", 2)  # a new generation empties it
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        _fill(middleware, 30_000, seed=1)  # several times what fits
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert cache.size <= budget and len(cache) < 30_000, "it evicted"
    assert held <= budget * 1.10, f"{held:,} bytes held for a budget of {budget:,}"
    assert held >= budget * 0.6, f"only {held:,} of {budget:,}: the count is far too cautious"


def test_a_repeated_query_is_answered_without_the_store(embedded_api: Any) -> None:
    first = embedded_api.post(HEADLINE)
    calls = embedded_api.counting.total()
    second = embedded_api.post(HEADLINE)
    assert first.headers["x-enforcegraph-cache"] == "miss"
    assert second.headers["x-enforcegraph-cache"] == "hit"
    assert second.content == first.content and second.json()["data"]
    assert embedded_api.counting.total() == calls, "a hit must not read the store"
    other = embedded_api.post({**HEADLINE, "variables": {"unused": 1}})
    assert other.headers["x-enforcegraph-cache"] == "miss", "another body is another question"
    body = json.dumps(HEADLINE).encode()
    cache_of = [httpx.post(embedded_api.url + "/graphql", content=body, headers={"content-type": kind})
                .headers["x-enforcegraph-cache"]
                for kind in ("application/json", "application/json", "application/json; charset=utf-8")]
    assert cache_of == ["miss", "hit", "miss"], "the same body with another Content-Type"


def test_answers_in_the_graphql_response_media_type_are_kept_too(embedded_api: Any) -> None:
    """GraphiQL and modern clients ask for application/graphql-response+json."""
    accept = {"accept": "application/graphql-response+json"}
    first = embedded_api.post(HEADLINE, headers=accept)
    second = embedded_api.post(HEADLINE, headers=accept)
    assert first.headers["content-type"].startswith("application/graphql-response+json")
    assert (first.headers["x-enforcegraph-cache"], second.headers["x-enforcegraph-cache"]) == ("miss", "hit")
    plain = embedded_api.post(HEADLINE)
    assert plain.headers["content-type"].startswith("application/json")
    assert plain.headers["x-enforcegraph-cache"] == "miss", "another Accept is another answer"


def test_a_load_by_another_process_is_seen_at_once(embedded_api: Any, tmp_path: Path) -> None:
    assert embedded_api.post(NAME_OF_LEFT).json()["data"]["node"]["name"] == "Left Ltd"
    assert embedded_api.post(NAME_OF_LEFT).headers["x-enforcegraph-cache"] == "hit"
    other = EmbeddedStore(tmp_path / "graph.sqlite")  # the file the API serves
    try:
        _rename_left(other, "Left Holdings Ltd")
    finally:
        other.close()
    renamed = embedded_api.post(NAME_OF_LEFT)
    assert renamed.headers["x-enforcegraph-cache"] == "miss"
    assert renamed.json()["data"]["node"]["name"] == "Left Holdings Ltd"


def test_errors_are_never_kept(embedded_api: Any) -> None:
    bad = {"query": '{ node(id: "company:left") { noSuchField } }'}
    for _ in range(2):
        response = embedded_api.post(bad)
        assert response.json()["errors"]
        assert response.headers.get("x-enforcegraph-cache") != "hit"
    embedded_api.counting.failures["get_many"] = RuntimeError("disk gone")
    failed = embedded_api.post(NAME_OF_LEFT)
    assert failed.json().get("errors")
    del embedded_api.counting.failures["get_many"]
    assert embedded_api.post(NAME_OF_LEFT).json()["data"]["node"]["name"] == "Left Ltd"


def test_concurrent_askers_wait_for_one_execution(embedded_api: Any) -> None:
    embedded_api.counting.delays["get_many"] = 0.3

    async def ask_together() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=30) as client:
            return list(await asyncio.gather(*(
                client.post(embedded_api.url + "/graphql", json=NAME_OF_LEFT) for _ in range(6))))

    answers = asyncio.run(ask_together())
    assert {a.content for a in answers} == {answers[0].content}
    assert sorted(a.headers["x-enforcegraph-cache"] for a in answers) == ["hit"] * 5 + ["miss"]
    assert embedded_api.counting.calls["get_many"] == 1


def test_the_cache_can_be_turned_off(embedded_store: GraphStore,
                                     serve: Callable[..., Any]) -> None:
    embedded_store.upsert(parse_case_file(MINI).batch)
    api = serve(embedded_store, Settings(response_cache_bytes=0))
    for _ in range(2):
        assert "x-enforcegraph-cache" not in api.post(NAME_OF_LEFT).headers
    with pytest.raises(EnforcegraphError, match="RESPONSE_CACHE_BYTES"):
        Settings(response_cache_bytes=-1)


def test_stores_that_cannot_tell_a_change_are_not_cached(api: Any) -> None:
    expected = "hit" if api.store.generation() is not None else None
    api.post(NAME_OF_LEFT)
    assert api.post(NAME_OF_LEFT).headers.get("x-enforcegraph-cache") == expected
    if expected is None:  # Neo4j: every request reads the store, so a change shows at once
        _rename_left(api.store, "Left Again Ltd")
        assert api.post(NAME_OF_LEFT).json()["data"]["node"]["name"] == "Left Again Ltd"
