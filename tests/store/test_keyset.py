"""Keyset seeks (``after``) on both backends: the headline pages and ``find``.

Walking a whole list page by page from each page's last key gives the rows of one
unpaged read, in order; the seek is what answers (the offset passed along is wrong on
purpose); rows added before the position between two pages move no later page, where an
offset would repeat a row; a key of the wrong shape is InvalidSeek. The plans: the
embedded seek is a range of the kept rows' index, the Neo4j one an index seek in order
(no label scan, no sort).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends import neo4j_counts, sqlcounts
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.store.base import GraphStore, InvalidSeek
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.graph.testing.awkward import awkward_cases
from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

EDGE_CASES = Path(__file__).resolve().parent / "edge_cases.yaml"
FILTERS = [SanctionFilter(), SanctionFilter(jurisdiction="EU"), SanctionFilter(since="2021-06"),
           SanctionFilter(regulator="regulator:fr-a"), SanctionFilter(at="today")]
Row = dict[str, Any]


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def graph(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """A synthetic graph with the hand-made and random awkward cases (joint decisions,
    partial and missing dates, firms targeted twice), on each backend."""
    store: GraphStore
    if request.param == "embedded":
        store = EmbeddedStore(tmp_path_factory.mktemp("keyset") / "g.sqlite")
    else:
        from enforcegraph.graph.backends.neo4j import Neo4jStore
        from enforcegraph.graph.settings import Settings

        server = request.getfixturevalue("neo4j_server")
        store = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=server.uri,
                                                  neo4j_password=""))
        store.clear()
    for batch in synth_batches(SynthConfig(firms=120, seed=11, chunk_firms=60)):
        store.upsert(batch)
    store.upsert(read_batch(EDGE_CASES))
    store.upsert(awkward_cases(store, random.Random(5), 30, 20, 20))
    yield store
    if request.param == "neo4j":
        store.clear()
    store.close()


def _pager(store: GraphStore, unknown: bool) -> Any:
    traversals = store.traversals()
    return traversals, (traversals.sanctions_with_unknown_establishment if unknown
                        else traversals.sanctions_without_eu_establishment)


def _walk(store: GraphStore, flt: SanctionFilter, size: int, unknown: bool = False) -> list[Row]:
    """Every row, ``size`` at a time, each page from the previous page's last key."""
    traversals, page = _pager(store, unknown)
    rows: list[Row] = []
    after = None
    while True:
        found = page(flt, size, 0, after)  # offset 0 throughout: only the key moves on
        keys = traversals.page_keys
        assert keys is not None and len(keys) == len(found), flt  # the kept rows answered
        rows += found
        if len(found) < size:
            return rows
        after = keys[-1]


@pytest.mark.parametrize("unknown", [False, True], ids=["headline", "unknown-establishment"])
def test_keyset_walk_gives_the_rows_of_one_read(graph: GraphStore, unknown: bool) -> None:
    generic = Traversals(graph)
    full_of = (generic.sanctions_with_unknown_establishment if unknown
               else generic.sanctions_without_eu_establishment)
    nonempty = 0
    for flt in FILTERS:
        full = full_of(flt)
        nonempty += len(full) > 7
        for size in (1, 7, 50):
            assert _walk(graph, flt, size, unknown) == full, (flt, size)
        _, page = _pager(graph, unknown)
        for at in range(0, len(full), 7):  # offsets give the same pages
            assert page(flt, 7, at) == full[at : at + 7], (flt, at)
    assert nonempty >= (1 if unknown else 3)


def test_a_row_added_before_the_position_moves_no_later_page(graph: GraphStore) -> None:
    """Between two pages a sanction dated before every row comes (and goes): the next
    page from the key is the rows after the last one seen, as before; from the offset,
    the last row seen would come again."""
    traversals, page = _pager(graph, False)
    flt = SanctionFilter()
    before = Traversals(graph).sanctions_without_eu_establishment(flt)
    first = page(flt, 10, 0)
    assert first == before[:10] and traversals.page_keys is not None
    after = traversals.page_keys[-1]
    early = _early_sanction(first[0])
    graph.upsert(early)
    try:
        now = Traversals(graph).sanctions_without_eu_establishment(flt)
        assert len(now) == len(before) + 1 and now[1:11] == first  # the new row leads
        assert page(flt, 10, 10, after) == before[10:20]  # keyset: the rows that followed
        assert page(flt, 10, 10) == now[10:20] != before[10:20]  # offset: one seen again
    finally:
        graph.delete([n.id for n in early.nodes])
    assert Traversals(graph).sanctions_without_eu_establishment(flt) == before
    assert page(flt, 10, 0, after) == before[10:20]


