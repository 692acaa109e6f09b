"""The stores' numeric adjacency: same network, same PageRank and components as NetworkX."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from enforcegraph.graph import analytics
from enforcegraph.graph.analytics.centrality import pagerank
from enforcegraph.graph.analytics.communities import component_labels
from enforcegraph.graph.analytics.facts import entity_view, simple_undirected
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.adjacency import Adjacency
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

HERE = Path(__file__).resolve().parent
SOURCED = {"sources": ["source:example-1"]}  # a Source of mini.yaml


def _newco(target: str | None = None) -> Batch:
    """A fictional firm, represented by ``target`` if given."""
    rels = [RelationshipRecord("REPRESENTED_BY", "company:newco", target,
                               {"role": "counsel", **SOURCED})] if target else []
    return Batch(nodes=[NodeRecord("company:newco", "Company", {"name": "NewCo", **SOURCED})],
                 relationships=rels)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("bundled") / "graph.sqlite")
    for name in ("clearview", "reference-cases"):
        store.upsert(dataset_batch(name))
    yield store
    store.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("synth") / "graph.sqlite")
    for batch in synth_batches(SynthConfig(firms=400, seed=3, chunk_firms=200)):
        store.upsert(batch)
    yield store
    store.close()


def _same_as_networkx(store: GraphStore) -> None:
    graph = store.to_networkx()
    simple = simple_undirected(entity_view(graph))
    adjacency = store.adjacency()
    assert adjacency.ids == tuple(sorted(simple.nodes))
    assert adjacency.labels == tuple(str(simple.nodes[n]["label"]) for n in adjacency.ids)
    assert "Source" not in adjacency.labels
    expected = nx.to_scipy_sparse_array(simple, nodelist=adjacency.ids, weight="weight")
    assert (adjacency.matrix != expected).nnz == 0
    assert adjacency.relationships == sum(w for _, _, w in simple.edges(data="weight"))
    # PageRank: NetworkX's numbers; components: NetworkX's partition
    ranks = nx.pagerank(simple, weight="weight")
    ours = pagerank(adjacency)
    assert max(abs(ranks[n] - float(x)) for n, x in zip(adjacency.ids, ours, strict=True)) < 1e-9
    count, labels = component_labels(adjacency)
    partition = {frozenset(c) for c in nx.weakly_connected_components(entity_view(graph))}
    groups: dict[int, set[str]] = {}
    for node, label in zip(adjacency.ids, labels.tolist(), strict=True):
        groups.setdefault(label, set()).add(node)
    assert count == len(partition) and {frozenset(g) for g in groups.values()} == partition


def test_bundled_data_matches_networkx(bundled: EmbeddedStore) -> None:
    _same_as_networkx(bundled)


def test_synthetic_graph_matches_networkx(synthetic: EmbeddedStore) -> None:
    _same_as_networkx(synthetic)
    assert len(synthetic.adjacency()) > 1000


def test_analyze_rows_are_todays(bundled: EmbeddedStore) -> None:
    """analyze() passes the kept adjacency; rows equal NetworkX's reading of the graph."""
    graph = bundled.to_networkx()
    view = entity_view(graph)
    ranks = nx.pagerank(simple_undirected(view), weight="weight")
    rows = analytics.analyze(bundled, "centrality", top=5)
    assert rows and len({r["group"] for r in rows}) > 3
    for row in rows:
        assert row["pagerank"] == round(ranks[row["id"]], 6)
    for group in {r["group"] for r in rows}:
        ours = [r["id"] for r in rows if r["group"] == group]
        assert [r["pagerank"] for r in rows if r["group"] == group] == sorted(
            (round(ranks[n], 6) for n in ours), reverse=True)
    comps = analytics.analyze(bundled, "components")
    expected = sorted((sorted(c) for c in nx.weakly_connected_components(view)),
                      key=lambda c: (-len(c), c[0]))
    assert [[m["id"] for m in row["members"]] for row in comps] == expected
    assert comps == analytics.components(graph)  # without an adjacency: built from the graph


def test_analyze_takes_the_store_adjacency(
    bundled: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI and the GraphQL field run analyze(): PageRank and components get the store's."""
    calls: list[object] = []
    kept = bundled.adjacency

    def spy(graph: nx.MultiDiGraph | None = None) -> Adjacency:
        calls.append(graph)
        return kept(graph)

    monkeypatch.setattr(bundled, "adjacency", spy)
    analytics.analyze(bundled, "components")
    analytics.analyze(bundled, "centrality", top=1)
    analytics.analyze(bundled, "totals")
    assert len(calls) == 2


def test_kept_until_the_store_changes(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    store.upsert(parse_case_file(HERE.parent / "fixtures" / "mini.yaml").batch)
    first = store.adjacency()
    assert store.adjacency() is first
    other = EmbeddedStore(path)  # another client of the same file
    other.upsert(_newco(first.ids[first.labels.index("Company")]))
    second = store.adjacency()
    assert second is not first and "company:newco" in second.ids
    assert second.relationships == first.relationships + 1
    store.delete(["company:newco"])
    third = store.adjacency()
    assert third.ids == first.ids and (third.matrix != first.matrix).nnz == 0
    other.close()
    store.close()


def test_every_backend_gives_the_same_adjacency(store: GraphStore) -> None:
    for path in (HERE.parent / "fixtures" / "mini.yaml", HERE / "extra.yaml"):
        store.upsert(parse_case_file(path).batch)
    graph = store.to_networkx()
    adjacency = store.adjacency()
    rebuilt = Adjacency.from_networkx(graph)
    assert adjacency.ids == rebuilt.ids and adjacency.labels == rebuilt.labels
    assert (adjacency.matrix != rebuilt.matrix).nnz == 0
    assert np.array_equal(pagerank(adjacency), pagerank(rebuilt))
    sizes = [row["size"] for row in analytics.analyze(store, "components")]
    assert sizes == [len(adjacency) - 1, 1]
    store.upsert(_newco())
    assert "company:newco" in store.adjacency().ids  # writes are seen on every backend


def test_components_walk_the_matrix_once_and_agree_with_scipys_public_call(
    synthetic: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import import_module

    from scipy.sparse.csgraph import connected_components

    # the module (the package's ``communities`` is the function of that name)
    communities = import_module("enforcegraph.graph.analytics.communities")
    adjacency = synthetic.adjacency()
    assert communities._walk_symmetric(adjacency.matrix) is not None  # the fast walk ran
    count, labels = component_labels(adjacency)
    public_count, public = connected_components(adjacency.matrix, directed=True, connection="weak")
    assert count == public_count and np.array_equal(labels, public)
    monkeypatch.setattr(communities, "_walk_symmetric", lambda matrix: None)  # an older SciPy
    fallback_count, fallback = component_labels(adjacency)
    assert fallback_count == count and np.array_equal(fallback, labels)
