"""Nodes counted by label and property value, kept in step with the embedded store's writes.

``pc`` holds, per label and per property a filter may ask by equality or range (the
single-valued properties of a kind with few values: :func:`kept_properties`, derived from
the model), how many nodes have each value (the value NULL: how many have none). A
filtered ``count`` whose conditions all read one such property (``country = 'FR'``,
``kind in [...]``, ``date >= '2020'``, ``status != 'final'``, ``exists``) is then a sum of
the kept rows the same SQL condition (graph/backends/sqlfilters.py) selects, read from a
few rows instead of every node of the label.

In a write transaction the writer notes each node before it changes or goes
(:func:`note`: its stored values are taken off the counts, once per transaction) and
each new one after it is inserted; :func:`refresh`, before the commit, adds the noted
nodes' values as they stand then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from enforcegraph.graph.backends.keptnotes import kept_properties
from enforcegraph.graph.backends.sqlfilters import condition
from enforcegraph.graph.store.base import PropertyFilter
from enforcegraph.schema.model import Model

__all__ = ["META_KEY", "TABLE", "count_sql", "install", "note", "rebuild", "refresh"]

TABLE = "pc"
META_KEY = "pc_properties"  # meta: the kept properties, as 'Label.property' by commas
_CHUNK = 500
_DDL = f"CREATE TABLE IF NOT EXISTS {TABLE}(l,p,k,v,n,PRIMARY KEY(l,p,k))WITHOUT ROWID"
# the values of the noted (or every) node, by label, property and value: l label, p
# property, k the value quoted (one key per value and type; 'NULL' for none), v the value
_VALUES = """
INSERT INTO pc(l, p, k, v, n)
SELECT n.label, x.p, quote(json_extract(n.props, x.path)), json_extract(n.props, x.path), {sign}count(*)
FROM {source} JOIN temp.pcprops x ON x.l = n.label WHERE {where} GROUP BY 1, 2, 3
ON CONFLICT(l, p, k) DO UPDATE SET n = n + excluded.n
"""


def _listed(model: Model) -> str:
    return ",".join(f"{label}.{p}" for label, props in sorted(kept_properties(model).items())
                    for p in props)


def install(conn: sqlite3.Connection, model: Model) -> bool:
    """Create the table and the writing connection's temporary ones; True when the kept
    rows must be built (new, or the model now keeps other properties)."""
    conn.execute(_DDL)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pcdirty (id TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("DROP TABLE IF EXISTS temp.pcprops")
    conn.execute("CREATE TEMP TABLE pcprops (l TEXT, p TEXT, path TEXT, PRIMARY KEY(l, p))")
    conn.executemany("INSERT INTO temp.pcprops VALUES(?, ?, ?)",
                     [(label, p, f"$.{p}") for label, props in kept_properties(model).items()
                      for p in props])
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return found is None or found[0] != _listed(model)


def rebuild(conn: sqlite3.Connection, model: Model) -> None:
    """Count every node again (inside the caller's transaction)."""
    conn.execute(f"DELETE FROM {TABLE}")
    conn.execute("DELETE FROM temp.pcdirty")
    conn.execute(_VALUES.format(sign="", source="nodes n", where="true"))
    conn.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE "
                 "SET value = excluded.value", (META_KEY, _listed(model)))


def note(conn: sqlite3.Connection, ids: Iterable[str], stored: bool = True) -> None:
    """Note nodes about to be written or deleted (``stored``: their stored values leave the
    counts now, the first time in a transaction) or just inserted (``stored`` False)."""
    wanted = list(dict.fromkeys(ids))
    for at in range(0, len(wanted), _CHUNK):
        chunk = wanted[at : at + _CHUNK]
        if stored:
            marks = ",".join("?" * len(chunk))
            seen = {row[0] for row in conn.execute(
                f"SELECT id FROM temp.pcdirty WHERE id IN ({marks})", chunk)}
            chunk = [i for i in chunk if i not in seen]
            if not chunk:
                continue
            conn.execute(_VALUES.format(sign="-", source="nodes n",
                                        where=f"n.id IN ({','.join('?' * len(chunk))})"), chunk)
        conn.executemany("INSERT OR IGNORE INTO temp.pcdirty VALUES(?)", [(i,) for i in chunk])


def refresh(conn: sqlite3.Connection) -> None:
    """Add the noted nodes' values as they stand (inside the caller's transaction) and
    forget the notes."""
    if conn.execute("SELECT 1 FROM temp.pcdirty LIMIT 1").fetchone() is None:
        return
    conn.execute(_VALUES.format(sign="", source="temp.pcdirty d CROSS JOIN nodes n ON n.id = d.id",
                                where="true"))
    conn.execute(f"DELETE FROM {TABLE} WHERE n = 0")
    conn.execute("DELETE FROM temp.pcdirty")


def count_sql(model: Model, label: str, filters: Sequence[PropertyFilter],
              kept: str | None) -> tuple[str, list[Any]] | None:
    """The count of ``label``'s nodes matching every filter from the kept rows, or None
    when they cannot say (filters on several properties, on one not kept, or on the id).
    ``kept``: the meta value :data:`META_KEY` of the store (what it keeps)."""
    names = {f.property for f in filters}
    if len(names) != 1 or kept is None:
        return None
    (name,) = names
    if f"{label}.{name}" not in kept.split(","):
        return None
    clauses, params = ["l = ?", "p = ?"], [label, name]
    for flt in filters:
        sql, values = condition("v", flt)
        clauses.append(sql)
        params += values
    return f"SELECT coalesce(sum(n), 0) FROM {TABLE} WHERE {' AND '.join(clauses)}", params
