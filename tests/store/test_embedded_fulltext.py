"""The embedded store's full-text index: built for a store from before it existed, rebuilt
when the searched properties change, and a clear error where it cannot be built."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.schema.errors import StoreError
from enforcegraph.schema.records import Batch, NodeRecord

SOURCE = "source:example-1"


def _batch() -> Batch:
    return Batch(nodes=[
        NodeRecord(SOURCE, "Source", {"url": "https://example.org/1"}),
        NodeRecord("company:far-away", "Company", {
            "name": "Far Away Analytics", "notes": "No establishment in the EU.",
            "sources": [SOURCE]}),
    ])


def _forget_the_index(path: Path) -> None:
    """Make the file look like one written before full-text search."""
    conn = sqlite3.connect(path)
    conn.executescript("""
        DROP TABLE fulltext; DROP TABLE fulltext_ids; DROP TABLE fulltext_dirty;
        DELETE FROM meta WHERE key = 'fulltext';
    """)
    conn.close()


def test_a_store_from_before_is_indexed_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.upsert(_batch())
    _forget_the_index(path)
    with EmbeddedStore(path, read_only=True) as reader, pytest.raises(StoreError) as failed:
        reader.full_text("establishment")
    assert "no full-text index yet" in str(failed.value) and str(path) in str(failed.value)
    with EmbeddedStore(path) as store:
        assert [h.node.id for h in store.full_text("establishment").hits] == ["company:far-away"]
    with EmbeddedStore(path, read_only=True) as reader:
        assert reader.full_text("establishment").total == 1


def test_the_index_is_rebuilt_when_its_signature_changes(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.upsert(_batch())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'other' WHERE key = 'fulltext'")
    conn.execute("DELETE FROM fulltext")  # what an index of other properties would lack
    conn.commit()
    conn.close()
    with EmbeddedStore(path) as store:
        assert store.full_text("establishment").total == 1
        assert store.full_text("far away").total == 1


def test_an_index_kept_by_triggers_is_rebuilt_without_them(tmp_path: Path) -> None:
    """Stores indexed by the first version (row triggers on nodes: a savepoint per row, a
    load slower batch after batch) get the set-based index on their next writing open."""
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.upsert(_batch())
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TRIGGER fulltext_insert AFTER INSERT ON nodes BEGIN SELECT 1; END;
        UPDATE meta SET value = '3:old' WHERE key = 'fulltext';
    """)
    conn.close()
    with EmbeddedStore(path) as store:
        assert store.full_text("establishment").total == 1
    conn = sqlite3.connect(path)
    triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    conn.close()
    assert triggers == []
