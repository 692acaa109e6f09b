"""The embedded store's paged headline query equals the generic full answer, page by page."""

from __future__ import annotations

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.synth import SynthConfig, synth_batches


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("synth") / "g.sqlite")
    for batch in synth_batches(SynthConfig(firms=1500, seed=7, chunk_firms=500)):
        store.upsert(batch)
    return store


@pytest.mark.parametrize(
    "flt",
    [
        SanctionFilter(),
        SanctionFilter(at="today"),
        SanctionFilter(since="2021-01-01", until="2022-06-30"),
        SanctionFilter(jurisdiction="FR"),
        SanctionFilter(jurisdiction="EU"),
    ],
)
def test_pages_equal_the_generic_answer(synthetic: EmbeddedStore, flt: SanctionFilter) -> None:
    full = Traversals(synthetic).sanctions_without_eu_establishment(flt)
    assert full, "the synthetic graph must have firms without an EU establishment"
    paged = synthetic.traversals()
    for offset, limit in ((0, 1), (0, 100), (100, 100), (len(full) - 3, 10), (len(full), 5)):
        assert paged.sanctions_without_eu_establishment(flt, limit, offset) == full[offset : offset + limit]
    assert paged.count_sanctions_without_eu_establishment(flt) == len(full)


def test_synth_is_deterministic() -> None:
    first = [b.nodes[:50] for b in synth_batches(SynthConfig(firms=300, seed=3, chunk_firms=100))]
    again = [b.nodes[:50] for b in synth_batches(SynthConfig(firms=300, seed=3, chunk_firms=100))]
    assert first == again
