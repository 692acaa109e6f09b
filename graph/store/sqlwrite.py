"""Writing one validated, collapsed batch into the embedded store's tables.

The work of one transaction, which the store opens and commits: new ids go in one
``executemany`` pass without reads (inside a savepoint, so a clash falls back), known
ids are read, merged (list properties such as ``sources`` grow) and written back, and
the normalised names of every node follow their node.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar

import orjson

from enforcegraph.graph.store.base import UpsertSummary, merge_properties
from enforcegraph.schema.model import Model
from enforcegraph.schema.names import normalized_names
from enforcegraph.schema.records import NodeRecord, RelationshipRecord

__all__ = ["CHUNK", "BatchWriter", "chunks", "dumps", "marks"]

CHUNK = 500  # ids per ``IN (...)`` list
Change = Literal["created", "updated", "unchanged"]
R = TypeVar("R", NodeRecord, RelationshipRecord)


def dumps(props: dict[str, Any]) -> str:
    """Properties as stored: JSON with sorted keys."""
    return orjson.dumps(props, option=orjson.OPT_SORT_KEYS).decode()


def _fresh(props: dict[str, Any]) -> dict[str, Any]:
    """``merge_properties({}, props)`` without its per-value work (new records)."""
    if None not in props.values():
        return props
    return {name: value for name, value in props.items() if value is not None}


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    """``items`` in slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """``?,?,...`` for ``count`` parameters."""
    return ",".join("?" * count)


class BatchWriter:
    """Writes nodes and relationships on an open connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, model: Model) -> None:
        self.conn = conn
        self.model = model

    def write(
        self,
        nodes: dict[str, NodeRecord],
        rels: dict[str, RelationshipRecord],
        summary: UpsertSummary,
    ) -> None:
        """Nodes first, then the relationships between them; counts go to ``summary``."""
        self._write_nodes(nodes, summary)
        self._write_relationships(rels, summary)

    def _names_of(self, label: str, props: dict[str, Any]) -> set[str]:
        return normalized_names(props, self.model.label(label).name_properties)

    def _none_exist(self, table: str, ids: dict[str, Any]) -> bool:
        """A cheap guess that no id is stored yet: neither the first nor the last is."""
        if not ids:
            return False
        ends = [next(iter(ids)), next(reversed(ids))]
        found = self.conn.execute(f"SELECT 1 FROM {table} WHERE id IN (?, ?)", ends)
        return found.fetchone() is None

    def _insert_new(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> bool:
        """Insert rows of new ids in one pass, no reads; False, nothing written, if an id
        exists after all (the caller then merges record by record)."""
        self.conn.execute("SAVEPOINT new_rows")
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO new_rows")
            self.conn.execute("RELEASE new_rows")
            return False
        # any other error (a full disk) propagates as it is: the caller rolls back the
        # whole transaction, which SQLite may already have done (the savepoint is gone)
        self.conn.execute("RELEASE new_rows")
        return True

    def _stored(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The stored properties of those ``ids`` that ``table`` (nodes, rels) holds."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids):
            for row_id, props in self.conn.execute(
                f"SELECT id, props FROM {table} WHERE id IN ({marks(len(chunk))})", chunk
            ):
                found[row_id] = orjson.loads(props)
        return found

    def _merged(self, table: str, records: Mapping[str, R]) -> Iterator[tuple[str, R, dict[str, Any], Change]]:
        """Each record with its properties merged into what is stored, and what that changes."""
        existing = self._stored(table, list(records))
        for record_id, record in records.items():
            old = existing.get(record_id)
            if old is None:
                yield record_id, record, _fresh(record.properties), "created"
                continue
            merged = merge_properties(old, record.properties)
            yield record_id, record, merged, "unchanged" if merged == old else "updated"

    def _write_nodes(self, nodes: dict[str, NodeRecord], summary: UpsertSummary) -> None:
        if self._none_exist("nodes", nodes):
            new = [(i, r.label, dumps(_fresh(r.properties))) for i, r in nodes.items()]
            if self._insert_new("INSERT INTO nodes(id, label, props) VALUES(?,?,?)", new):
                self.conn.executemany(
                    "INSERT OR IGNORE INTO names VALUES(?,?,?)",
                    [(n, i, r.label) for i, r in nodes.items() for n in self._names_of(r.label, r.properties)],
                )
                summary.nodes_created += len(new)
                return
        rows, name_rows, renamed = [], [], []
        counts: Counter[Change] = Counter()
        for node_id, record, merged, change in self._merged("nodes", nodes):
            counts[change] += 1
            if change == "unchanged":
                continue
            if change == "updated":
                renamed.append(node_id)
            rows.append((node_id, record.label, dumps(merged)))
            name_rows += [(n, node_id, record.label) for n in self._names_of(record.label, merged)]
        summary.nodes_created += counts["created"]
        summary.nodes_updated += counts["updated"]
        summary.nodes_unchanged += counts["unchanged"]
        self.conn.executemany(
            "INSERT INTO nodes(id, label, props) VALUES(?,?,?) ON CONFLICT(id) "
            "DO UPDATE SET props = excluded.props",
            rows,
        )
        for chunk in chunks(renamed):
            self.conn.execute(f"DELETE FROM names WHERE id IN ({marks(len(chunk))})", chunk)
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES(?,?,?)", name_rows)

    def _write_relationships(
        self, rels: dict[str, RelationshipRecord], summary: UpsertSummary
    ) -> None:
        if self._none_exist("rels", rels):
            new = [(i, r.type, r.start, r.end, r.key, dumps(_fresh(r.properties))) for i, r in rels.items()]
            if self._insert_new('INSERT INTO rels(id, type, start, "end", key, props) VALUES(?,?,?,?,?,?)', new):
                summary.relationships_created += len(new)
                return
        rows = []
        counts: Counter[Change] = Counter()
        for rel_id, record, merged, change in self._merged("rels", rels):
            counts[change] += 1
            if change != "unchanged":
                rows.append((rel_id, record.type, record.start, record.end, record.key, dumps(merged)))
        summary.relationships_created += counts["created"]
        summary.relationships_updated += counts["updated"]
        summary.relationships_unchanged += counts["unchanged"]
        self.conn.executemany(
            'INSERT INTO rels(id, type, start, "end", key, props) VALUES(?,?,?,?,?,?) '
            "ON CONFLICT(id) DO UPDATE SET props = excluded.props",
            rows,
        )

