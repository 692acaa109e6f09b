"""``node(id) { relationships }`` through a hub: at most ``first`` (default the largest page),
the first by id, read no further by the store, and ``moreRelationships`` saying so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

SOURCE = "source:example-1"
DECISIONS = 12
QUERY = """query($id: ID!, $first: Int, $types: [RelationshipType!], $way: Direction) {
  node(id: $id) {
    relationships(first: $first, types: $types, direction: $way) { id type }
    moreRelationships(first: $first, types: $types, direction: $way) } }"""


def _hub() -> Batch:
    nodes = [NodeRecord(SOURCE, "Source", {"url": "https://example.org/1"}),
             NodeRecord("regulator:hub", "Regulator", {"name": "Hub Authority", "country": "FR",
                                                             "sources": [SOURCE]})]
    rels = []
    for i in range(DECISIONS):
        nodes.append(NodeRecord(f"decision:hub-{i:02d}", "Decision",
                                {"kind": "order", "ref": f"H-{i}", "sources": [SOURCE]}))
        rels.append(RelationshipRecord("ISSUED", "regulator:hub", f"decision:hub-{i:02d}",
                                       {"sources": [SOURCE]}))
    return Batch(nodes=nodes, relationships=rels)


def test_a_hubs_relationships_are_limited_and_say_so(
        embedded_store: GraphStore, serve: Callable[..., Any]) -> None:
    embedded_store.upsert(_hub())
    api = serve(embedded_store, Settings(request_timeout=120, max_page_size=10, default_page_size=5))
    every = [f"ISSUED:regulator:hub->decision:hub-{i:02d}" for i in range(DECISIONS)]

    def ask(**variables: Any) -> dict[str, Any]:
        return dict(api.query(QUERY, {"id": "regulator:hub", **variables})["node"])

    five = ask(first=5)
    assert [r["id"] for r in five["relationships"]] == every[:5] and five["moreRelationships"]
    page = ask()  # the default: the largest page (10 here), not the hub's 12
    assert [r["id"] for r in page["relationships"]] == every[:10] and page["moreRelationships"]
    typed = ask(first=10, types=["ISSUED"], way="OUT")
    assert len(typed["relationships"]) == 10 and typed["moreRelationships"]
    assert ask(first=0) == {"relationships": [], "moreRelationships": True}
    leaf = dict(api.query(QUERY, {"id": "decision:hub-03"})["node"])
    assert [r["id"] for r in leaf["relationships"]] == [every[3]]
    assert leaf["moreRelationships"] is False
    errors = api.post({"query": QUERY, "variables": {"id": "regulator:hub", "first": 11}}).json()
    assert errors["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
