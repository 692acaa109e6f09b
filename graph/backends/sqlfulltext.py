"""Full-text search in the embedded store: an SQLite FTS5 table kept in step by triggers.

``fulltext`` holds, per node, its id and label and the words of its names and of its text
(graph/store/fulltext.py says which and how they are folded). It is kept in step inside
the writing transaction itself, whatever wrote the rows (a load, a merge or split, a
delete, a clear), so it can never disagree with a committed store: the writer notes the
ids of the nodes it writes or deletes in ``fulltext_dirty`` (:func:`note`), and
:func:`flush`, run by the store just before each COMMIT, re-indexes them in four set
statements. (Triggers on ``nodes`` did this before: a trigger makes SQLite open a
statement savepoint per row, whose cost grows with the transaction, so a load slowed
down batch after batch: 40,000 synthetic firms took 26 s, 9 s without.) Its rowids come
from ``fulltext_ids`` (an INTEGER PRIMARY KEY, which VACUUM keeps), one per node id.

A search ranks at most ``most`` matches (graph/store/fulltext.py, ``MAX_RANKED``): the
first ``most`` + 1 rowids of the match (:func:`candidates_sql`, in rowid order, so FTS5
stops there) say how many there are up to that bound and which are ranked. Prefix
indexes of one and two characters (``prefix``) let a type-ahead "s" or "sy" read one
list instead of merging the lists of every word it begins; a longer last term is first
asked as a whole word, which FTS5 reads as a stream and stops: when more than ``most``
nodes hold it so, those are the ranked ones; otherwise its matches are read as a stream of
its first two letters' list, filtered by the words (:func:`prefix_candidates`), and only
when that list holds too few does FTS5 answer the prefix query itself (one of three
letters or more first merges the whole lists of every word it begins: 25-90 ms at 1.1M).

The ranked matches are scored here (:func:`bm25`), from their indexed words (read by
rowid), not by FTS5's ``bm25()``: that one counts, for every query, the nodes holding
each term by reading the term's whole list (45-50 ms for a word 1.1M nodes hold, every
query). The formula is FTS5's (k1 1.2, b 0.75, a term in the names weighing
``NAME_WEIGHT``, lengths against the index's average row), with one bound: a term's node
count is counted up to :data:`DF_COUNTED` (a term held by more counts as held by that
many), and the last term's is that of the whole word.

:func:`flush` calls a function of this module, registered on the writer's connection;
:func:`install` creates the tables (and drops the triggers of older stores), and fills
them from the nodes, when a
store is opened for writing and has none yet (a store from before) or was indexed for
other searched properties (model.yaml changed). Readers only query it.
"""

from __future__ import annotations

import hashlib
import logging
import math
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import orjson

from enforcegraph.graph.store.fulltext import NAME_WEIGHT, field_texts
from enforcegraph.schema.errors import StoreError
from enforcegraph.schema.model import Model

__all__ = ["DF_COUNTED", "STREAM_FACTOR", "bm25", "candidates_sql", "content_sql", "flush",
           "forget_all", "install", "match_expression", "note", "prefix_candidates", "register",
           "row_count", "term_count_sql"]

log = logging.getLogger(__name__)

VERSION = "5"  # bump when what is indexed, or how it is kept, changes in code
_FUNCTION = "enforcegraph_fulltext"
_SCHEMA = """
CREATE TABLE fulltext_ids (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE TABLE fulltext_dirty (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE fulltext USING fts5(id UNINDEXED, label UNINDEXED, names, body,
                                         tokenize = 'unicode61 remove_diacritics 0',
                                         prefix = '1 2');
"""
_FLUSH = (
    "DELETE FROM fulltext WHERE rowid IN "
    "(SELECT f.rowid FROM fulltext_dirty d JOIN fulltext_ids f ON f.id = d.id)",
    "DELETE FROM fulltext_ids WHERE id IN (SELECT d.id FROM fulltext_dirty d "
    "WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = d.id))",
    "INSERT INTO fulltext_ids(id) SELECT d.id FROM fulltext_dirty d JOIN nodes n ON n.id = d.id "
    "WHERE NOT EXISTS (SELECT 1 FROM fulltext_ids f WHERE f.id = d.id) ORDER BY d.id",
    "INSERT INTO fulltext(rowid, id, label, names, body) SELECT f.rowid, n.id, n.label, "
    f"{_FUNCTION}(n.label, n.props, 0), {_FUNCTION}(n.label, n.props, 1) "
    "FROM fulltext_dirty d JOIN nodes n ON n.id = d.id JOIN fulltext_ids f ON f.id = n.id",
    "DELETE FROM fulltext_dirty",
)
_DROP = """
DROP TABLE IF EXISTS fulltext_dirty;
DROP TRIGGER IF EXISTS fulltext_insert;
DROP TRIGGER IF EXISTS fulltext_update;
DROP TRIGGER IF EXISTS fulltext_delete;
DROP TABLE IF EXISTS fulltext;
DROP TABLE IF EXISTS fulltext_ids;
"""