def _early_sanction(row: Row) -> Batch:
    """A decision of ``row``'s regulator against its firm, dated before every other."""
    sources = {"sources": ["source:synth"]}
    decision, sanction = "decision:keyset-early", "sanction:keyset-early"
    return Batch(
        nodes=[NodeRecord(decision, "Decision", {"kind": "fine_decision", "ref": "K-1",
                                                  "date": "1990-01-02", **sources}),
               NodeRecord(sanction, "Sanction", {"kind": "fine", "amount": 1, **sources})],
        relationships=[RelationshipRecord("ISSUED", row["regulator"]["id"], decision, sources),
                       RelationshipRecord("IMPOSES", decision, sanction, sources),
                       RelationshipRecord("AGAINST", sanction, row["firm"]["id"], sources)],
    )


@pytest.mark.parametrize(("order_by", "descending"), [("id", False), ("id", True),
                                                      ("name", False), ("country", True)])
def test_find_walks_by_key(graph: GraphStore, order_by: str, descending: bool) -> None:
    full = graph.find("Company", order_by=order_by, descending=descending)
    assert any(n.get(order_by) is None for n in full) or order_by in ("id", "name")
    found, after = [], None
    while True:
        page = graph.find("Company", order_by=order_by, descending=descending, limit=9,
                          offset=0, after=after)
        found += page
        if len(page) < 9:
            break
        after = graph.sort_key(page[-1], order_by)
    assert [n.id for n in found] == [n.id for n in full]
    fr = graph.find("Company", [_eq("country", "US")], order_by=order_by, limit=3,
                    after=graph.sort_key(full[0], order_by))
    assert fr == [n for n in graph.find("Company", [_eq("country", "US")], order_by=order_by)
                  if _sorts_after(n, full[0], order_by, descending=False)][:3]


def _eq(prop: str, value: Any) -> Any:
    from enforcegraph.graph.store.base import PropertyFilter

    return PropertyFilter(prop, "eq", value)


def _sorts_after(node: Any, other: Any, order_by: str, descending: bool) -> bool:
    def key(n: Any) -> tuple[Any, ...]:
        value = n.id if order_by == "id" else n.get(order_by)
        return (value is None, value or "", n.id)

    return key(node) > key(other) if not descending else key(node) < key(other)


@pytest.mark.parametrize("bad", [["a"], ["a", 1, "b"], [1, 2], [None, None], [["x"], "y"]])
def test_a_key_of_another_shape_is_invalid(graph: GraphStore, bad: list[Any]) -> None:
    with pytest.raises(InvalidSeek):
        graph.find("Company", limit=3, after=bad)
    _, page = _pager(graph, False)
    with pytest.raises(InvalidSeek):
        page(SanctionFilter(), 3, 0, bad)


def _explain(store: EmbeddedStore, flt: SanctionFilter) -> str:
    sql, params = sqlcounts.page_sql(flt, False, ["2021", "2021", "s", "f", "i", "a"])
    found = store._query("EXPLAIN QUERY PLAN " + sql, {**params, "limit": 10, "offset": 0})
    return " | ".join(str(row[-1]) for row in found)


@pytest.mark.parametrize("graph", ["embedded"], indirect=True)
@pytest.mark.parametrize("flt", FILTERS[:4], ids=["none", "eu", "since", "regulator"])
def test_embedded_seek_is_a_range_of_the_kept_index(graph: GraphStore, flt: SanctionFilter) -> None:
    assert isinstance(graph, EmbeddedStore)
    plan = _explain(graph, flt)
    assert "USING INDEX hl_" in plan and "(k,t,s,f,i,a)>" in plan.replace(" ", ""), plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


