"""A hub's relationships read no further than asked, on every backend (the ``store``
fixture): ``relationships_of(..., limit=k)`` is each node's first k by id, the same as the
whole list cut; the walks and ``node(id)`` ask for that instead of a hub's thousands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.api.walks import neighbourhood
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.backends.sqltraversals import first_relationships_sql
from enforcegraph.graph.store.base import GraphStore, Relationship
from enforcegraph.schema.records import Batch

DECISIONS = 30


def _hub(make_node: Any, make_rel: Any) -> Batch:
    """A regulator that issued 30 decisions, covers France and enforces the GDPR; one
    decision appeals another (a relationship between two of its neighbours)."""
    nodes = [
        make_node("source:example-1", "Source", url="https://example.org/1"),
        make_node("jurisdiction:fr", "Jurisdiction", name="France", code="FR", kind="country"),
        make_node("law:gdpr", "Law", name="General Data Protection Regulation"),
        make_node("regulator:hub", "Regulator", name="Hub Authority", country="FR"),
    ]
    rels = [make_rel("COVERS", "regulator:hub", "jurisdiction:fr"),
            make_rel("ENFORCES", "regulator:hub", "law:gdpr")]
    for i in range(DECISIONS):
        nodes.append(make_node(f"decision:hub-{i:02d}", "Decision", kind="order", ref=f"H-{i}"))
        rels.append(make_rel("ISSUED", "regulator:hub", f"decision:hub-{i:02d}"))
    rels.append(make_rel("APPEAL_OF", "decision:hub-05", "decision:hub-03"))
    return Batch(nodes=nodes, relationships=rels)


@pytest.fixture
def hub(store: GraphStore, make_node: Any, make_rel: Any) -> GraphStore:
    store.upsert(_hub(make_node, make_rel))
    return store


def _ids(rels: list[Relationship]) -> list[str]:
    return [r.id for r in rels]


def _first(rels: list[Relationship], node: str, k: int) -> list[str]:
    return sorted(r.id for r in rels if node in (r.start, r.end))[:k]


@pytest.mark.parametrize("direction", ["both", "out", "in"])
@pytest.mark.parametrize("types", [None, ["ISSUED"], ["COVERS", "ISSUED", "APPEAL_OF"]])
def test_each_nodes_first_by_id(hub: GraphStore, direction: Any, types: Any) -> None:
    ids = ["regulator:hub", "decision:hub-05", "decision:hub-03", "law:gdpr"]
    whole = hub.relationships_of(ids, types, direction)
    for k in (0, 1, 3, 40):
        cut = hub.relationships_of(ids, types, direction, limit=k)
        mine = {r.id for node in ids
                for r in hub.relationships_of([node], types, direction)[:k]}
        assert _ids(cut) == sorted(mine)  # the union of each node's first k, sorted
        assert set(_ids(cut)) <= set(_ids(whole))
    assert len(hub.relationships_of(["regulator:hub"], None, "both", limit=4)) == 4
    assert _ids(hub.relationships_of(["regulator:hub"], ["ISSUED"], "out", limit=2)) == [
        "ISSUED:regulator:hub->decision:hub-00", "ISSUED:regulator:hub->decision:hub-01"]


def test_neighbourhood_reads_a_hub_no_further_than_its_limit(hub: GraphStore) -> None:
    asked: list[tuple[int | None, int]] = []
    real = hub.relationships_of

    def spy(*args: Any, **kwargs: Any) -> list[Relationship]:
        found = real(*args, **kwargs)
        asked.append((kwargs.get("limit"), len(found)))
        return found

    hub.relationships_of = spy  # type: ignore[method-assign]
    found = neighbourhood(hub, "regulator:hub", depth=2, limit_per_node=3)
    assert found.truncated
    assert asked[0] == (4, 4)  # the hub's first 4 by id, never its 32
    assert all(limit == 4 for limit, _ in asked)
    whole = real(["regulator:hub"])
    assert [r.id for r in found.relationships if "regulator:hub" in (r.start, r.end)] == \
        _first(whole, "regulator:hub", 3)
    loose = neighbourhood(hub, "decision:hub-05", depth=1, limit_per_node=5)
    assert not loose.truncated and {n.id for n in loose.nodes} == {
        "decision:hub-05", "decision:hub-03", "regulator:hub"}


def test_a_walk_past_max_nodes_still_counts_each_nodes_first(hub: GraphStore) -> None:
    found = neighbourhood(hub, "regulator:hub", depth=1, limit_per_node=10, max_nodes=4)
    assert found.truncated and len(found.nodes) == 4
    first = _first(hub.relationships_of(["regulator:hub"]), "regulator:hub", 10)
    assert set(_ids(found.relationships)) <= set(first)


def test_embedded_reads_first_relationships_through_an_index_without_sorting(
        tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    try:
        for end, index in (("start", "rels_start_id"), ('"end"', "rels_end_id")):
            for types in (0, 1):
                plan = " ".join(str(row[3]) for row in store._conn.execute(
                    "EXPLAIN QUERY PLAN " + first_relationships_sql(end, types),
                    ['["a"]', *(["ISSUED"] * types), 5]))
                assert f"COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        store.close()
