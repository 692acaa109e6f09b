"""Embedded and Neo4j side by side on the same graphs: every read gives the same answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore, PropertyFilter
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.schema.names import normalize_name

pytestmark = pytest.mark.neo4j


@pytest.fixture
def pair(neo4j_server: Any, tmp_path: Path) -> Iterator[tuple[GraphStore, GraphStore]]:
    from enforcegraph.graph.backends.neo4j import Neo4jStore

    neo4j = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=neo4j_server.uri))
    neo4j.clear()
    embedded = EmbeddedStore(tmp_path / "graph.sqlite")
    yield embedded, neo4j
    embedded.close()
    neo4j.close()


def search_texts(store: GraphStore) -> list[str]:
    """Every name of the graph; for every fifth, a prefix, an inner part and upper case."""
    texts = {"gdpr", "cnil", "a", "the", "ai", "  ", "company:clearview-ai", "sanction:nope"}
    names = []
    for node in store.iter_nodes():
        for prop in store.model.label(node.label).name_properties:
            value = node.get(prop)
            names += [n for n in (value if isinstance(value, list) else [value]) if isinstance(n, str)]
    texts.update(names)
    for name in names[::5]:
        norm = normalize_name(name)
        texts.update({norm[:4], norm[2:9], name.upper()})
    return sorted(texts)


@pytest.mark.parametrize("graph", ["clearview", "reference-cases"])
def test_same_answers(pair: tuple[GraphStore, GraphStore], graph: str) -> None:
    embedded, neo4j = pair
    batch = dataset_batch(graph)
    assert neo4j.upsert(batch) == embedded.upsert(batch)
    assert neo4j.stats() == embedded.stats()
    assert [n.to_dict() for n in neo4j.iter_nodes()] == [n.to_dict() for n in embedded.iter_nodes()]
    assert [r.to_dict() for r in neo4j.iter_relationships()] == [
        r.to_dict() for r in embedded.iter_relationships()
    ]
    a, b = neo4j.to_networkx(), embedded.to_networkx()
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))
    for index, text in enumerate(search_texts(embedded)):
        for labels in (None, ["Company"], ["Regulator", "Law"])[: 1 if index % 4 else 3]:
            assert [n.id for n in neo4j.search(text, labels, limit=7)] == [
                n.id for n in embedded.search(text, labels, limit=7)
            ], (text, labels)
    for label, spec in sorted(embedded.model.labels.items()):
        for prop in ["id", *spec.properties]:
            for descending in (False, True):
                page = {"order_by": prop, "descending": descending, "limit": 9, "offset": 2}
                assert [n.id for n in neo4j.find(label, **page)] == [
                    n.id for n in embedded.find(label, **page)
                ], (label, page)
            flt = [PropertyFilter(prop, "exists")]
            assert neo4j.count(label, flt) == embedded.count(label, flt)
    ids = [n.id for n in embedded.iter_nodes()]
    for types in (None, ["AGAINST", "IMPOSES"]):
        for direction in ("out", "in", "both"):
            assert neo4j.relationships_of(ids, types, direction) == embedded.relationships_of(
                ids, types, direction
            )
