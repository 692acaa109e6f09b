"""The embedded backend: one SQLite file is the record; a NetworkX view follows it.

One connection writes (``_conn``, behind ``_lock``); reads run on connections of their
own, one per reading thread at a time (graph/backends/sqlreaders.py), each statement within
the query time limit, so a reader never queues behind the writer or another reader. The
thread inside a write transaction reads on the writer's connection and so sees what it
has written so far. An in-memory store (``:memory:``) cannot be shared across
connections: it keeps one, behind the lock.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import orjson

from enforcegraph.graph.backends import sqlcounts, sqlfulltext, sqlpropcounts, sqlpropindexes
from enforcegraph.graph.backends.checkpoint import BackgroundCheckpointer
from enforcegraph.graph.backends.sqlfilters import condition
from enforcegraph.graph.backends.sqlopen import open_read_only, write_failure
from enforcegraph.graph.backends.sqlreaders import PROGRESS_STEPS, ReaderPool
from enforcegraph.graph.backends.sqlrows import SqlRows, chunks, marks
from enforcegraph.graph.backends.sqltraversals import EmbeddedTraversals, first_relationships_sql
from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.store.base import (
    Direction,
    GraphStore,
    Node,
    PropertyFilter,
    Relationship,
    StoreStats,
    find_seek,
)
from enforcegraph.graph.store.inline import OverBudget
from enforcegraph.graph.store.inline import deadline as inline_deadline
from enforcegraph.schema.errors import QueryTimeout, StoreError
from enforcegraph.schema.ids import relationship_id_range
from enforcegraph.schema.model import Model, load_model
from enforcegraph.schema.names import normalize_name

if TYPE_CHECKING:
    from enforcegraph.graph.store.adjacency import Adjacency

__all__ = ["EmbeddedStore"]

_DDL = """
CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label, id);
CREATE INDEX IF NOT EXISTS nodes_date ON nodes(label, json_extract(props, '$.date'), id);
CREATE TABLE IF NOT EXISTS names (norm TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
                                  PRIMARY KEY (norm, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_id ON names(id);
CREATE TABLE IF NOT EXISTS rels (id TEXT PRIMARY KEY, type TEXT NOT NULL, start TEXT NOT NULL,
                                 "end" TEXT NOT NULL, key TEXT NOT NULL, props TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rels_start_id ON rels(start, type, id);
CREATE INDEX IF NOT EXISTS rels_end_id ON rels("end", type, id);
DROP INDEX IF EXISTS rels_start;
DROP INDEX IF EXISTS rels_end;
DROP INDEX IF EXISTS rels_type;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS judgements (canonical TEXT NOT NULL, other TEXT NOT NULL,
                                       verdict TEXT NOT NULL, by TEXT NOT NULL,
                                       at TEXT NOT NULL, why TEXT NOT NULL);
"""
# Columns added since the first stores: added to an older store when it is opened.
_ADDED_COLUMNS = (("nodes", "record"), ("rels", "record"))


class EmbeddedStore(GraphStore):
    """A durable single-file store (SQLite) with a NetworkX view kept in step."""

    backend_name = "embedded"
    # a stream is one transaction: SQLite spills what is not committed to the WAL file,
    # not to Python's memory, and readers see the store as before until it commits
    stream_in_one_transaction = True

    def __init__(self, path: str | Path, model: Model | None = None, *, read_only: bool = False,
                 query_timeout: float | None = 30.0) -> None:
        self.model = model or load_model()
        self.path = Path(path)
        self.read_only = read_only and str(path) != ":memory:"
        self.query_timeout = query_timeout or None  # seconds a read may run (None: no limit)
        self._writer_thread: int | None = None  # the thread inside a write transaction
        self._closing = False
        if self.read_only:
            self._conn = open_read_only(self.path)
        else:
            self._conn = self._open_for_writing(path)
            sqlfulltext.install(self._conn, self.model)
            self._install_counts()
            self._install_indexes()
        self._lock = threading.RLock()
        self._checkpointer: BackgroundCheckpointer | None = None
        if not self.read_only and self._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            self._conn.execute("PRAGMA wal_autocheckpoint = 0")  # the thread does it
            self._checkpointer = BackgroundCheckpointer(self.path)
            # a store dropped without close() stops its thread too
            weakref.finalize(self, self._checkpointer.close, False)
        # generation() reads on its own connection: never waits for a long query
        if str(path) == ":memory:":
            self._peek = self._conn
        elif self.read_only:
            self._peek = open_read_only(self.path)
        else:
            self._peek = self._connect_reader(path)
        self._peek_lock = self._lock if self._peek is self._conn else threading.Lock()
        self._readers = None if str(path) == ":memory:" else ReaderPool(self._open_reader)
        self._view: nx.MultiDiGraph | None = None
        self._view_generation = -1
        self._adjacency: tuple[int, Adjacency] | None = None

    @staticmethod
    def _open_for_writing(path: str | Path) -> sqlite3.Connection:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = OFF")
            has_tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='nodes'"
            ).fetchone()[0]
            if not has_tables:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(_DDL)
            for table, column in _ADDED_COLUMNS:
                present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
                if column not in present:  # a store from before records were kept
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
            conn.execute("PRAGMA synchronous = NORMAL")
            # bulk loads touch every index; a 64 MiB page cache keeps their hot pages
            conn.execute("PRAGMA cache_size = -65536")
            conn.execute("PRAGMA temp_store = MEMORY")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the embedded store at {path}: {exc}") from exc
        return conn

    def _install_counts(self) -> None:
        try:
            sqlcounts.install(self._conn, date.today().isoformat(), self.model)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot build the kept counts of {self.path}: {exc}") from exc

    def _install_indexes(self) -> None:
        try:
            sqlpropindexes.install(self._conn, self.model)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot build the kept properties' indexes of {self.path}: {exc}") \
                from exc

    @staticmethod
    def _connect_reader(path: str | Path) -> sqlite3.Connection:
        try:
            return sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the embedded store at {path}: {exc}") from exc

    def _open_reader(self) -> sqlite3.Connection:
        conn = open_read_only(self.path)
        conn.execute("PRAGMA cache_size = -16384")  # 16 MiB each
        return conn

    # -- internals ------------------------------------------------------------
    @contextmanager
    def _reading(self, timeout: float | None = -1.0) -> Iterator[sqlite3.Connection]:
        """A connection to read on: this thread's own from the pool, or the writer's for
        the thread inside a write transaction (it must see its own writes), or the one
        connection of an in-memory store. ``timeout``: the store's query time limit unless
        given (None: no limit); the writer's transaction is never cut short."""
        limit = self.query_timeout if timeout == -1.0 else timeout
        if self._readers is not None and self._writer_thread != threading.get_ident():
            try:
                with self._readers.reader(limit) as conn:
                    yield conn
            except sqlite3.ProgrammingError as exc:  # the store was closed
                raise StoreError(f"embedded store read failed: {exc}") from exc
            return
        if inline_deadline() is not None:  # never wait for the store's lock on an event loop
            raise OverBudget("an inline read needs a connection of its own")
        with self._lock:
            own = self._writer_thread == threading.get_ident()
            if limit is not None and not own:
                deadline = time.monotonic() + limit
                self._conn.set_progress_handler(lambda: int(time.monotonic() > deadline),
                                                PROGRESS_STEPS)
            try:
                yield self._conn
            finally:
                if limit is not None and not own:
                    self._conn.set_progress_handler(None, 0)

    def _read_failure(self, exc: sqlite3.Error) -> StoreError:
        """The store's error for a failed read: QueryTimeout when the time limit stopped it."""
        if isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted" \
                and not self._closing:
            return QueryTimeout(f"a read of the embedded store ran past {self.query_timeout:g} s "
                                "(ENFORCEGRAPH_QUERY_TIMEOUT) and was stopped")
        return StoreError(f"embedded store query failed: {exc}")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._reading() as conn:
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._read_failure(exc) from exc

    def generation(self) -> int:
        """A counter bumped by every committed change (by any process); cheap, and it
        does not wait for queries running on other threads."""
        with self._peek_lock:
            try:
                return self._generation_on(self._peek)
            except sqlite3.Error as exc:
                raise StoreError(f"embedded store query failed: {exc}") from exc

    @staticmethod
    def _generation_on(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _node(row: tuple[Any, ...]) -> Node:
        return Node(row[0], row[1], orjson.loads(row[2]))

    @staticmethod
    def _rel(row: tuple[Any, ...]) -> Relationship:
        return Relationship(row[0], row[1], row[2], row[3], row[4], orjson.loads(row[5]))

    # -- writing --------------------------------------------------------------
    @contextmanager
    def write_rows(self) -> Iterator[SqlRows]:
        rows = SqlRows(self._conn, self.model)
        with self._transaction():
            yield rows
            if rows.changed:
                self._bump_generation()
        if rows.changed:
            self._committed()

    def judgements(self) -> list[Judgement]:
        found = self._query("SELECT canonical, other, verdict, by, at, why FROM judgements "
                            "ORDER BY at, rowid")
        return [Judgement(*row) for row in found]

    def records(self, ids: Iterable[str]) -> dict[str, list[Assertion]]:
        wanted = list(dict.fromkeys(ids))
        with self._reading() as conn:
            rows = SqlRows(conn, self.model)
            try:
                found = rows.read_nodes([i for i in wanted if "->" not in i])
                found.update(rows.read_relationships([i for i in wanted if "->" in i]))
            except sqlite3.Error as exc:
                raise self._read_failure(exc) from exc
        return {row_id: row.record for row_id, row in found.items()}

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; on any failure it is rolled back, and a rollback that
        fails too (SQLite has already undone a failed COMMIT) never hides the first error."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                self._writer_thread = threading.get_ident()
                yield
                sqlfulltext.flush(self._conn)  # the full-text index in step
                sqlcounts.refresh(self._conn, date.today().isoformat())  # counts in step
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(write_failure(self.path, exc)) from exc
                raise
            finally:
                self._writer_thread = None

    def _committed(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.request()

    def settle(self) -> None:
        """Wait until committed changes are copied from the WAL into the main file (for
        readers of the file's bytes: tests, copies)."""
        if self._checkpointer is not None:
            self._checkpointer.settle()

    def _bump_generation(self) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def delete(self, node_ids: Iterable[str]) -> int:
        ids = sorted(set(node_ids))
        deleted = 0
        with self._transaction():
            for chunk in chunks(ids):
                params = marks(len(chunk))
                gone = [row[0] for row in self._conn.execute(
                    f'SELECT id FROM rels WHERE start IN ({params}) OR "end" IN ({params})',
                    [*chunk, *chunk])]
                sqlcounts.removed(self._conn, "rels", gone)
                sqlcounts.note_relationships(self._conn, gone)
                sqlcounts.removed(self._conn, "nodes", chunk)
                sqlcounts.note_nodes(self._conn, ((i, None) for i in chunk))
                sqlfulltext.note(self._conn, chunk)
                self._conn.execute(
                    f'DELETE FROM rels WHERE start IN ({params}) OR "end" IN ({params})',
                    [*chunk, *chunk],
                )
                self._conn.execute(f"DELETE FROM names WHERE id IN ({params})", chunk)
                cursor = self._conn.execute(f"DELETE FROM nodes WHERE id IN ({params})", chunk)
                deleted += cursor.rowcount
            if deleted:
                self._bump_generation()
        self._committed()
        return deleted

    def clear(self) -> None:
        with self._transaction():
            for table in ("rels", "names", "nodes", "judgements", *sqlcounts.TABLES):
                self._conn.execute(f"DELETE FROM {table}")
            for notes in ("dirty", "pcdirty"):
                self._conn.execute(f"DELETE FROM temp.{notes}")
            sqlfulltext.forget_all(self._conn)
            self._bump_generation()
        self._committed()

    # -- reading --------------------------------------------------------------
    def get_many(self, node_ids: Iterable[str]) -> dict[str, Node]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, Node] = {}
        for chunk in chunks(ids):
            sql = f"SELECT id, label, props FROM nodes WHERE id IN ({marks(len(chunk))})"
            for row in self._query(sql, chunk):
                found[row[0]] = self._node(row)
        return found

    def lookup_labels(self, node_ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, str] = {}
        for chunk in chunks(ids):
            sql = f"SELECT id, label FROM nodes WHERE id IN ({marks(len(chunk))})"
            found.update({row[0]: row[1] for row in self._query(sql, chunk)})
        return found

    def relationships_of(
        self,
        node_ids: Iterable[str],
        types: Sequence[str] | None = None,
        direction: Direction = "both",
        limit: int | None = None,
    ) -> list[Relationship]:
        for rel_type in types or ():
            self.model.relationship(rel_type)
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, Relationship] = {}
        ends = {"out": ["start"], "in": ['"end"'], "both": ["start", '"end"']}[direction]
        if limit is not None:
            return self._first_relationships(ids, types or [], ends, limit)
        type_sql = f" AND type IN ({marks(len(types))})" if types else ""
        for chunk in chunks(ids):
            for end in ends:
                sql = (
                    f'SELECT id, type, start, "end", key, props FROM rels '
                    f"WHERE {end} IN ({marks(len(chunk))}){type_sql}"
                )
                for row in self._query(sql, [*chunk, *(types or [])]):
                    found[row[0]] = self._rel(row)
        return [found[k] for k in sorted(found)]

    def _first_relationships(self, ids: list[str], types: Sequence[str], ends: list[str],
                             limit: int) -> list[Relationship]:
        """Each node's first ``limit`` relationships by id, through the (end, type, id)
        indexes (graph/backends/sqltraversals.py)."""
        if limit <= 0:
            return []
        mine: dict[str, dict[str, Relationship]] = {i: {} for i in ids}
        for end in ends:
            sql = first_relationships_sql(end, len(types))
            for chunk in chunks(ids):
                for row in self._query(sql, [orjson.dumps(chunk).decode(), *types, limit]):
                    rel = self._rel(row)
                    mine[rel.start if end == "start" else rel.end][rel.id] = rel
        found = {k: rels[k] for rels in mine.values() for k in sorted(rels)[:limit]}
        return [found[k] for k in sorted(found)]

    def _where(self, label: str, filters: Sequence[PropertyFilter]) -> tuple[str, list[Any]]:
        self.model.label(label)  # a name of the model (SchemaError otherwise): written as is,
        clauses: list[str] = [f"label = '{label}'"]  # so the kept partial indexes apply
        params: list[Any] = []
        for flt in filters:
            self.check_filter(label, flt)
            path = "$." + flt.property
            column = "id" if flt.property == "id" else f"json_extract(props, '{path}')"
            spec = self.model.label(label).properties.get(flt.property)
            is_list = flt.property == "sources" or (spec is not None and spec.is_list)
            sql, values = condition(column, flt, f"json_each(props, '{path}')" if is_list else None)
            clauses.append(sql)
            params += values
        return " AND ".join(clauses), params

    def find(
        self,
        label: str,
        filters: Sequence[PropertyFilter] = (),
        *,
        order_by: str = "id",
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> list[Node]:
        self.check_order(label, order_by)
        where, params = self._where(label, filters)
        direction = "DESC" if descending else "ASC"
        key = "id" if order_by == "id" else f"json_extract(props, '$.{order_by}')"
        order = f"({key} IS NULL), {key} {direction}, id {direction}"
        if after is not None:  # keyset: from the index position after the key
            value, last = find_seek(after, label, order_by)
            past = "<" if descending else ">"
            if order_by == "id":
                where, order = f"{where} AND id {past} ?", f"id {direction}"
                params.append(last)
            elif value is None:  # the nodes without a value come last, by id
                where += f" AND {key} IS NULL AND id {past} ?"
                params.append(last)
            else:
                where += f" AND ({key} IS NULL OR ({key}, id) {past} (?, ?))"
                params += [value, last]
            offset = 0
        elif order_by == "id":
            order = f"id {direction}"  # ids are never null: the index order
        hint = self._page_index(label, filters, order_by == "id",
                                None if limit is None else offset + limit)
        sql = f"SELECT id, label, props FROM nodes{hint} WHERE {where} ORDER BY {order}"
        sql += " LIMIT ? OFFSET ?"
        if order_by == "id" and hint and not hint.endswith(sqlpropindexes.LABEL_INDEX):
            # a value index's range: sort its ids (the index holds them), then read the page
            # (4-8x faster than sorting whole rows when the range is not in id order)
            ids = sql.replace("SELECT id, label, props", "SELECT id", 1)
            sql = f"SELECT id, label, props FROM nodes WHERE id IN ({ids}) ORDER BY {order}"
        params += [-1 if limit is None else limit, offset]
        return [self._node(row) for row in self._query(sql, params)]

    def _page_index(self, label: str, filters: Sequence[PropertyFilter], by_id: bool,
                    rows_wanted: int | None) -> str:
        """``INDEXED BY`` the cheapest way to the rows, as the kept counts tell it
        (graph/backends/sqlpropindexes.py), or nothing (SQLite's own plan)."""
        if not filters or any(f.property == "id" for f in filters):
            return ""  # ids: the primary key
        meta = dict(self._query(sqlcounts.META_SQL))
        kept = meta.get(sqlpropcounts.META_KEY)
        if kept is None or not sqlcounts.ready(list(meta.items()), None, ""):
            return ""
        selected: dict[str, int] = {}
        ordered: dict[str, bool] = {}
        for prop in dict.fromkeys(f.property for f in filters):
            usable = [f for f in filters if f.property == prop and f.op in sqlpropindexes.INDEXED_OPS
                      and (f.op != "in" or list(f.value))]  # "in nothing": no range to read
            counted = sqlpropcounts.count_sql(self.model, label, usable, kept) if usable else None
            if counted is not None:
                selected[prop] = int(self._query(*counted)[0][0])
                ordered[prop] = len(usable) == 1 and usable[0].op == "eq"
        if not selected:
            return ""
        names = [sqlpropindexes.LABEL_INDEX, *(sqlpropindexes.index_for(label, p) for p in selected)]
        present = {str(row[0]) for row in self._query(
            f"SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ({marks(len(names))})",
            names)}
        total = self._query("SELECT n FROM counts WHERE kind = 'label' AND name = ?", [label])
        choice = sqlpropindexes.choose(label, selected, ordered, int(total[0][0]) if total else 0,
                                       rows_wanted, by_id, present)
        return "" if choice is None else f" INDEXED BY {choice}"

    def count(self, label: str, filters: Sequence[PropertyFilter] = ()) -> int:
        return self.count_at_most(label, filters, None)[0]

    def count_at_most(self, label: str, filters: Sequence[PropertyFilter] = (),
                      cap: int | None = None) -> tuple[int, bool]:
        where, params = self._where(label, filters)
        meta = dict(self._query(sqlcounts.META_SQL))
        if sqlcounts.ready(list(meta.items()), None, ""):  # kept in step with writes
            if not filters:
                rows = self._query("SELECT n FROM counts WHERE kind = 'label' AND name = ?", [label])
                return (int(rows[0][0]) if rows else 0), False
            kept = sqlpropcounts.count_sql(self.model, label, filters, meta.get(sqlpropcounts.META_KEY))
            if kept is not None:
                return int(self._query(*kept)[0][0]), False
        # several properties: the index of the one reading fewest, or the label until cap + 1
        hint = self._page_index(label, filters, True, None if cap is None else cap + 1)
        if cap is None or any(f.property == "id" for f in filters):  # ids: an index lookup each
            sql = f"SELECT count(*) FROM nodes{hint} WHERE {where}"
            return int(self._query(sql, params)[0][0]), False
        sql = f"SELECT count(*) FROM (SELECT 1 FROM nodes{hint} WHERE {where} LIMIT ?)"
        found = int(self._query(sql, [*params, cap + 1])[0][0])
        return min(found, cap), found > cap

    def search(
        self, text: str, labels: Sequence[str] | None = None, limit: int = 20
    ) -> list[Node]:
        for label in labels or ():
            self.model.label(label)
        norm = normalize_name(text)
        if not norm:
            return []
        label_sql = f" AND label IN ({marks(len(labels))})" if labels else ""
        sql = (
            "SELECT id, min(CASE WHEN norm = ? THEN 0 WHEN norm LIKE ? THEN 1 "
            "WHEN norm LIKE ? THEN 2 ELSE 3 END) AS rank FROM names "
            f"WHERE (instr(norm, ?) > 0 OR id = ?){label_sql} "
            "GROUP BY id ORDER BY rank, length(min(norm)), id LIMIT ?"
        )
        params: list[Any] = [norm, norm + "%", "% " + norm + "%", norm, text.strip()]
        rows = self._query(sql, [*params, *(labels or []), limit])
        by_id = [row[0] for row in rows]
        exact = self.get_many([text.strip()])
        if exact and text.strip() not in by_id:
            node = exact[text.strip()]
            if not labels or node.label in labels:
                by_id.insert(0, node.id)
        nodes = self.get_many(by_id)
        return [nodes[i] for i in by_id if i in nodes][:limit]

    def full_text_hits(
        self, terms: Sequence[str], name: str, labels: Sequence[str] | None, limit: int,
        offset: int, most: int,
    ) -> tuple[list[tuple[Node, float]], int, bool]:
        wanted = list(labels or [])
        candidates = sqlfulltext.candidates_sql(labels)
        try:
            with self._reading() as conn:
                try:
                    first: list[tuple[Any, ...]] | None = None
                    if len(terms[-1]) > 2:  # a whole word is a stream: enough of them, done
                        whole = sqlfulltext.match_expression(terms, prefix=False)
                        first = conn.execute(candidates, [whole, *wanted, most + 1]).fetchall()
                        if len(first) <= most:  # the prefix, from its two letters' list
                            first = sqlfulltext.prefix_candidates(conn, terms, wanted, most)
                    if first is None:  # the matches up to the bound, in index order
                        match = sqlfulltext.match_expression(terms)
                        first = conn.execute(candidates, [match, *wanted, most + 1]).fetchall()
                    total = min(len(first), most)
                    if not total:
                        return [], 0, False
                    ranked = orjson.dumps([row[0] for row in first[:total]]).decode()
                    rows = conn.execute(sqlfulltext.content_sql, [ranked]).fetchall()
                    counts = [int(conn.execute(sqlfulltext.term_count_sql, [
                        sqlfulltext.match_expression([term], prefix=False),
                        sqlfulltext.DF_COUNTED]).fetchone()[0]) for term in terms]
                    rows_in_all, average = sqlfulltext.row_count(conn)
                    named = {row[0] for row in conn.execute(
                        "SELECT id FROM names WHERE norm = ?", [name])}
                except sqlite3.Error as exc:
                    raise self._read_failure(exc) from exc
        except StoreError as exc:
            if "no such table: fulltext" in str(exc):
                raise StoreError(f"the store at {self.path} has no full-text index yet: open it "
                                 "once for writing (any `enforcegraph load`) to build it") from exc
            raise
        scores = sqlfulltext.bm25(rows, terms, counts, rows_in_all, average)
        order = sorted(scores, key=lambda i: (i not in named, -scores[i], i))[offset : offset + limit]
        nodes = self.get_many(order)
        return [(nodes[i], scores[i]) for i in order if i in nodes], total, len(first) > most

    def kept_counts(self, flt: Any = None) -> bool:
        """Whether the counts kept in step with writes (graph/backends/sqlcounts.py) can
        answer: of nodes and relationships, or (``flt``) of the headline's rows."""
        return sqlcounts.ready(self._query(sqlcounts.META_SQL), flt, date.today().isoformat())

    def stats(self) -> StoreStats:
        if self.kept_counts():
            kept = self._query("SELECT kind, name, n FROM counts WHERE n > 0")
            return StoreStats(nodes={str(k): int(v) for t, k, v in kept if t == "label"},
                              relationships={str(k): int(v) for t, k, v in kept if t == "type"})
        nodes = dict(self._query("SELECT label, count(*) FROM nodes GROUP BY label"))
        rels = dict(self._query("SELECT type, count(*) FROM rels GROUP BY type"))
        return StoreStats(nodes={str(k): int(v) for k, v in nodes.items()},
                          relationships={str(k): int(v) for k, v in rels.items()})

    def iter_nodes(self, label: str | None = None) -> Iterator[Node]:
        after = ""
        while True:
            sql = "SELECT id, label, props FROM nodes WHERE id > ?"
            sql += " AND label = ?" if label else ""
            rows = self._query(sql + " ORDER BY id LIMIT 5000", [after, label] if label else [after])
            yield from (self._node(row) for row in rows)
            if len(rows) < 5000:
                return
            after = rows[-1][0]

    def iter_relationships(self, rel_type: str | None = None) -> Iterator[Relationship]:
        # the ids of one type are one range of the primary key
        after, high = relationship_id_range(rel_type) if rel_type else ("", None)
        first = True
        while True:
            sql = f'SELECT id, type, start, "end", key, props FROM rels WHERE id {">=" if first else ">"} ?'
            sql += " AND id < ?" if high else ""
            params = [after, high] if high else [after]
            rows = self._query(sql + " ORDER BY id LIMIT 5000", params)
            yield from (self._rel(row) for row in rows)
            if len(rows) < 5000:
                return
            after, first = rows[-1][0], False

    def view(self) -> nx.MultiDiGraph:
        """The whole graph as NetworkX, rebuilt only when the store has changed (read-only)."""
        generation = self.generation()
        if self._view is None or generation != self._view_generation:
            self._view = super().to_networkx()
            self._view_generation = generation
        return self._view

    def adjacency(self, graph: nx.MultiDiGraph | None = None) -> Adjacency:
        """The entity network's numeric adjacency, read from the rows (``graph`` is not
        needed) in one snapshot and kept until the store's generation changes."""
        from enforcegraph.graph.store.adjacency import build_adjacency

        kept = self._adjacency
        if kept is not None and kept[0] == self.generation():
            return kept[1]
        # the whole graph, built once per change of the data: not cut off by the time limit
        with self._reading(timeout=None) as conn:
            try:
                conn.execute("BEGIN")
                try:
                    generation = self._generation_on(conn)
                    nodes = conn.execute("SELECT id, label FROM nodes")
                    ends = conn.execute('SELECT start, "end" FROM rels')
                    built = build_adjacency(nodes, ends)
                finally:
                    conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"embedded store read failed: {exc}") from exc
        self._adjacency = (generation, built)
        return built

    def to_networkx(
        self,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
    ) -> nx.MultiDiGraph:
        if labels or types:
            return super().to_networkx(labels, types)
        return self.view().copy()

    @property
    def reads_inline(self) -> bool:
        """A file store's reads inline get a connection of their own, stopped at the
        deadline (graph/backends/sqlreaders.py), once its readers have one open; an
        in-memory store's share one lock."""
        return self._readers is not None and self._readers.inline_ready

    def traversals(self) -> EmbeddedTraversals:
        """The catalogue, with the headline query paged through SQL."""
        return EmbeddedTraversals(self)

    def ping(self) -> None:
        """Read the schema and the first page of each table: bounded, and a corrupt file
        fails it; on the peek connection, so it never waits for a long query."""
        with self._peek_lock:
            try:
                self._peek.execute(
                    "SELECT (SELECT count(*) FROM sqlite_master),"
                    " (SELECT 1 FROM nodes LIMIT 1), (SELECT 1 FROM rels LIMIT 1),"
                    " (SELECT 1 FROM names LIMIT 1), (SELECT 1 FROM meta LIMIT 1)"
                ).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"embedded store check failed: {exc}") from exc

    def close(self) -> None:
        self._closing = True
        if self._readers is not None:
            self._readers.close()
        if self._checkpointer is not None:
            self._checkpointer.close()
        with self._lock:
            self._conn.close()
        with self._peek_lock:
            self._peek.close()
