"""How the embedded store reads a headline page: the kept rows' page, its nodes, articles
and sources in one statement answering one row (graph/backends/sqlpage.py), and without
the articles and sources when the caller does not read them (``details=False``)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.backends.sqltraversals import EmbeddedTraversals
from enforcegraph.graph.domain.traversals import Row, SanctionFilter, Traversals
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.graph.testing.awkward import awkward_cases
from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.errors import QueryTimeout

EDGE_CASES = Path(__file__).resolve().parent / "edge_cases.yaml"
FILTERS = [SanctionFilter(), SanctionFilter(at="today"), SanctionFilter(jurisdiction="EU"),
           SanctionFilter(since="2021-01-01"), SanctionFilter(until="2020-06")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("pages") / "g.sqlite")
    for batch in synth_batches(SynthConfig(firms=200, seed=7, chunk_firms=200)):
        store.upsert(batch)
    store.upsert(read_batch(EDGE_CASES))
    store.upsert(awkward_cases(store, random.Random(9), 30, 20, 20))
    return store


def _lean(rows: list[Row]) -> list[Row]:
    return [{k: v for k, v in row.items() if k not in ("articles", "sources")} for row in rows]


@pytest.mark.parametrize("kept", [True, False], ids=["kept-rows", "sql-walk"])
@pytest.mark.parametrize("unknown", [False, True], ids=["without-eu", "unknown"])
def test_pages_without_details_are_the_rows_without_articles_and_sources(
        store: EmbeddedStore, kept: bool, unknown: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not kept:  # the SQL walk of the decisions (a store whose kept rows are of another layout)
        monkeypatch.setattr(store, "kept_counts", lambda flt=None: False)
    name = "sanctions_with_unknown_establishment" if unknown else "sanctions_without_eu_establishment"
    detailed = 0
    for flt in FILTERS:
        full = getattr(Traversals(store), name)(flt)
        for offset, limit in ((0, 100), (3, 7), (len(full) - 2, 5)):
            offset = max(offset, 0)
            want = full[offset : offset + limit]
            paged = store.traversals()
            assert getattr(paged, name)(flt, limit, offset) == want, (flt, offset, limit)
            lean = getattr(paged, name)(flt, limit, offset, details=False)
            assert lean == _lean(want), (flt, offset, limit)
            assert paged.page_nodes.keys() >= {r[p]["id"] for r in want for p in
                                               ("sanction", "decision", "firm", "regulator")}
            detailed += sum(bool(r["articles"]) + bool(r["sources"]) for r in want)
    assert detailed, "some rows must have articles and sources, or leaving them out shows nothing"


def test_a_kept_page_is_one_statement_of_one_row(store: EmbeddedStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row a statement steps hands the GIL over (sqlite3 releases it per step): the
    page, its nodes, articles and sources come back as one row; besides it, only the
    store's two checks (kept layout, far dates) run."""
    steps: list[int] = []
    query = store._query

    def counted(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        found = query(sql, params)
        steps.append(len(found))
        return found

    monkeypatch.setattr(store, "_query", counted)
    for details in (True, False):
        steps.clear()
        rows = store.traversals().sanctions_without_eu_establishment(limit=50, details=details)
        assert len(rows) == 50
        assert len(steps) <= 3 and max(steps) <= 3, steps  # the kept layout's meta: 3 rows
        assert steps[-1] == 1


def test_a_page_read_in_one_statement_keeps_the_time_limit(
        store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one statement is still stopped by the store's query time limit."""
    reader = EmbeddedStore(store.path, read_only=True, query_timeout=1e-9)
    failed: list[str] = []
    query = reader._query

    def watched(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        try:
            return query(sql, params)
        except QueryTimeout:
            failed.append(sql)
            raise

    monkeypatch.setattr(reader, "_query", watched)
    monkeypatch.setattr(reader, "kept_counts", lambda flt=None: True)  # straight to the page
    monkeypatch.setattr(EmbeddedTraversals, "_has_far_dates", lambda self: False)
    try:
        with pytest.raises(QueryTimeout):
            reader.traversals().sanctions_without_eu_establishment(limit=100)
    finally:
        reader.close()
    assert failed and failed[0].startswith("WITH pg(")
