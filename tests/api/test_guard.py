"""Cached documents: parsed and validated once per text, and every limit still holds."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from graphql import DocumentNode

import enforcegraph.api.guard as guard
from enforcegraph.api.context import make_context
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings


def _run(schema: Any, store: EmbeddedStore, query: str, **variables: Any) -> list[str]:
    """The error codes of one execution (empty when it succeeded)."""
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=make_context(Settings(), store))
    )
    return [str((error.extensions or {}).get("code")) for error in result.errors or []]


def _deep(levels: int) -> str:
    inner = "id"
    for _ in range(levels):  # Regulator.decisions.regulator.decisions ...: 2 per level
        inner = f"decisions {{ regulator {{ {inner} }} }}"
    return f'{{ node(id: "regulator:x") {{ ... on Regulator {{ {inner} }} }} }}'


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every query text the guard hands to the parser."""
    seen: list[str] = []
    real = guard.parse

    def counted(source: str, **options: Any) -> DocumentNode:
        seen.append(source)
        return real(source, **options)

    monkeypatch.setattr(guard, "parse", counted)
    return seen


def test_a_query_is_parsed_once(embedded_store: EmbeddedStore, parses: list[str]) -> None:
    schema = build_schema()
    for _ in range(3):
        assert _run(schema, embedded_store, "{ stats { totalNodes } }") == []
    assert parses == ["{ stats { totalNodes } }"]


@pytest.mark.parametrize(
    ("query", "code", "parsed"),
    [  # parsed: how often the guard parses it in three requests (once if cached)
        ("{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }", "LIMIT_EXCEEDED", 1),
        ("{ " + " ".join("__typename" for _ in range(3000)) + " }", "LIMIT_EXCEEDED", 3),
        (_deep(8), "LIMIT_EXCEEDED", 1),
        ("{ stats { totalNodes }", "BAD_USER_INPUT", 3),
        ("{ noSuchField }", "BAD_USER_INPUT", 1),
    ],
    ids=["aliases", "tokens", "depth", "syntax", "validation"],
)
def test_refused_documents_stay_refused(
    embedded_store: EmbeddedStore, parses: list[str], query: str, code: str, parsed: int
) -> None:
    schema = build_schema()
    for _ in range(3):
        assert _run(schema, embedded_store, query) == [code]
    assert parses == [query] * parsed  # a refused parse is never cached


def test_the_cost_limit_counts_each_requests_variables(embedded_store: EmbeddedStore) -> None:
    schema = build_schema(Settings(max_cost=1000))
    query = "query($n: Int) { companies(first: $n) { nodes { id sanctions { id } } } }"
    assert _run(schema, embedded_store, query, n=5) == []
    assert _run(schema, embedded_store, query, n=400) == ["LIMIT_EXCEEDED"]
    assert _run(schema, embedded_store, query, n=5) == []


def test_the_cache_is_bounded() -> None:
    cache = guard.DocumentCache(maxsize=2)
    config = guard.GuardConfig.from_settings(Settings())
    schema = build_schema()._schema
    for text in ("{ a }", "{ b }", "{ c }"):
        entry = guard.prepare(schema, text, config)
        assert entry is not None
        cache.put(text, entry)
    assert list(cache.entries) == ["{ b }", "{ c }"]
    assert cache.get("{ a }") is None
    assert guard.prepare(schema, "{ a", config) is None


@pytest.fixture
def estimates(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The operation of every cost estimate actually computed."""
    seen: list[str | None] = []
    real = guard.costed

    def counted(schema: Any, document: Any, operation: str | None, *rest: Any) -> Any:
        seen.append(operation)
        return real(schema, document, operation, *rest)

    monkeypatch.setattr(guard, "costed", counted)
    return seen


def test_cost_verdicts_are_kept_per_operation_and_variables_read(
    embedded_store: EmbeddedStore, estimates: list[str | None]
) -> None:
    settings = Settings(max_cost=1000, max_page_size=1000)  # only the cost refuses 400
    schema = build_schema(settings)
    query = """query Page($n: Int, $who: String) { companies(first: $n, filter: {name: {eq: $who}}) {
                 nodes { id sanctions { id } } } }
               query Fixed { companies(first: 400) { nodes { id sanctions { id } } } }"""

    def run(operation: str, **variables: Any) -> list[str]:
        result = asyncio.run(schema.execute(query, variable_values=variables,
                                            operation_name=operation,
                                            context_value=make_context(settings, embedded_store)))
        return [str((e.extensions or {}).get("code")) for e in result.errors or []]

    assert run("Page", n=5, who="a") == []
    assert run("Page", n=5, who="b") == []  # $who is not read by the estimate: kept
    assert run("Page", n=400, who="a") == ["LIMIT_EXCEEDED"]
    assert run("Page", n=400, who="c") == ["LIMIT_EXCEEDED"]
    assert run("Page", n=5, who="c") == []
    assert run("Fixed") == ["LIMIT_EXCEEDED"]  # another operation of the same document
    assert run("Fixed") == ["LIMIT_EXCEEDED"]
    assert run("Page", who="d") == []  # no $n: the default page size, estimated apart
    assert estimates == ["Page", "Page", "Fixed", "Page"]


def test_cost_verdicts_per_document_are_bounded(embedded_store: EmbeddedStore) -> None:
    schema = build_schema(Settings(max_cost=10**9))
    query = "query($n: Int) { companies(first: $n) { nodes { id } } }"
    for n in range(guard.COSTS_KEPT + 5):
        assert _run(schema, embedded_store, query, n=n) == []
    config = schema.extensions[0]().config  # type: ignore[operator, attr-defined]
    entry = config.cache.get(query)
    assert entry is not None and 0 < len(entry.costs) <= guard.COSTS_KEPT
