"""The Neo4j headline page from the kept rows equals the generic rows, on a real server.

The graph is the embedded pushdown test's (tests/store/test_embedded_pushdown.py): a small
synthetic one, the hand-made edge cases on top and random awkward cases (joint
decisions, a regulator and a court, partial and missing dates, sanctions without a target
of their own, firms targeted twice, firms with no recorded location). Every page of every
filter, both classes, many offsets, is held to the generic catalogue's rows; the page is
checked to come from the kept rows, and its plan to be an index range in order (no sort).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends import cypher, neo4j_counts
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.graph.testing.awkward import DATES, awkward_cases
from enforcegraph.loaders.base import read_batch

EDGE_CASES = Path(__file__).resolve().parents[1] / "store" / "edge_cases.yaml"


@pytest.fixture(scope="module")
def awkward(neo4j_server: Any) -> Iterator[Neo4jStore]:
    store = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=neo4j_server.uri,
                                              neo4j_password=""))
    store.clear()
    for batch in synth_batches(SynthConfig(firms=150, seed=11, chunk_firms=75)):
        store.upsert(batch)
    store.upsert(read_batch(EDGE_CASES))
    store.upsert(awkward_cases(store, random.Random(5), 40, 30, 20))
    yield store
    store.clear()
    store.close()


def _filters(rows: list[dict[str, Any]], rng: random.Random, count: int) -> list[SanctionFilter]:
    regulators = sorted({r["regulator"]["id"] for r in rows})  # those that have rows
    countries = sorted({r["regulator"]["country"] for r in rows})
    found = [SanctionFilter(), SanctionFilter(at="today"), SanctionFilter(regulator="regulator:none"),
             SanctionFilter(jurisdiction="EU"), SanctionFilter(since="2021-06", until="2022")]
    while len(found) < count:  # one or two constraints each, so most filters keep rows
        options = {
            "regulator": rng.choice([*regulators, "court:fr-council"]),
            "jurisdiction": rng.choice(["EU", "GB", "US", *countries]),
            "since": rng.choice(DATES),
            "until": rng.choice(DATES),
        }
        chosen = {k: options[k] for k in rng.sample(sorted(options), rng.randint(1, 2))}
        found.append(SanctionFilter(**chosen, at=rng.choice(["decision-date", "today"])))
    return found


@pytest.mark.parametrize("unknown", [False, True], ids=["headline", "unknown-establishment"])
def test_kept_pages_equal_the_generic_rows(awkward: Neo4jStore, unknown: bool) -> None:
    rng = random.Random(3)
    generic = Traversals(awkward)
    pushed = awkward.traversals()
    full_of = (generic.sanctions_with_unknown_establishment if unknown
               else generic.sanctions_without_eu_establishment)
    page_of = (pushed.sanctions_with_unknown_establishment if unknown
               else pushed.sanctions_without_eu_establishment)
    count_of = (pushed.count_sanctions_with_unknown_establishment if unknown
                else pushed.count_sanctions_without_eu_establishment)
    everything = generic.sanctions_without_eu_establishment()
    nonempty = 0
    for flt in _filters(everything, rng, 18):
        full = full_of(flt)
        nonempty += bool(full)
        assert awkward.kept_headline_page(flt, unknown, 5, 0) is not None, flt  # kept rows answer
        pages = [(0, 100), (0, 1), (0, 0), (len(full), 5), (max(0, len(full) - 7), 10)]
        pages += [(rng.randrange(len(full) + 1), rng.randrange(1, 300)) for _ in range(3)]
        for offset, limit in pages:
            assert page_of(flt, limit, offset) == full[offset : offset + limit], (flt, offset, limit)
        assert count_of(flt) == len(full), flt
    assert nonempty >= (6 if unknown else 10)


def test_undated_partial_and_joint_cases_are_covered(awkward: Neo4jStore) -> None:
    rows = Traversals(awkward).sanctions_without_eu_establishment()
    dates = [r["decision"]["date"] for r in rows]
    assert None in dates and any(d and len(d) < 10 for d in dates)
    keys = [(r["sanction"]["id"], r["firm"]["id"]) for r in rows]
    assert len(keys) > len(set(keys))  # a firm targeted twice by one sanction: two rows
    assert Traversals(awkward).sanctions_with_unknown_establishment()


def _operators(plan: dict[str, Any]) -> list[str]:
    found = [str(plan["operatorType"]).split("@")[0]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


@pytest.mark.parametrize("flt", [SanctionFilter(), SanctionFilter(regulator="regulator:fr-a"),
                                 SanctionFilter(at="today"), SanctionFilter(jurisdiction="EU"),
                                 SanctionFilter(jurisdiction="FR"), SanctionFilter(since="2021")],
                         ids=["none", "regulator", "today", "eu", "country", "since"])
def test_a_page_is_an_index_range_in_order(awkward: Neo4jStore, flt: SanctionFilter) -> None:
    query, params = neo4j_counts.page_query(flt, False, 100, 0)
    with awkward._driver.session(database=awkward.database) as session:
        plan = session.run("PROFILE " + query, params).consume().profile
    assert plan is not None
    operators = _operators(plan)
    assert any(op.startswith("NodeIndexSeek") or op.startswith("NodeIndexScan")
               for op in operators), operators
    # the page's order is the index's: a sort or top of the candidates would be here
    assert not {"Sort", "Top", "PartialSort", "PartialTop"} & set(operators), operators


def test_rebuild_recomputes_the_rows_in_parts(awkward: Neo4jStore) -> None:
    """A store whose rows are of an older layout is rebuilt in several transactions, its
    older count-only indexes dropped, and answers as before."""
    pushed = awkward.traversals()
    before = pushed.sanctions_without_eu_establishment(limit=50, offset=10)
    with awkward._driver.session(database=awkward.database) as session:
        rows = session.run(cypher.HEADLINE_ROWS).single(strict=True)["count"]
        session.run(f"CREATE INDEX headline_row_first IF NOT EXISTS FOR (h:{cypher.HEADLINE_ROW}) "
                    "ON (h.first, h.kind_dt)").consume()
        session.run(f"MATCH (k:{cypher.KEPT_COUNTS}) SET k.version = '1'").consume()
        assert awkward.kept_headline_page(SanctionFilter(), False, 5, 0) is None  # unready
        assert neo4j_counts.rebuild(session, chunk=50) == rows
        names = {r["name"] for r in session.run("SHOW INDEXES YIELD name RETURN name")}
    assert "headline_row_first" not in names
    assert awkward.kept_headline_page(SanctionFilter(), False, 5, 0) is not None
    assert pushed.sanctions_without_eu_establishment(limit=50, offset=10) == before
    assert before == Traversals(awkward).sanctions_without_eu_establishment()[10:60]
