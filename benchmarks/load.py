"""Load throughput: the embedded store's upsert against bare SQLite ``executemany``.

Both run in the same pass over the same synthetic batches (generation is not timed):
each batch is upserted into the store, then its rows (the same JSON, names and
relationships) are inserted with ``executemany`` into a second SQLite file with the
store's own table layout, indexes and PRAGMAs, one transaction per batch.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from enforcegraph.graph.backends import sqlfulltext
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.backends.sqlrows import dumps as store_dumps
from enforcegraph.schema.model import Model, load_model
from enforcegraph.schema.names import normalize_name
from enforcegraph.schema.records import Batch

__all__ = ["FloorDB", "load_embedded"]

_PRAGMAS = ("journal_mode", "synchronous", "cache_size", "temp_store")


class FloorDB:
    """A bare SQLite file with the same schema and PRAGMAs as an embedded store."""

    def __init__(self, path: Path, like: sqlite3.Connection) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        for pragma in _PRAGMAS:
            value = like.execute(f"PRAGMA {pragma}").fetchone()[0]
            self.conn.execute(f"PRAGMA {pragma} = {value}")
        # tables, then indexes, then triggers (which name tables); a virtual table makes
        # its own (FTS5) shadow tables; the full-text triggers call the store's function
        ddl = like.execute(
            "SELECT sql FROM sqlite_master m WHERE sql IS NOT NULL AND NOT EXISTS ("
            " SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'"
            " AND m.type = 'table' AND m.name IN (v.name || '_data', v.name || '_idx',"
            " v.name || '_content', v.name || '_docsize', v.name || '_config')) "
            "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name"
        ).fetchall()
        sqlfulltext.register(self.conn, load_model())
        for (sql,) in ddl:
            self.conn.execute(sql)

    def insert(self, node_rows: list[tuple[str, str, str]], name_rows: list[tuple[str, str, str]],
               rel_rows: list[tuple[str, str, str, str, str, str]]) -> tuple[float, float]:
        """Insert prepared rows in one transaction; the wall and CPU seconds it took."""
        start, cpu = time.perf_counter(), time.process_time()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.executemany("INSERT INTO nodes(id, label, props) VALUES(?,?,?)", node_rows)
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES(?,?,?)", name_rows)
        self.conn.executemany(
            'INSERT INTO rels(id, type, start, "end", key, props) VALUES(?,?,?,?,?,?)', rel_rows
        )
        self.conn.execute("COMMIT")
        return time.perf_counter() - start, time.process_time() - cpu

    def close(self) -> None:
        self.conn.close()


def floor_rows(model: Model, batch: Batch) -> tuple[list[Any], list[Any], list[Any]]:
    """The rows an embedded store writes for a batch of new records (prepared untimed)."""
    nodes, names = [], []
    for node in batch.nodes:
        nodes.append((node.id, node.label, store_dumps(node.properties)))
        for prop in model.label(node.label).name_properties:
            value = node.properties.get(prop)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and (norm := normalize_name(item)):
                    names.append((norm, node.id, node.label))
    rels = [(r.id, r.type, r.start, r.end, r.key, store_dumps(r.properties)) for r in batch.relationships]
    return nodes, names, rels


def load_embedded(store: EmbeddedStore, floor_path: Path, batches: Iterable[Batch]) -> dict[str, float]:
    """Upsert every batch into ``store`` and the same rows into a floor file; rates.

    Wall-clock rates are the figures; CPU-time rates (``*_cpu_rps``, the store's including
    its checkpoint thread) show what an idle machine would do when other processes share
    the cores. ``store_settled_rps`` also counts the wait for the store's background
    checkpoint after each batch, as if it ran inside the upsert (SQLite's own default).
    """
    floor: FloorDB | None = None
    records = 0
    store_s = floor_s = store_cpu = floor_cpu = settle_s = 0.0
    for batch in batches:
        start, cpu = time.perf_counter(), time.process_time()
        store.upsert(batch)
        returned = time.perf_counter()
        store_s += returned - start
        # the store copies its WAL into the main file on a thread of its own: wait for
        # that copy, timed apart, so it neither hides in the floor's turn nor slows it
        store.settle()
        settle_s += time.perf_counter() - returned
        store_cpu += time.process_time() - cpu
        if floor is None:
            floor = FloorDB(floor_path, store._conn)
        wall, used = floor.insert(*floor_rows(store.model, batch))
        floor_s += wall
        floor_cpu += used
        records += len(batch)
    if floor is not None:
        floor.close()
    return {
        "records": float(records),
        "store_s": store_s,
        "floor_s": floor_s,
        "store_rps": records / store_s if store_s else 0.0,
        "settle_s": settle_s,
        "store_settled_rps": records / (store_s + settle_s) if store_s + settle_s else 0.0,
        "floor_rps": records / floor_s if floor_s else 0.0,
        "store_cpu_rps": records / store_cpu if store_cpu else 0.0,
        "floor_cpu_rps": records / floor_cpu if floor_cpu else 0.0,
    }
