"""The embedded store's readers do not queue: a connection per reading thread, a time
limit per query that frees it, the writer on its own (graph/backends/sqlreaders.py)."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.schema.errors import QueryTimeout, StoreError
from enforcegraph.schema.records import Batch, NodeRecord

SOURCE = NodeRecord("source:s", "Source", {"url": "https://example.org/"})
ENDLESS = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
           "SELECT count(*) FROM c")


def firms(start: int, count: int) -> Batch:
    return Batch([NodeRecord(f"company:f-{i}", "Company", {"name": f"F {i}", "sources": ["source:s"]})
                  for i in range(start, start + count)])


@pytest.fixture
def loaded(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "graph.sqlite", query_timeout=None)
    store.upsert(Batch([SOURCE]))
    store.upsert(firms(0, 50))
    return store


def test_readers_make_progress_while_a_long_query_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release, started = threading.Event(), threading.Event()
    opened = EmbeddedStore._open_reader

    def blocking_reader(self: EmbeddedStore) -> sqlite3.Connection:
        conn = opened(self)

        def block() -> int:  # a query that runs until the test lets it finish
            started.set()
            return int(release.wait(30))

        conn.create_function("block", 0, block)
        return conn

    monkeypatch.setattr(EmbeddedStore, "_open_reader", blocking_reader)
    store = EmbeddedStore(tmp_path / "graph.sqlite", query_timeout=None)
    store.upsert(Batch([SOURCE]))
    store.upsert(firms(0, 50))
    with ThreadPoolExecutor(9) as pool:
        slow = pool.submit(store._query, "SELECT block()")
        assert started.wait(10)
        reads = [pool.submit(lambda i=i: store.get(f"company:f-{i % 50}")) for i in range(80)]
        answers = [r.result(timeout=20) for r in reads]  # would wait for ever behind one lock
        assert all(a is not None for a in answers)
        assert not slow.done()  # every reader finished before the long query did
        release.set()
        assert slow.result(timeout=10) == [(1,)]
    store.close()


def test_a_query_past_the_limit_is_stopped_and_its_connection_freed(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.sqlite", query_timeout=0.2)
    store.upsert(Batch([SOURCE]))
    with pytest.raises(QueryTimeout) as stopped:
        store._query(ENDLESS)
    assert isinstance(stopped.value, StoreError)  # the API answers 503 UNAVAILABLE
    assert "ENFORCEGRAPH_QUERY_TIMEOUT" in str(stopped.value)
    assert store.get("source:s") is not None  # the same (pooled) connection reads again
    assert store._readers is not None and store._readers.open_connections == 1
    store.close()


def test_the_writer_is_never_cut_short_and_in_memory_stores_keep_one_connection() -> None:
    store = EmbeddedStore(":memory:", query_timeout=0.2)
    store.upsert(Batch([SOURCE]))
    with pytest.raises(QueryTimeout):
        store._query(ENDLESS)
    store.upsert(firms(0, 3))
    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(lambda i: store.get(f"company:f-{i}") is not None, range(3)))
    store.close()


def test_readers_see_a_write_whole_or_not_at_all(loaded: EmbeddedStore) -> None:
    """A load in one thread while readers read: every read sees the state before or after
    a batch, never part of one."""
    sizes = [0, 500, 1500, 3000]
    states = {50 + sum(sizes[: i + 1]) for i in range(len(sizes))}
    done = threading.Event()
    seen: set[int] = set()
    failures: list[BaseException] = []

    def read() -> None:
        while not done.is_set():
            try:
                seen.add(loaded.count("Company"))
                seen.add(loaded.stats().nodes["Company"])
            except BaseException as exc:  # pragma: no cover - reported below
                failures.append(exc)
                return

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    start = 50
    for size in sizes[1:]:
        loaded.upsert_stream(iter([firms(start, size // 2), firms(start + size // 2, size - size // 2)]))
        start += size
    done.set()
    for thread in readers:
        thread.join(timeout=30)
    assert not failures
    assert seen <= states and len(seen) > 1
    loaded.close()


def test_close_closes_every_connection(loaded: EmbeddedStore) -> None:
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda i: loaded.get(f"company:f-{i}"), range(60)))
    assert loaded._readers is not None and loaded._readers.open_connections >= 1
    loaded.close()
    assert loaded._readers.open_connections == 0
    with pytest.raises(StoreError):
        loaded.get("company:f-1")
