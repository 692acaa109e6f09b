"""The embedded store's indexes on the kept properties (graph/backends/sqlpropindexes.py):
a filtered page reads its rows through an index range chosen with the kept counts, and
answers exactly as a full scan of the table does, whichever index the plan takes.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends import sqlcounts
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.backends.keptnotes import kept_properties
from enforcegraph.graph.backends.sqlpropindexes import index_for, wanted
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.graph.store.base import PropertyFilter
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.schema.model import load_model
from enforcegraph.schema.records import Batch, NodeRecord

SOURCE = "source:synth"
F = PropertyFilter


def _firms(rng: random.Random) -> Batch:
    """Firms with no country, a rare country, turnover years and currencies, some missing."""
    batch = Batch()
    for number in range(120):
        props: dict[str, Any] = {"name": f"Kept Firm {number}", "sources": [SOURCE]}
        if number % 5:
            props["country"] = "IS" if number % 40 == 1 else rng.choice(["FR", "DE", "US"])
        if number % 3 == 0:
            props["turnover_year"] = rng.choice([2019, 2020, 2021, 2022])
            props["turnover_currency"] = rng.choice(["EUR", "USD"])
        batch.nodes.append(NodeRecord(f"company:kept-{number:03d}", "Company", props))
    return batch


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    path = tmp_path_factory.mktemp("kept") / "store.sqlite"
    store = EmbeddedStore(path)
    for batch in synth_batches(SynthConfig(firms=300, seed=5, chunk_firms=150)):
        store.upsert(batch)
    store.upsert(_firms(random.Random(3)))
    yield store
    store.close()


def _pages(store: EmbeddedStore, label: str, filters: list[PropertyFilter], **page: Any
           ) -> tuple[list[str], str]:
    """The ids of one page of ``find`` and the SQL it ran (read through the store)."""
    ran: list[str] = []
    query = store._query

    def spy(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        ran.append(sql)
        return query(sql, params)

    store._query = spy  # type: ignore[method-assign]
    try:
        ids = [n.id for n in store.find(label, filters, **page)]
    finally:
        del store._query
    return ids, ran[-1]


def _plan(path: Path, sql: str, params: Any) -> str:
    conn = sqlite3.connect(path)
    try:
        return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        conn.close()


def _every_way(store: EmbeddedStore, label: str, filters: list[PropertyFilter],
               **page: Any) -> tuple[list[str], dict[str, list[str]]]:
    """The store's page, and the same page read through every index it could take and
    through none (a full scan of the table)."""
    ids, _ = _pages(store, label, filters, **page)
    params = _params(store, label, filters, page)
    where, _ = store._where(label, filters)
    key, way = page.get("order_by", "id"), "DESC" if page.get("descending") else "ASC"
    value = "id" if key == "id" else f"json_extract(props, '$.{key}')"
    order = f"id {way}" if key == "id" else f"({value} IS NULL), {value} {way}, id {way}"
    sql = f"SELECT id FROM nodes {{}} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    ways = {"NOT INDEXED": sql.format("NOT INDEXED")}
    if any(f.op == "in" and not f.value for f in filters):  # "0": no index can be asked for
        filters = []
    for prop in {f.property for f in filters}:
        if prop in kept_properties(store.model).get(label, ()):
            ways[index_for(label, prop)] = sql.format(f"INDEXED BY {index_for(label, prop)}")
    if filters:
        ways["nodes_label"] = sql.format("INDEXED BY nodes_label")
    conn = sqlite3.connect(store.path)
    try:
        return ids, {way: [row[0] for row in conn.execute(q, params)] for way, q in ways.items()}
    finally:
        conn.close()


def _params(store: EmbeddedStore, label: str, filters: list[PropertyFilter],
            page: dict[str, Any]) -> list[Any]:
    _, params = store._where(label, filters)
    limit = page.get("limit")
    return [*params, -1 if limit is None else limit, page.get("offset", 0)]


def test_every_kept_property_has_its_index_and_no_other(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    EmbeddedStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE INDEX nodes_kept_company_gone ON nodes(id) WHERE label = 'Company'")
    conn.commit()
    conn.close()
    EmbeddedStore(path).close()  # opened for writing: the model's indexes, no stale one
    conn = sqlite3.connect(path)
    found = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'nodes_kept_%'")}
    conn.close()
    expected = {index_for(label, p) for label, props in kept_properties(load_model()).items()
                for p in props if p != "date"}
    assert found == expected == set(wanted(load_model()))
    assert "nodes_kept_company_country" in found


def test_a_rare_value_is_an_index_range_and_a_common_one_walks_the_label(
        store: EmbeddedStore) -> None:
    rare = [F("country", "eq", "IS")]
    ids, sql = _pages(store, "Company", rare, limit=2, offset=1)
    plan = _plan(store.path, sql, _params(store, "Company", rare, {"limit": 2, "offset": 1}))
    assert "nodes_kept_company_country" in plan and "TEMP B-TREE" not in plan, plan
    assert "SCAN nodes" not in plan, plan
    assert ids == ["company:kept-041", "company:kept-081"]
    common = [F("country", "ne", "IS")]  # nearly every firm: walk them in id order, stop early
    _, sql = _pages(store, "Company", common, limit=5)
    assert "INDEXED BY" not in sql  # no index answers "not equal": SQLite's plan
    dated = [F("date", "gte", "2018-01-01")]  # every decision: the label in id order
    _, sql = _pages(store, "Decision", dated, limit=5)
    assert "INDEXED BY nodes_label" in sql
    narrow = [F("date", "gte", "2025-12-01"), F("date", "lte", "2025-12-03")]
    _, sql = _pages(store, "Decision", narrow, limit=5)
    assert "INDEXED BY nodes_date" in sql
    plan = _plan(store.path, sql, _params(store, "Decision", narrow, {"limit": 5}))
    assert "SCAN nodes" not in plan, plan


CASES: list[tuple[str, list[PropertyFilter]]] = [
    ("Company", [F("country", "eq", "IS")]),
    ("Company", [F("country", "eq", "FR")]),
    ("Company", [F("country", "eq", "XX")]),
    ("Company", [F("country", "ne", "FR")]),
    ("Company", [F("country", "in", ["IS", "US"])]),
    ("Company", [F("country", "in", [])]),
    ("Company", [F("country", "exists", False)]),
    ("Company", [F("country", "exists", True), F("turnover_year", "gte", 2021)]),
    ("Company", [F("turnover_year", "lte", 2020), F("turnover_currency", "eq", "EUR")]),
    ("Company", [F("country", "eq", "US"), F("name", "contains", "firm 1")]),
    ("Decision", [F("date", "gte", "2024-06-01")]),
    ("Decision", [F("date", "gte", "2020-01-01"), F("date", "lte", "2020-12-31"),
                  F("kind", "ne", "order")]),
    ("Sanction", [F("kind", "in", ["fine", "reprimand"]), F("currency", "eq", "EUR")]),
]
PAGES: list[dict[str, Any]] = [
    {}, {"limit": 3}, {"limit": 7, "offset": 4}, {"descending": True, "limit": 5, "offset": 2},
    {"order_by": "country", "limit": 9}, {"order_by": "country", "descending": True, "limit": 40},
]


@pytest.mark.parametrize(("label", "filters"), CASES)
def test_pages_equal_the_full_scan_whichever_index_is_taken(
        store: EmbeddedStore, label: str, filters: list[PropertyFilter]) -> None:
    for page in PAGES:
        if page.get("order_by") == "country" and label != "Company":
            page = {**page, "order_by": "date" if label == "Decision" else "amount"}
        ids, ways = _every_way(store, label, filters, **page)
        for way, found in ways.items():
            assert found == ids, (label, filters, page, way)
    everything, _ = _pages(store, label, filters)
    assert bool(everything) == (filters[0].value not in ("XX", [])), (label, filters)
    assert store.count(label, filters) == len(everything)  # counts planned the same way
    for cap in (1, len(everything), 50):
        assert store.count_at_most(label, filters, cap) in (
            (len(everything), False), (cap, len(everything) > cap)), (label, filters, cap)


@pytest.mark.parametrize("at", ["decision-date", "today"])
def test_a_country_headline_page_is_a_range_of_the_country_index(store: EmbeddedStore,
                                                                  at: Any) -> None:
    """The kept headline rows of one country, in the page's order: a rare country's page
    no longer walks every row of the class (graph/backends/sqlcounts.py, ``hl_c``)."""
    sql, params = sqlcounts.page_sql(SanctionFilter(jurisdiction="FR", at=at), False)
    plan = _plan(store.path, sql, {**params, "limit": 5, "offset": 10})
    assert "USING INDEX hl_c (c=? AND p=?)" in plan and "TEMP B-TREE" not in plan, plan
