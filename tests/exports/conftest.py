"""Fixtures for the export tests: the mini graph plus the analytics additions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.loaders.casefile import parse_case_file

TESTS = Path(__file__).resolve().parent.parent
CASE_FILES = (TESTS / "fixtures" / "mini.yaml", TESTS / "analytics" / "extra.yaml")


@pytest.fixture
def rich_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An embedded store with mini.yaml and tests/analytics/extra.yaml loaded."""
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    for path in CASE_FILES:
        store.upsert(parse_case_file(path).batch)
    yield store
    store.close()


@pytest.fixture
def rich_graph(rich_store: EmbeddedStore) -> nx.MultiDiGraph:
    """The rich store's graph (with Source nodes)."""
    return rich_store.to_networkx()


@pytest.fixture
def parallel_graph() -> nx.MultiDiGraph:
    """Two relationships of different types between the same two nodes, tricky strings."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_node("source:s", label="Source", url="https://example.org/s?a=1&b=2")
    graph.add_node("statement:x", label="Statement", text="It's \"fine\"\\ <ok>\nline 2 — ü",
                   claims=["a; b", "c"], sources=["source:s"])
    graph.add_node("company:c", label="Company", name="C & Co", sources=["source:s"])
    graph.add_edge("statement:x", "company:c", key="MADE_BY:statement:x->company:c",
                   type="MADE_BY", sources=["source:s"])
    graph.add_edge("statement:x", "company:c", key="ABOUT:statement:x->company:c",
                   type="ABOUT", sources=["source:s"])
    return graph
