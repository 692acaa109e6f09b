"""Helpers of the store contract suite: the hand-made graphs and a few record builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

HERE = Path(__file__).resolve().parent
GRAPHS = {
    "mini": HERE.parent / "fixtures" / "mini.yaml",
    "edge-cases": HERE / "edge_cases.yaml",
}
SOURCE = "source:example-1"


def graph_batch(name: str) -> Batch:
    """A fresh batch of one of the hand-made graphs."""
    return read_batch(GRAPHS[name])


@pytest.fixture
def mini_batch() -> Batch:
    """The records of tests/fixtures/mini.yaml."""
    return graph_batch("mini")


@pytest.fixture
def graph_batches() -> Any:
    """``graph_batch(name)`` for "mini" and "edge-cases"."""
    return graph_batch


@pytest.fixture
def mini(store: GraphStore) -> GraphStore:
    """The store with tests/fixtures/mini.yaml loaded."""
    store.upsert(graph_batch("mini"))
    return store


@pytest.fixture
def edges(store: GraphStore) -> GraphStore:
    """The store with tests/store/edge_cases.yaml loaded."""
    store.upsert(graph_batch("edge-cases"))
    return store


def node(node_id: str, label: str, **props: Any) -> NodeRecord:
    """A node record with the mini graph's source unless sources are given."""
    props.setdefault("sources", [SOURCE])
    return NodeRecord(node_id, label, props)


def rel(rel_type: str, start: str, end: str, key: str = "", **props: Any) -> RelationshipRecord:
    """A relationship record with the mini graph's source unless sources are given."""
    props.setdefault("sources", [SOURCE])
    return RelationshipRecord(rel_type, start, end, props, key)


@pytest.fixture
def make_node() -> Any:
    """``node(id, label, **props)``."""
    return node


@pytest.fixture
def make_rel() -> Any:
    """``rel(type, start, end, key="", **props)``."""
    return rel
