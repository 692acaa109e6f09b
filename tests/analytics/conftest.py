"""Fixtures for the analytics tests: the mini graph plus fictional additions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.loaders.casefile import parse_case_file

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"


def load_files(store: EmbeddedStore, *paths: Path) -> None:
    """Load case files into a store, in order."""
    for path in paths:
        store.upsert(parse_case_file(path).batch)


@pytest.fixture
def rich_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An embedded store with mini.yaml and extra.yaml loaded."""
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    load_files(store, FIXTURES / "mini.yaml", HERE / "extra.yaml")
    yield store
    store.close()


@pytest.fixture
def rich_graph(rich_store: EmbeddedStore) -> nx.MultiDiGraph:
    """The rich store's graph."""
    return rich_store.to_networkx()
