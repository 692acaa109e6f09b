"""An ego export is read from the store level by level, never the whole graph, and is
exactly the whole graph's ego subgraph with its sources (nodes, edges, keys and
attributes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from enforcegraph.graph.analytics import ego_subgraph, graph_of
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.exports.select import ego_selection, with_sources
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.schema.errors import NotFound

TESTS = Path(__file__).resolve().parent.parent
CASE_FILES = (TESTS / "fixtures" / "mini.yaml", TESTS / "analytics" / "extra.yaml")


def _shape(graph: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    """Nodes and edges with their attributes (sorted: a subgraph's order follows a set's)."""
    return (sorted(graph.nodes(data=True), key=lambda n: n[0]),
            sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]))


def test_ego_export_equals_the_whole_graphs(rich_store: EmbeddedStore) -> None:
    full = graph_of(rich_store)
    centers = sorted(n for n, label in full.nodes(data="label") if label != "Source")
    assert len(centers) > 20
    for center in centers:
        for depth in (1, 2, 3):
            expected = with_sources(ego_subgraph(full, center, depth), full)
            assert _shape(ego_selection(rich_store, center, depth)) == _shape(expected), \
                (center, depth)


def test_ego_export_never_builds_the_whole_graph(rich_store: EmbeddedStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> None:
        raise AssertionError("the whole graph was read")

    monkeypatch.setattr(rich_store, "view", refuse)
    monkeypatch.setattr(rich_store, "iter_relationships", refuse)
    picked = ego_selection(rich_store, "regulator:fr-dpa", 1)
    assert "regulator:fr-dpa" in picked and picked.number_of_edges() > 0
    with pytest.raises(NotFound):  # a Source is provenance, not part of the network
        ego_selection(rich_store, "source:example-1", 1)


def test_ego_export_on_every_backend(store: GraphStore) -> None:
    for path in CASE_FILES:
        store.upsert(parse_case_file(path).batch)
    full = graph_of(store)
    for center in ("regulator:fr-dpa", "company:far-away", "decision:fr-1"):
        for depth in (1, 2):
            expected = with_sources(ego_subgraph(full, center, depth), full)
            assert _shape(ego_selection(store, center, depth)) == _shape(expected), (center, depth)


def test_a_bounded_ego_export_is_whole_or_refused(rich_store: EmbeddedStore) -> None:
    """Under its bound an ego export is the unbounded one; past it SelectionTooLarge (a
    hub found by its first relationships, never read whole)."""
    from enforcegraph.graph.exports.select import SelectionTooLarge

    full = graph_of(rich_store)
    centers = sorted(n for n, label in full.nodes(data="label") if label != "Source")
    refused = 0
    for center in centers:
        for depth in (1, 2):
            whole = ego_selection(rich_store, center, depth)
            reached = sum(1 for _, label in whole.nodes(data="label") if label != "Source")
            for most in (3, 8, 1000):
                if reached <= most and max((whole.degree(n) for n in whole if n != center), default=0) <= most:
                    assert _shape(ego_selection(rich_store, center, depth, most)) == _shape(whole)
                elif reached > most:
                    with pytest.raises(SelectionTooLarge):
                        ego_selection(rich_store, center, depth, most)
                    refused += 1
    assert refused > 10


def test_a_hub_is_refused_from_its_first_relationships(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A centre with more neighbours than the bound is refused after reading only its first
    relationships (bound + 1 of them), never all of them."""
    from enforcegraph.graph.exports.select import SelectionTooLarge
    from enforcegraph.graph.synth import SynthConfig, synth_batches

    rich_store = EmbeddedStore(tmp_path / "g.sqlite")
    for batch in synth_batches(SynthConfig(firms=40, seed=1)):
        rich_store.upsert(batch)
    hub = max((n.id for n in rich_store.iter_nodes("Regulator")),
              key=lambda i: len(rich_store.relationships_of([i])))
    neighbours = {r.other(hub) for r in rich_store.relationships_of([hub])}
    assert len(neighbours) > 10
    asked: list[int | None] = []
    read = rich_store.relationships_of

    def spy(ids: Any, types: Any = None, direction: Any = "both", limit: int | None = None) -> Any:
        asked.append(limit)
        found = read(ids, types, direction, limit)
        ids = list(ids)
        assert limit is None or len(ids) > 1 or len(found) <= limit
        return found

    monkeypatch.setattr(rich_store, "relationships_of", spy)
    with pytest.raises(SelectionTooLarge):
        ego_selection(rich_store, hub, 1, 3)
    assert asked == [3]  # 3 - 1 reached + 1
    asked.clear()
    whole = ego_selection(rich_store, hub, 1, len(neighbours) + 1)
    assert asked[0] == len(neighbours) + 1 and None not in asked
    # two levels out from one of its decisions, with room for that decision's own level
    # only: a node of that level whose first relationship leads back into it is read
    # further, never whole, before the level is refused
    decision = min(n for n in neighbours if n.startswith("decision:"))
    near = ego_selection(rich_store, decision, 1)
    asked.clear()
    with pytest.raises(SelectionTooLarge):
        ego_selection(rich_store, decision, 2, near.number_of_nodes())
    assert asked and None not in asked
    monkeypatch.undo()
    assert _shape(whole) == _shape(ego_selection(rich_store, hub, 1))


def test_a_node_whose_first_relationships_lead_back_is_read_further_not_whole(
        embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two levels out from a decision, with room for its own level only: its regulator's
    first relationship (by id) leads back to the decision, so the regulator is read four
    times further, and the level refused, without reading all 40 of its decisions."""
    from enforcegraph.graph.exports.select import SelectionTooLarge
    from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

    cited = {"sources": ["source:example"]}
    batch = Batch(nodes=[NodeRecord("regulator:x", "Regulator", {"name": "X", "country": "FR", **cited}),
                         NodeRecord("source:example", "Source", {"url": "https://example.org/x"})])
    for n in range(40):
        batch.nodes.append(NodeRecord(f"decision:{n:02}", "Decision", {"kind": "fine_decision", **cited}))
        batch.relationships.append(RelationshipRecord("ISSUED", "regulator:x", f"decision:{n:02}", cited))
    embedded_store.upsert(batch)
    asked: list[int | None] = []
    read = embedded_store.relationships_of

    def spy(ids: Any, types: Any = None, direction: Any = "both", limit: int | None = None) -> Any:
        asked.append(limit)
        return read(ids, types, direction, limit)

    monkeypatch.setattr(embedded_store, "relationships_of", spy)
    with pytest.raises(SelectionTooLarge):
        ego_selection(embedded_store, "decision:00", 2, 2)
    assert asked == [2, 1, 4]  # the decision's level (room 1), then the regulator's: 1, 4
    asked.clear()
    assert ego_selection(embedded_store, "decision:00", 2, 41).number_of_nodes() >= 41
    assert None not in asked
