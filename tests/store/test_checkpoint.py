"""The WAL is copied into the database file by a thread of its own, after each commit."""

from __future__ import annotations

import gc
import sqlite3
import time
from pathlib import Path

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.synth import SynthConfig, synth_batches


def _load(store: EmbeddedStore) -> int:
    records = 0
    for batch in synth_batches(SynthConfig(firms=400, seed=2, chunk_firms=200)):
        store.upsert(batch)
        records += len(batch)
    return records


def test_committed_pages_reach_the_database_file_without_a_close(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    checkpointer = store._checkpointer
    try:
        assert store._conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        empty = path.stat().st_size
        _load(store)
        deadline = time.monotonic() + 20
        while path.stat().st_size <= empty and time.monotonic() < deadline:
            time.sleep(0.05)
        assert path.stat().st_size > empty  # only a checkpoint writes the main file
        assert checkpointer is not None and checkpointer.running
    finally:
        store.close()
    assert not checkpointer.running
    assert not (tmp_path / "graph.sqlite-wal").exists() or (tmp_path / "graph.sqlite-wal").stat().st_size == 0
    again = EmbeddedStore(path)
    try:
        assert again.stats().nodes["Company"] == 400 + 2  # and the two synthetic PR agencies
    finally:
        again.close()


def test_a_store_that_only_reads_starts_no_thread(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    writer = EmbeddedStore(path)
    _load(writer)
    writer.close()
    reader = EmbeddedStore(path)
    try:
        assert reader.get("company:synth-1") is not None
        assert reader._checkpointer is not None and not reader._checkpointer.running
    finally:
        reader.close()


def test_a_store_dropped_without_close_stops_its_thread(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    _load(store)
    checkpointer = store._checkpointer
    assert checkpointer is not None and checkpointer.running
    del store
    gc.collect()
    deadline = time.monotonic() + 10
    while checkpointer.running and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not checkpointer.running


def test_a_log_past_its_limit_is_emptied_once_old_readers_have_gone(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    wal = tmp_path / "graph.sqlite-wal"
    store = EmbeddedStore(path)
    checkpointer = store._checkpointer
    assert checkpointer is not None
    checkpointer._restart_bytes = 1  # every log is past the limit
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        store.upsert(next(iter(synth_batches(SynthConfig(firms=10, seed=3, chunk_firms=10)))))
        checkpointer.settle()
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM nodes").fetchone()  # holds a snapshot
        records = _load(store)  # the writer is not held up for long by the old reader
        checkpointer.settle()
        assert wal.stat().st_size > 0  # the reader's snapshot is still in the log
        reader.execute("COMMIT")
        store.upsert(next(iter(synth_batches(SynthConfig(firms=5, seed=4, chunk_firms=5)))))
        checkpointer.settle()
        assert wal.stat().st_size == 0  # a passive checkpoint would have left it as it was
        assert records > 0 and store.stats().nodes["Company"] >= 400
    finally:
        reader.close()
        store.close()