def _signature(model: Model) -> str:
    """What the index was built for: the searched properties of every label."""
    searched = {name: [spec.name_properties, spec.text_properties]
                for name, spec in sorted(model.labels.items())}
    return VERSION + ":" + hashlib.sha256(orjson.dumps(searched)).hexdigest()[:16]


def _texts(model: Model) -> Any:
    @lru_cache(maxsize=4)  # the trigger asks twice per row (names, then text)
    def both(label: str, props: str) -> tuple[str, str]:
        spec = model.labels.get(label)
        return field_texts(spec, orjson.loads(props)) if spec else ("", "")

    def one(label: str, props: str, which: int) -> str:
        return both(label, props)[which]

    return one


def register(conn: sqlite3.Connection, model: Model) -> None:
    """Register the triggers' function on a connection that writes nodes."""
    conn.create_function(_FUNCTION, 3, _texts(model), deterministic=True)


def note(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Note nodes written or deleted in this transaction, for :func:`flush`."""
    conn.executemany("INSERT OR IGNORE INTO fulltext_dirty(id) VALUES(?)", [(i,) for i in ids])


def forget_all(conn: sqlite3.Connection) -> None:
    """Empty the index (the store is being cleared)."""
    for table in ("fulltext", "fulltext_ids", "fulltext_dirty"):
        conn.execute(f"DELETE FROM {table}")


def flush(conn: sqlite3.Connection) -> None:
    """Re-index the nodes written in this transaction (the writer calls it before COMMIT;
    a store without the index has nothing to do)."""
    try:
        if conn.execute("SELECT 1 FROM fulltext_dirty LIMIT 1").fetchone() is None:
            return
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return
        raise
    for statement in _FLUSH:
        conn.execute(statement)


def install(conn: sqlite3.Connection, model: Model) -> None:
    """Register the triggers' function on this writer's connection; create and fill the
    index if it is missing or was built for other searched properties (one transaction)."""
    register(conn, model)
    signature = _signature(model)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'fulltext'").fetchone()
    except sqlite3.DatabaseError as exc:  # a damaged file: its reads will say so, as before
        log.warning("full-text index not checked: %s", exc)
        return
    if row is not None and row[0] == signature:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        for statement in _split(_DROP + _SCHEMA):
            conn.execute(statement)
        conn.execute("INSERT INTO fulltext_ids(id) SELECT id FROM nodes ORDER BY id")
        conn.execute(
            f"INSERT INTO fulltext(rowid, id, label, names, body) SELECT f.rowid, n.id, n.label, "
            f"{_FUNCTION}(n.label, n.props, 0), {_FUNCTION}(n.label, n.props, 1) "
            "FROM nodes n JOIN fulltext_ids f ON f.id = n.id"
        )
        conn.execute("INSERT INTO meta(key, value) VALUES('fulltext', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (signature,))
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot build the full-text index: {exc}") from exc


def _split(script: str) -> list[str]:
    """The statements of a script (triggers' bodies kept whole)."""
    out: list[str] = []
    current = ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


def match_expression(terms: Sequence[str], prefix: bool = True) -> str:
    """An FTS5 query: every term, the last also as a prefix unless not ``prefix`` (terms
    are folded words; quoted all the same)."""
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    if prefix:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def _label_sql(labels: Sequence[str] | None) -> str:
    return f" AND fulltext.label IN ({', '.join('?' * len(labels))})" if labels else ""


def candidates_sql(labels: Sequence[str] | None) -> str:
    """The rowids of the first matches in index order: parameters are the match, the labels
    and how many (the most ranked + 1, to tell whether there are more)."""
    return (f"SELECT rowid FROM fulltext WHERE fulltext MATCH ?{_label_sql(labels)} "
            "ORDER BY rowid LIMIT ?")


def prefix_candidates(conn: sqlite3.Connection, terms: Sequence[str], labels: Sequence[str],
                      most: int) -> list[tuple[Any, ...]] | None:
    """The first ``most`` + 1 matches (rowids, in index order) of ``terms`` whose last one
    (three letters or more) is a prefix, read as a stream of its first two letters' prefix
    list (FTS5 keeps it: ``prefix``) and filtered by the words; None when that list holds
    too few (under one in ``STREAM_FACTOR`` of the rows read, once ``most`` + 1 are read):
    ask FTS5 for the prefix then (it merges the whole lists of the words it begins)."""
    last = terms[-1]
    match = match_expression([*terms[:-1], last[:2]])
    bound = STREAM_FACTOR * (most + 1)
    sql = (f"SELECT rowid, names, body FROM fulltext WHERE fulltext MATCH ?{_label_sql(labels)} "
           "ORDER BY rowid LIMIT ?")
    found: list[tuple[Any, ...]] = []
    read = 0
    for rowid, names, body in conn.execute(sql, [match, *labels, bound]):
        read += 1
        if any(word.startswith(last) for word in f"{names} {body}".split()):
            found.append((rowid,))
            if len(found) > most:
                return found
        elif read > most and len(found) * STREAM_FACTOR < read:
            return None
    return found if read < bound else None


STREAM_FACTOR = 4  # rows of a two-letter list read per match found, at most
DF_COUNTED = 10_000  # a term's nodes are counted up to this many for its weight
_K1, _B = 1.2, 0.75  # FTS5's bm25 constants

# the rowid, id, names and text of the ranked matches, given as a JSON list of rowids
content_sql = ("SELECT rowid, id, names, body FROM fulltext "
               "WHERE rowid IN (SELECT value FROM json_each(?))")
# how many nodes hold a term (an FTS5 query), counted up to a bound
term_count_sql = "SELECT count(*) FROM (SELECT 1 FROM fulltext WHERE fulltext MATCH ? LIMIT ?)"
_AVERAGES_SQL = "SELECT block FROM fulltext_data WHERE id = 1"


def row_count(conn: sqlite3.Connection) -> tuple[int, float]:
    """The index's rows and average words a row, from FTS5's averages record (the rows, then
    each column's words, as SQLite varints)."""
    row = conn.execute(_AVERAGES_SQL).fetchone()
    values: list[int] = []
    blob = bytes(row[0]) if row and row[0] is not None else b""
    at = 0
    while at < len(blob):
        value = 0
        for step in range(9):
            byte = blob[at]
            at += 1
            if step == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    rows = values[0] if values else 0
    return rows, (sum(values[1:]) / rows if rows else 0.0)


def bm25(rows: Iterable[tuple[Any, ...]], terms: Sequence[str], counts: Sequence[int],
         total: int, average: float) -> dict[str, float]:
    """Node id -> score (higher is better) of the ``rows`` of :data:`content_sql`: FTS5's
    bm25 of every term (the last also as a prefix) with ``counts`` nodes holding each,
    ``total`` rows and ``average`` words a row."""
    weights = []
    for held in counts:
        idf = math.log((total - held + 0.5) / (held + 0.5)) if total else 0.0
        weights.append(idf if idf > 0 else 1e-6)
    last = len(terms) - 1
    scores: dict[str, float] = {}
    for _, node_id, names, body in rows:
        in_names, in_body = str(names).split(), str(body).split()
        size = len(in_names) + len(in_body)
        norm = _K1 * (1 - _B + _B * size / average) if average else _K1
        score = 0.0
        for i, term in enumerate(terms):
            if i == last:
                found = (NAME_WEIGHT * sum(w.startswith(term) for w in in_names)
                         + sum(w.startswith(term) for w in in_body))
            else:
                found = NAME_WEIGHT * in_names.count(term) + in_body.count(term)
            score += weights[i] * found * (_K1 + 1) / (found + norm)
        scores[str(node_id)] = score
    return scores
