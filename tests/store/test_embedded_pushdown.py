"""The embedded store's SQL headline page equals the generic rows for many filters and pages.

The graph is a small synthetic one with the hand-made edge cases on top, and more cases
added at random: joint decisions (two regulators, a regulator and a court), partial and
missing dates, sanctions without a target of their own, firms targeted twice, firms with
no recorded location.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from enforcegraph.graph.backends import sqltraversals
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.graph.testing.awkward import DATES, awkward_cases
from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

EDGE_CASES = Path(__file__).resolve().parent / "edge_cases.yaml"


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("pushdown") / "g.sqlite")
    for batch in synth_batches(SynthConfig(firms=400, seed=11, chunk_firms=200)):
        store.upsert(batch)
    store.upsert(read_batch(EDGE_CASES))
    store.upsert(awkward_cases(store, random.Random(5), 60, 40, 30))
    return store


def _filters(store: EmbeddedStore, rng: random.Random, count: int) -> list[SanctionFilter]:
    rows = Traversals(store).sanctions_without_eu_establishment()
    regulators = sorted({r["regulator"]["id"] for r in rows})  # those that have rows
    countries = sorted({r["regulator"]["country"] for r in rows})
    found = [SanctionFilter(), SanctionFilter(at="today"), SanctionFilter(regulator="regulator:none")]
    while len(found) < count:  # one or two constraints each, so most filters keep rows
        options = {
            "regulator": rng.choice(regulators),
            "jurisdiction": rng.choice(["EU", "GB", "US", *countries]),
            "since": rng.choice(DATES),
            "until": rng.choice(DATES),
        }
        chosen = {k: options[k] for k in rng.sample(sorted(options), rng.randint(1, 2))}
        found.append(SanctionFilter(**chosen, at=rng.choice(["decision-date", "today"])))
    return found


@pytest.mark.parametrize("few", [sqltraversals.FEW_CANDIDATES, 0],
                         ids=["rare-filters-start-from-their-decisions", "every-filter-walks-dates"])
def test_sql_pages_equal_the_generic_rows(awkward: EmbeddedStore, few: int,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqltraversals, "FEW_CANDIDATES", few)
    rng = random.Random(3)
    paged = awkward.traversals()
    assert not paged._has_far_dates()  # the SQL path runs, not the fallback
    filters = _filters(awkward, rng, 24)
    if few:  # the regulator and country filters of this small graph start from their decisions
        assert sum(paged._few_candidates(f, 100) for f in filters) >= 6
    nonempty = 0
    for flt in filters:
        full = Traversals(awkward).sanctions_without_eu_establishment(flt)
        nonempty += bool(full)
        pages = [(0, 100), (0, 1), (0, 0), (len(full), 5), (max(0, len(full) - 7), 10)]
        pages += [(rng.randrange(len(full) + 1), rng.randrange(1, 300)) for _ in range(2)]
        for offset, limit in pages:
            got = paged.sanctions_without_eu_establishment(flt, limit, offset)
            assert got == full[offset : offset + limit], (flt, offset, limit)
        assert paged.count_sanctions_without_eu_establishment(flt) == len(full), flt
    assert nonempty >= 12


def test_undated_and_partial_dates_are_covered(awkward: EmbeddedStore) -> None:
    rows = Traversals(awkward).sanctions_without_eu_establishment()
    dates = [r["decision"]["date"] for r in rows]
    assert None in dates and any(d and len(d) < 10 for d in dates)
    assert dates.index(None) > max(i for i, d in enumerate(dates) if d)  # undated rows last
    assert len({r["regulator"]["id"] for r in rows}) > 10


def test_far_dates_fall_back_to_the_generic_rows(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "far.sqlite")
    loaded = read_batch(EDGE_CASES)
    store.upsert(loaded)
    decision = store.get("decision:fr-a-2")
    assert decision is not None
    # the same dataset says the date again, otherwise: its new word replaces its old one
    store.upsert(Batch(nodes=[NodeRecord(decision.id, "Decision", {**decision.properties, "date": "9999-01"})],
                       dataset=loaded.dataset))
    paged = store.traversals()
    assert paged._has_far_dates()
    full = Traversals(store).sanctions_without_eu_establishment()
    assert full and paged.sanctions_without_eu_establishment(limit=100) == full


@pytest.mark.parametrize("runs", [(sqltraversals.RUN_START, sqltraversals.RUN_GROWTH), (0, 1)],
                         ids=["default-runs", "one-decision-runs"])
def test_rare_filters_page_through_their_decisions_in_runs(
        awkward: EmbeddedStore, runs: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Small pages at every offset: the runs of a filter's decisions cut at dates and at
    the undated ones, and each run's rows must continue the previous run's in order."""
    monkeypatch.setattr(sqltraversals, "RUN_START", runs[0])
    monkeypatch.setattr(sqltraversals, "RUN_GROWTH", runs[1])
    # as if the store were huge: every filter here then starts from its decisions
    monkeypatch.setattr(sqltraversals.EmbeddedTraversals, "_decision_count", lambda self: 10**12)
    paged = awkward.traversals()
    rows = Traversals(awkward).sanctions_without_eu_establishment()
    regulators = sorted({r["regulator"]["id"] for r in rows})
    filters = [SanctionFilter(regulator=r) for r in regulators]
    filters += [SanctionFilter(jurisdiction=c) for c in sorted({r["regulator"]["country"] for r in rows})]
    crossing = 0
    for flt in filters:
        assert paged._few_candidates(flt, None)
        full = Traversals(awkward).sanctions_without_eu_establishment(flt)
        dates = [r["decision"]["date"] for r in full]
        crossing += None in dates and any(dates) and len(set(dates)) < len(dates)
        for offset in range(len(full) + 1):
            for limit in (1, 2, 5):
                got = paged.sanctions_without_eu_establishment(flt, limit, offset)
                assert got == full[offset : offset + limit], (flt, offset, limit)
    assert crossing >= 2, "some filters must have undated decisions and shared dates"


