"""``relationships_among``: the relationships among a set of nodes, hubs among them read
only by their first relationships and the types the model allows between hubs."""

from __future__ import annotations

import random

import pytest

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.graph.synth import SynthConfig, synth_batches


def _among_all(store: GraphStore, ids: set[str]) -> list[str]:
    return sorted(r.id for r in store.iter_relationships() if r.start in ids and r.end in ids)


@pytest.mark.parametrize("hub", [1, 3, 500])
def test_the_relationships_among_nodes_are_all_of_them_and_only_them(store: GraphStore, hub: int) -> None:
    for batch in synth_batches(SynthConfig(firms=40, seed=7, chunk_firms=40)):
        store.upsert(batch)
    rng = random.Random(hub)
    everything = sorted(n.id for n in store.iter_nodes())
    regulators = sorted(n.id for n in store.iter_nodes("Regulator"))
    balls = [set(everything)]
    for center in rng.sample(everything, 8):  # egos: a node and its neighbours (hubs included)
        balls.append({center} | {r.other(center) for r in store.relationships_of([center])})
    balls.append(set(regulators) | {r.other(regulators[0]) for r in store.relationships_of(regulators[:1])})
    for ids in balls:
        found = store.relationships_among(ids, hub=hub)
        assert [r.id for r in found] == _among_all(store, ids), (hub, sorted(ids)[:5])
        assert all(r.start in ids and r.end in ids for r in found)
    if hub < 500:  # the small thresholds make hubs of the regulators (and pairs of hubs)
        assert any(len(store.relationships_of([r], limit=hub + 1)) > hub for r in regulators)
