"""Reads made on an event loop within a deadline (graph/store/inline.py): the embedded
store stops them at the deadline or at a lock (OverBudget), never waits for its own lock
there, and answers them as any other read; the API's ``bounded`` then reads again on a
store thread, under the store's own time limit."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from enforcegraph.api.dataloaders import bounded
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.inline import OverBudget, inline
from enforcegraph.schema.errors import QueryTimeout
from enforcegraph.schema.records import Batch, NodeRecord

T = TypeVar("T")

ENDLESS = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
           "SELECT count(*) FROM c")


def _firms(store: EmbeddedStore) -> None:
    store.upsert(Batch([NodeRecord("source:s", "Source", {"url": "https://example.org/"})]))
    store.upsert(Batch([NodeRecord(f"company:f-{i}", "Company", {"name": f"F {i}", "sources": ["source:s"]})
                        for i in range(20)]))


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    opened = EmbeddedStore(tmp_path / "graph.sqlite", query_timeout=30)
    _firms(opened)
    return opened


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on a thread of its own: this thread may hold a running loop already
    (Playwright's sync API keeps one for the browser tests' session)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_inline_reads_answer_as_other_reads(store: EmbeddedStore) -> None:
    assert store.reads_inline
    ids = [f"company:f-{i}" for i in range(20)]
    with inline(5.0):
        found = store.get_many(ids)
        page = store.find("Company", limit=5)
    assert found == store.get_many(ids) and len(found) == 20
    assert page == store.find("Company", limit=5)


def test_an_inline_read_stops_at_its_deadline_not_the_store_limit(store: EmbeddedStore) -> None:
    with pytest.raises(OverBudget), inline(0.05):  # the store's limit is 30 s
        store._query(ENDLESS)
    with pytest.raises(OverBudget), inline(0.0):  # past it: no read starts
        store.get_many(["company:f-1"])
    assert store.get("company:f-1") is not None  # the connections are fine afterwards


def test_an_inline_read_never_waits_for_a_lock(tmp_path: Path) -> None:
    """A store in rollback-journal mode while another process holds its write lock:
    a read on a thread would wait (busy timeout), an inline one stops at once."""
    path = tmp_path / "journal.sqlite"
    writer = EmbeddedStore(path)
    _firms(writer)
    writer.close()
    with sqlite3.connect(path, isolation_level=None) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
    reader = EmbeddedStore(path, read_only=True)
    locker = sqlite3.connect(path, isolation_level=None)
    try:
        assert reader.get("company:f-1") is not None
        locker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(OverBudget) as stopped, inline(30.0):
            reader.get_many(["company:f-1"])
        assert "locked" in str(stopped.value.__cause__)
        locker.execute("ROLLBACK")
        with inline(30.0):
            assert reader.get_many(["company:f-1"])
    finally:
        locker.close()
        reader.close()


def test_a_store_with_one_shared_connection_is_never_read_inline() -> None:
    memory = EmbeddedStore(":memory:")
    _firms(memory)
    assert not memory.reads_inline
    with pytest.raises(OverBudget), inline(30.0):  # it would take the store's lock
        memory.get_many(["company:f-1"])


def test_bounded_reads_again_on_a_thread_with_the_store_limit(
        store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the budget the call leaves the event loop: other tasks run while the thread
    reads, and the store's own time limit (not the budget) ends it."""
    from enforcegraph.api import dataloaders

    monkeypatch.setattr(dataloaders, "INLINE_BUDGET", 0.02)
    store.query_timeout = 0.5

    async def run() -> tuple[BaseException | None, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        beat = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        failed: BaseException | None = None
        try:
            await bounded(store, lambda: store._query(ENDLESS))
        except QueryTimeout as exc:
            failed = exc
        beat.cancel()
        return failed, ticks

    failed, ticks = _run(run())
    assert isinstance(failed, QueryTimeout) and not isinstance(failed, OverBudget)
    assert ticks >= 5  # the loop ran on while the thread read for 0.5 s
    assert _run(bounded(store, lambda: store.get("company:f-3"))) is not None