def test_a_common_filter_walks_the_dates(awkward: EmbeddedStore) -> None:
    """Reading n decisions beats walking D of them for a page of w while n^2 <= w x D."""
    paged = awkward.traversals()
    decisions = len(awkward.find("Decision"))
    assert paged._decision_count() == decisions
    issued = [r for r in awkward.iter_relationships() if r.type == "ISSUED"]
    busiest = max({r.start for r in issued}, key=lambda g: sum(r.start == g for r in issued))
    flt = SanctionFilter(regulator=busiest)
    n = len({r.end for r in issued if r.start == busiest})
    assert n * n > decisions, "the busiest regulator must be common enough here"
    assert not paged._few_candidates(flt, 1) and paged._few_candidates(flt, None)
    assert paged._few_candidates(flt, -(-n * n // decisions))


def test_counts_are_kept_until_the_data_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path / "counts.sqlite")
    store.upsert(read_batch(EDGE_CASES))
    paged = store.traversals()
    counted = paged.count_sanctions_without_eu_establishment()
    assert counted == len(Traversals(store).sanctions_without_eu_establishment()) > 0

    def no_sql(*args: object) -> object:
        raise AssertionError("the kept count must answer")

    monkeypatch.setattr(sqltraversals, "count_sql", no_sql)
    assert store.traversals().count_sanctions_without_eu_establishment() == counted
    monkeypatch.undo()
    firm = next(r["firm"]["id"] for r in Traversals(store).sanctions_without_eu_establishment())
    store.upsert(Batch(relationships=[RelationshipRecord("HAS_ESTABLISHMENT", firm, "jurisdiction:fr",
                                                         {"sources": ["source:edge-1"]})]))
    fresh = len(Traversals(store).sanctions_without_eu_establishment())
    assert paged.count_sanctions_without_eu_establishment() == fresh < counted
    store.close()
