"""Neo4j: a graph written before the full-text index existed is given its fields when a
store first connects, and is then found like any other."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.schema.records import Batch, NodeRecord

pytestmark = pytest.mark.neo4j
SOURCE = "source:example-1"


def test_nodes_from_before_the_index_are_backfilled(neo4j_server: Any) -> None:
    first = Neo4jStore(neo4j_server.uri)
    first.clear()
    first.upsert(Batch(nodes=[
        NodeRecord(SOURCE, "Source", {"url": "https://example.org/1"}),
        *(NodeRecord(f"company:firm-{i}", "Company", {
            "name": f"Firm {i}", "notes": "No establishment in the EU.", "sources": [SOURCE]})
          for i in range(7)),
    ]))
    with first._driver.session() as session:  # as a store of an older version left it
        session.run("DROP INDEX entity_fulltext").consume()
        session.run("MATCH (n:Entity) REMOVE n._ft_names, n._ft_body").consume()
    first.close()
    later = Neo4jStore(neo4j_server.uri, batch_size=3)  # backfills in batches of 3
    try:
        page = later.full_text("establishment", limit=10)
        assert page.total == 7
        assert [hit.node.id for hit in page.hits] == [f"company:firm-{i}" for i in range(7)]
        assert all(hit.snippet and hit.snippet.property == "notes" for hit in page.hits)
        assert "_ft_names" not in page.hits[0].node.properties
    finally:
        later.clear()
        later.close()
