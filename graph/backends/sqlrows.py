"""The embedded store's rows inside one write transaction (the :class:`RowAccess` of
graph/store/recording.py): nodes and relationships with their records, and the
normalised names of every node, which follow their node.

New ids go in one ``executemany`` pass without reads (inside a savepoint, so a clash
falls back to the merging path); everything else is read, merged by the recorder and
written back.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import orjson

from enforcegraph.graph.backends import sqlcounts, sqlfulltext
from enforcegraph.graph.record.codec import decode_record, encode_record
from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.store.recording import NewRecords, Row, given
from enforcegraph.schema.model import Model
from enforcegraph.schema.names import normalized_names

__all__ = ["CHUNK", "SqlRows", "chunks", "dumps", "marks"]

CHUNK = 500  # ids per ``IN (...)`` list


def dumps(props: dict[str, Any]) -> str:
    """Properties as stored: JSON with sorted keys."""
    return orjson.dumps(props, option=orjson.OPT_SORT_KEYS).decode()


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    """``items`` in slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """``?,?,...`` for ``count`` parameters."""
    return ",".join("?" * count)


class SqlRows:
    """Rows on an open connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, model: Model) -> None:
        self.conn = conn
        self.model = model
        self.changed = False

    # -- reading ----------------------------------------------------------------------
    def _rows(self, sql: str, ids: Sequence[str], repeat: int = 1) -> Iterator[tuple[Any, ...]]:
        for chunk in chunks(list(dict.fromkeys(ids))):
            yield from self.conn.execute(sql.format(marks=marks(len(chunk))), list(chunk) * repeat)

    @staticmethod
    def _row(row_id: str, label: str, props_text: str, record_text: str | None) -> Row:
        props = orjson.loads(props_text)
        return Row(row_id, label, props, decode_record(row_id, label, props, record_text))

    def read_nodes(self, ids: Sequence[str]) -> dict[str, Row]:
        sql = "SELECT id, label, props, record FROM nodes WHERE id IN ({marks})"
        return {r[0]: self._row(*r) for r in self._rows(sql, ids)}

    def read_relationships(self, ids: Sequence[str]) -> dict[str, Row]:
        sql = "SELECT id, type, props, record FROM rels WHERE id IN ({marks})"
        return {r[0]: self._row(*r) for r in self._rows(sql, ids)}

    def relationships_touching(self, node_ids: Sequence[str]) -> dict[str, Row]:
        sql = ('SELECT id, type, props, record FROM rels WHERE start IN ({marks}) '
               'OR "end" IN ({marks})')
        return {r[0]: self._row(*r) for r in self._rows(sql, node_ids, repeat=2)}

    def judgements(self) -> list[Judgement]:
        found = self.conn.execute(
            "SELECT canonical, other, verdict, by, at, why FROM judgements ORDER BY at, rowid"
        )
        return [Judgement(*row) for row in found]

    # -- writing ----------------------------------------------------------------------
    def add_judgement(self, judgement: Judgement) -> None:
        self.conn.execute(
            "INSERT INTO judgements(canonical, other, verdict, by, at, why) VALUES(?,?,?,?,?,?)",
            (judgement.canonical, judgement.other, judgement.verdict, judgement.by,
             judgement.at, judgement.why),
        )
        self.changed = True

    def _names(self, rows: Sequence[Row]) -> list[tuple[str, str, str]]:
        return [(name, row.id, row.label) for row in rows
                for name in normalized_names(row.props, self.model.label(row.label).name_properties)]

    @staticmethod
    def _node_values(row: Row) -> tuple[str, str, str, str]:
        return row.id, row.label, dumps(row.props), encode_record(row.id, row.props, row.record)

    @staticmethod
    def _rel_values(row: Row) -> tuple[str, str, str, str, str, str, str]:
        start, end, key = row.ends
        record = encode_record(row.id, row.props, row.record)
        return row.id, row.label, start, end, key, dumps(row.props), record

    def write_nodes(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        new = set(created)
        sqlcounts.add(self.conn, "label", Counter(row.label for row in rows if row.id in new))
        sqlcounts.note_nodes(self.conn, ((row.id, row.label) for row in rows))
        sqlfulltext.note(self.conn, (row.id for row in rows))
        self.conn.executemany(
            "INSERT INTO nodes(id, label, props, record) VALUES(?,?,?,?) ON CONFLICT(id) "
            "DO UPDATE SET props = excluded.props, record = excluded.record",
            [self._node_values(row) for row in rows],
        )
        renamed = sorted({row.id for row in rows} - set(created))
        for chunk in chunks(renamed):
            self.conn.execute(f"DELETE FROM names WHERE id IN ({marks(len(chunk))})", chunk)
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES(?,?,?)", self._names(rows))
        self.changed = self.changed or bool(rows)

    def write_relationships(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        new = set(created)
        sqlcounts.add(self.conn, "type", Counter(row.label for row in rows if row.id in new))
        sqlcounts.note_relationships(self.conn, (row.id for row in rows))
        self.conn.executemany(
            'INSERT INTO rels(id, type, start, "end", key, props, record) VALUES(?,?,?,?,?,?,?) '
            "ON CONFLICT(id) DO UPDATE SET props = excluded.props, record = excluded.record",
            [self._rel_values(row) for row in rows],
        )
        self.changed = self.changed or bool(rows)

    def delete_nodes(self, ids: Sequence[str]) -> None:
        sqlcounts.removed(self.conn, "nodes", ids)
        sqlcounts.note_nodes(self.conn, ((i, None) for i in ids))
        sqlfulltext.note(self.conn, ids)
        for chunk in chunks(list(ids)):
            params = marks(len(chunk))
            self.conn.execute(f"DELETE FROM names WHERE id IN ({params})", chunk)
            self.conn.execute(f"DELETE FROM nodes WHERE id IN ({params})", chunk)
        self.changed = self.changed or bool(ids)

    def delete_relationships(self, ids: Sequence[str]) -> None:
        sqlcounts.removed(self.conn, "rels", ids)
        sqlcounts.note_relationships(self.conn, ids)
        for chunk in chunks(list(ids)):
            self.conn.execute(f"DELETE FROM rels WHERE id IN ({marks(len(chunk))})", chunk)
        self.changed = self.changed or bool(ids)

    def _none_exist(self, table: str, ids: Sequence[str]) -> bool:
        """A cheap guess that no id is stored yet: neither the first nor the last is."""
        ends = [ids[0], ids[-1]]
        return self.conn.execute(f"SELECT 1 FROM {table} WHERE id IN (?, ?)", ends).fetchone() is None

    def insert_new(self, new: NewRecords) -> bool:
        nodes, rels, text = new.nodes, new.relationships, new.record_text
        if not (nodes or rels):
            return True
        if (nodes and not self._none_exist("nodes", list(nodes))) or (
            rels and not self._none_exist("rels", list(rels))
        ):
            return False
        self.conn.execute("SAVEPOINT new_rows")
        try:
            self.conn.executemany(
                "INSERT INTO nodes(id, label, props, record) VALUES(?,?,?,?)",
                [(i, r.label, dumps(given(r.properties)), text(r.origin.dataset))
                 for i, r in nodes.items()],
            )
            self.conn.executemany(
                'INSERT INTO rels(id, type, start, "end", key, props, record) VALUES(?,?,?,?,?,?,?)',
                [(i, r.type, r.start, r.end, r.key, dumps(given(r.properties)), text(r.origin.dataset))
                 for i, r in rels.items()],
            )
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO new_rows")
            self.conn.execute("RELEASE new_rows")
            return False
        # any other error (a full disk) propagates as it is: the caller rolls back the
        # whole transaction, which SQLite may already have done (the savepoint is gone)
        self.conn.execute("RELEASE new_rows")
        sqlcounts.add(self.conn, "label", Counter(r.label for r in nodes.values()))
        sqlcounts.add(self.conn, "type", Counter(r.type for r in rels.values()))
        sqlcounts.note_nodes(self.conn, ((i, r.label) for i, r in nodes.items()), stored=False)
        sqlfulltext.note(self.conn, nodes)
        sqlcounts.note_relationships(self.conn, rels)
        names = [(name, i, r.label) for i, r in nodes.items()
                 for name in normalized_names(r.properties, self.model.label(r.label).name_properties)]
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES(?,?,?)", names)
        self.changed = True
        return True