def _operators(plan: Any) -> Iterator[tuple[str, str]]:
    yield str(plan["operatorType"]).split("@")[0], str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from _operators(child)


# the EU filter is left out: on this small graph the planner's choice for it changed with the
# order tests ran in (CI: an index seek on the class, then a filter); its plan at 1M is in
# benchmarks/RESULTS.md (C2), and its pages are checked against offsets above
@pytest.mark.parametrize("graph", ["neo4j"], indirect=True)
@pytest.mark.parametrize("flt", [FILTERS[0], *FILTERS[2:]], ids=["none", "since", "regulator", "today"])
def test_neo4j_seek_is_an_index_range_in_order(graph: GraphStore, flt: SanctionFilter) -> None:
    from enforcegraph.graph.backends.neo4j import Neo4jStore

    assert isinstance(graph, Neo4jStore)
    key = ["2021-06-00", "sanction:x", "company:x", "IMPOSES:x", "AGAINST:x"]
    query, params = neo4j_counts.page_query(flt, False, 10, 0, key)
    with graph._driver.session(database=graph.database) as session:
        session.run("CALL db.awaitIndexes(300)").consume()  # the planner seeks only online indexes
        plan = session.run("PROFILE " + query, params).consume().profile
    operators = list(_operators(plan))
    names = {name for name, _ in operators}
    seeks = [details for name, details in operators if name.startswith("NodeIndexSeek")]
    # the seek's range starts at the key's first column: $after0 is in the index seek
    assert any("after0" in details for details in seeks), operators
    assert not {"Sort", "Top", "PartialSort", "PartialTop", "NodeByLabelScan"} & names, operators


def test_seek_pages_equal_offset_pages_after_every_row(graph: GraphStore) -> None:
    """From any row's key, the page is the rows after that row (offset passed: 0)."""
    traversals, page = _pager(graph, False)
    flt = SanctionFilter(jurisdiction="EU")
    full = page(flt, 10_000, 0)
    keys = traversals.page_keys
    assert keys is not None and len(keys) == len(full) > 10
    seen: Callable[[int], list[Row]] = lambda at: page(flt, 4, 0, keys[at])  # noqa: E731
    for at in range(len(full)):
        assert seen(at) == full[at + 1 : at + 5], at


@pytest.mark.parametrize("graph", ["neo4j"], indirect=True)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("seek", [False, True], ids=["first-page", "seek"])
def test_neo4j_pages_by_id_read_the_id_index_in_order(graph: GraphStore, descending: bool,
                                                      seek: bool) -> None:
    from enforcegraph.graph.backends import cypher
    from enforcegraph.graph.backends.neo4j import Neo4jStore

    assert isinstance(graph, Neo4jStore)
    after = (None, "company:m") if seek else None
    query, params = cypher.find_nodes(graph.model, "Company", [], "id", descending, 10, 0, after)
    with graph._driver.session(database=graph.database) as session:
        session.run("CALL db.awaitIndexes(300)").consume()  # the planner seeks only online indexes
        plan = session.run("PROFILE " + query, params).consume().profile
    names = {name for name, _ in _operators(plan)}
    assert any(name.startswith(("NodeIndexScan", "NodeUniqueIndexSeek", "NodeIndexSeek"))
               for name in names), names
    assert not {"Sort", "Top", "PartialSort", "PartialTop", "NodeByLabelScan"} & names, names


def test_a_node_added_before_the_position_moves_no_later_catalogue_page(graph: GraphStore) -> None:
    before = graph.find("Company", limit=20)
    after = graph.sort_key(before[9])
    early = Batch(nodes=[NodeRecord("company:0-keyset-early", "Company",
                                    {"name": "Early", "sources": ["source:synth"]})])
    graph.upsert(early)
    try:
        assert graph.find("Company", limit=1)[0].id == "company:0-keyset-early"
        assert graph.find("Company", limit=10, after=after) == before[10:20]  # as before
        assert graph.find("Company", limit=10, offset=10) == before[9:19]  # one seen again
    finally:
        graph.delete(["company:0-keyset-early"])
