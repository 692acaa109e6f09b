"""The response cache: repeated questions answered without the store, until the data changes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from enforcegraph.api.response_cache import CachedAnswer, ResponseCache
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.graph.store.embedded import EmbeddedStore
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
    cache = ResponseCache(max_bytes=800)
    assert cache.get(b"a", 1) is None
    assert cache.put(b"a", 1, _answer(b"x" * 100))
    assert cache.put(b"b", 1, _answer(b"y" * 100))
    assert not cache.put(b"big", 1, _answer(b"z" * 101)), "one answer may use 1/8 of the cache"
    assert cache.get(b"a", 1) == _answer(b"x" * 100)
    for key in range(7):  # a was used last before these: b goes first, then a
        cache.put(bytes([key]), 1, _answer(b"w" * 100))
    assert cache.size <= 800 and cache.get(b"b", 1) is None
    assert not cache.put(b"old", 0, _answer(b"{}")), "an answer from an older generation"
    assert cache.get(b"a", 2) is None and len(cache) == 0 and cache.size == 0


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
