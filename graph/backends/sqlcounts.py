"""Counts the embedded store keeps in step with its writes, in the writer's transaction.

Derived tables, never written by hand:

- ``counts``: nodes per label and relationships per type (``stats``, an unfiltered
  ``totalCount``), moved by every insert and delete (:func:`add`, :func:`removed`);
- ``hl`` (the headline's rows): one row per candidate headline row (decision, sanction, target firm,
  once per issuing regulator), with what the headline's filters ask of it (the shown
  regulator's country, whether that country was in the EU at the decision date, the
  floor of the date) and its class at the decision date and today: 0 established in the
  EU, 1 located and not established (``sanctions-without-eu-establishment``), 2 not
  located (``sanctions-with-unknown-establishment``). The classes are the catalogue's own
  SQL conditions (graph/backends/sqltraversals.py), so a count here is the count there;
- ``hls`` (their sums): those rows counted by every column a filter other than the dates
  reads, so such a count adds up a few rows however large the store;
- ``hlm`` (their sums by month): the same, by the month of the date's floor as well, so a
  count with dates adds up the whole months between its ends and counts rows only in its
  two edge months (one index range each);
- ``pc``: nodes counted by label and the value of each property a filter may ask by
  equality or range (graph/backends/sqlpropcounts.py).

The rows' writer (graph/backends/sqlrows.py) notes which decisions, sanctions, firms
and regulators a transaction touched (in a TEMP table of the writing connection: a
trigger per row cost a tenth of the load's time); before it commits,
:func:`refresh` recomputes the headline rows of the decisions those reach (a
jurisdiction or an EU membership touched recomputes them all) and moves the sums by
what left and what came. A count is then a sum of a few rows, or (with dates) one
index range per edge month; a page is one index range.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from enforcegraph.graph.backends import sqlpropcounts
from enforcegraph.graph.backends.keptnotes import ALL, noted_nodes, noted_relationships
from enforcegraph.graph.backends.sqltraversals import (
    _DOMAIN,
    _LOCATIONS,
    _MEMBERS,
    _VF,
    _VT,
    _floor,
    _valid_at,
)
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.domain.dates import date_floor
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.schema.model import Model

__all__ = [
    "META_SQL",
    "SEEK_SIZE",
    "TABLES",
    "VERSION",
    "add",
    "count_sql",
    "facet_sql",
    "install",
    "note_nodes",
    "note_relationships",
    "page_sql",
    "ready",
    "rebuild",
    "refresh",
    "removed",
]

VERSION = "8"  # of the derived tables' layout: another value rebuilds them on open
TABLES = ("counts", "hl", "hls", "hlm", sqlpropcounts.TABLE)  # what a clear empties

# The schema's text is kept short (one-letter columns): it shares the file's first pages
# with every other table's.
# ``hl``, the kept rows: d decision, s sanction, f firm, i IMPOSES id, a AGAINST id,
# g an issuing regulator (one row per issuer), r the regulator shown, p 1 if g is r,
# c r's country, e 1 if c was in the EU at the date, k the floor of the date and t the
# date as given ('~' when there is none: after every date), kd / kt the class at the
# decision date / today. Ordered by k, t, s, f, i, a the rows are in the catalogue's
# order (the floor of a date never sorts against the date): a page is one index range;
# the filters' columns close the indexes, so a count of an edge month reads the index alone.
# ``hls``, the sums: the rows counted by (g, p, c, e, kd, kt), c '' when unknown;
# ``hlm``, the same by m as well, the month of k ('2020-03' of '2020-03-15', '2020-00' of
# a year alone, '~' without a date).
_COUNTS_DDL = ("CREATE TABLE IF NOT EXISTS counts(kind,name,n,PRIMARY KEY(kind,name))"
               "WITHOUT ROWID")
_ORDER = "k,t,s,f,i,a"
_HEADLINE_DDL = f"""
DROP TABLE IF EXISTS hl;
CREATE TABLE hl(d,s,f,i,a,g,r,p,c,e,k,t,kd,kt);
CREATE INDEX hl_d ON hl(d);
DROP TABLE IF EXISTS hls;
CREATE TABLE hls(g,p,c,e,kd,kt,n,PRIMARY KEY(g,p,c,e,kd,kt))WITHOUT ROWID;
DROP TABLE IF EXISTS hlm;
CREATE TABLE hlm(p,kd,m,g,c,e,kt,n,PRIMARY KEY(p,kd,m,g,c,e,kt))WITHOUT ROWID;
CREATE INDEX hlm_g ON hlm(g,m);
CREATE INDEX hl_p ON hl(p,{_ORDER},kd,kt,c,e);
CREATE INDEX hl_g ON hl(g,{_ORDER},kd,kt,c,e);
"""


def note_nodes(conn: sqlite3.Connection, rows: Iterable[tuple[str, str | None]],
               stored: bool = True) -> None:
    """Note nodes, as ``(id, label)``, for :func:`refresh`: about to be written or deleted
    (``stored``), or just inserted (``stored`` False: none was stored before)."""
    rows = list(rows)
    sqlpropcounts.note(conn, (node_id for node_id, _ in rows), stored)
    conn.executemany("INSERT OR IGNORE INTO temp.dirty VALUES(?)",
                     [(note,) for note in noted_nodes(rows)])


def note_relationships(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Note written or deleted relationships, by id, for :func:`refresh`."""
    conn.executemany("INSERT OR IGNORE INTO temp.dirty VALUES(?)",
                     [(note,) for note in noted_relationships(ids)])


def install(conn: sqlite3.Connection, today: str, model: Model) -> None:
    """Create the derived tables and the writing connection's temporary ones; build the
    tables from the rows when they are new or of another layout (once, in one transaction)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS dirty (id TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute(_COUNTS_DDL)
    values = sqlpropcounts.install(conn, model)
    found = conn.execute("SELECT value FROM meta WHERE key = 'derived_version'").fetchone()
    if values and found is not None and found[0] == VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            sqlpropcounts.rebuild(conn, model)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if found is None or found[0] != VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _HEADLINE_DDL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("DELETE FROM counts")
            conn.execute("INSERT INTO counts SELECT 'label', label, count(*) FROM nodes GROUP BY label")
            conn.execute("INSERT INTO counts SELECT 'type', type, count(*) FROM rels GROUP BY type")
            sqlpropcounts.rebuild(conn, model)
            rebuild(conn, today)
            conn.execute("INSERT INTO meta(key, value) VALUES('derived_version', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    # a country's rows in the page's order: a rare country's page reads its own rows, not
    # every row of the class in order until it has found enough (added to layout 8 stores)
    conn.execute(f"CREATE INDEX IF NOT EXISTS hl_c ON hl(c,p,{_ORDER},kd,kt,e)")


# what :func:`ready` reads
META_SQL = ("SELECT key, value FROM meta WHERE key IN ('derived_version', 'headline_today', "
            f"'{sqlpropcounts.META_KEY}')")


def ready(meta: list[tuple[Any, ...]], flt: SanctionFilter | None, today: str) -> bool:
    """Whether the kept rows can count (``flt``: the headline's rows for that filter;
    None: nodes and relationships), given the rows of :data:`META_SQL`: the store keeps
    them (a store opened for writing by this version does; an older file opened read-only
    may not) and, for a count at today, they were classed today."""
    found = {str(k): str(v) for k, v in meta}
    if found.get("derived_version") != VERSION:
        return False
    if flt is None:
        return True
    return flt.at != "today" or found.get("headline_today") == today


def rebuild(conn: sqlite3.Connection, today: str) -> None:
    """Recompute every headline row (inside the caller's transaction)."""
    conn.execute("INSERT OR IGNORE INTO temp.dirty VALUES(?)", (ALL,))
    refresh(conn, today)


def add(conn: sqlite3.Connection, kind: str, found: Counter[str], sign: int = 1) -> None:
    """Move the kept counts of ``kind`` (``label`` or ``type``) by what was inserted
    (``sign`` 1) or deleted (-1), inside the caller's transaction."""
    conn.executemany(
        "INSERT INTO counts(kind, name, n) VALUES(?, ?, ?) ON CONFLICT(kind, name) "
        "DO UPDATE SET n = n + excluded.n",
        [(kind, name, sign * n) for name, n in sorted(found.items()) if n],
    )


def removed(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> None:
    """Take from the kept counts the rows of ``table`` (``nodes`` or ``rels``) with these
    ids, before they are deleted."""
    column, kind = ("label", "label") if table == "nodes" else ("type", "type")
    found: Counter[str] = Counter()
    for at in range(0, len(ids), 500):
        chunk = list(ids[at : at + 500])
        sql = f"SELECT {column}, count(*) FROM {table} WHERE id IN ({','.join('?' * len(chunk))}) GROUP BY 1"
        found.update(dict(conn.execute(sql, chunk).fetchall()))
    add(conn, kind, found, -1)


def refresh(conn: sqlite3.Connection, today: str) -> None:
    """Recompute the headline rows of the decisions the noted rows reach, inside the
    caller's transaction, and forget the notes; the counts by property value too."""
    sqlpropcounts.refresh(conn)
    whole = conn.execute("SELECT 1 FROM temp.dirty WHERE id = ?", (ALL,)).fetchone() is not None
    if not whole and conn.execute("SELECT 1 FROM dirty LIMIT 1").fetchone() is None:
        return
    conn.execute("DROP TABLE IF EXISTS temp.affected")
    conn.execute("CREATE TEMP TABLE affected (id TEXT PRIMARY KEY) WITHOUT ROWID")
    if whole:
        for table in ("hl", "hls", "hlm"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("INSERT INTO temp.affected SELECT id FROM nodes WHERE label = 'Decision'")
    else:
        conn.execute(_AFFECTED, {"regulator_label": domain.REGULATOR})
        for sums in (_SUMS, _MONTHS):
            conn.execute(sums.format(sign="-"))
        conn.execute("DELETE FROM hl WHERE d IN (SELECT id FROM temp.affected)")
    for table in ("base", "eu_members"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    conn.execute(_MEMBERS_TABLE, _DOMAIN)
    conn.execute("CREATE INDEX temp.eu_members_jid ON eu_members(jid)")
    conn.execute(f"CREATE TEMP TABLE base AS {_BASE}", {**_DOMAIN, "today": today})
    conn.execute(_INSERT, {"regulator_label": domain.REGULATOR})
    for sums in (_SUMS, _MONTHS):
        conn.execute(sums.format(sign=""))
    for table in ("base", "eu_members"):
        conn.execute(f"DROP TABLE temp.{table}")
    conn.execute("DROP TABLE temp.affected")
    conn.execute("DELETE FROM dirty")
    # the classes "at today" hold for one day: rows recomputed on another day than the
    # rest leave them mixed ('' : counts at today are computed, until the next rebuild)
    kept = conn.execute("SELECT value FROM meta WHERE key = 'headline_today'").fetchone()
    if not whole and kept is not None and kept[0] != today:
        today = ""
    conn.execute("INSERT INTO meta(key, value) VALUES('headline_today', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (today,))


# the rows of the affected decisions, added to (or, sign "-", taken from) the sums by group
_SUMS = """
INSERT INTO hls(g, p, c, e, kd, kt, n)
SELECT g, p, coalesce(c, ''), e, kd, kt, {sign}count(*)
FROM hl WHERE d IN (SELECT id FROM temp.affected) GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT DO UPDATE SET n = n + excluded.n
"""

# the same by month (of the date's floor)
_MONTHS = """
INSERT INTO hlm(p, kd, m, g, c, e, kt, n)
SELECT p, kd, substr(k, 1, 7), g, coalesce(c, ''), e, kt, {sign}count(*)
FROM hl WHERE d IN (SELECT id FROM temp.affected) GROUP BY 1, 2, 3, 4, 5, 6, 7
ON CONFLICT DO UPDATE SET n = n + excluded.n
"""

# the decisions a set of touched ids reaches: decisions themselves; through IMPOSES
# (a sanction); through AGAINST (a firm: a decision's own target, or a sanction's, then
# its decisions); through ISSUED (a regulator). Deleted rows were noted by their ends.
_AFFECTED = """
INSERT OR IGNORE INTO temp.affected
SELECT n.id FROM temp.dirty t CROSS JOIN nodes n ON n.id = t.id WHERE n.label = 'Decision'
UNION SELECT t.id FROM temp.dirty t WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = t.id)
UNION SELECT i.start FROM temp.dirty t CROSS JOIN rels i ON i."end" = t.id AND i.type = 'IMPOSES'
UNION SELECT a.start FROM temp.dirty t CROSS JOIN rels a ON a."end" = t.id AND a.type = 'AGAINST'
UNION SELECT i.start FROM temp.dirty t CROSS JOIN rels a ON a."end" = t.id AND a.type = 'AGAINST'
      CROSS JOIN rels i ON i."end" = a.start AND i.type = 'IMPOSES'
UNION SELECT x."end" FROM temp.dirty t CROSS JOIN nodes g ON g.id = t.id
      CROSS JOIN rels x ON x.start = g.id AND x.type = 'ISSUED' WHERE g.label = :regulator_label
"""

_DT = "json_extract(d.props, '$.date')"
_ISSUED = ("FROM rels x CROSS JOIN nodes g ON g.id = x.start WHERE x.\"end\" = d.id "
           "AND x.type = 'ISSUED' AND g.label = :regulator_label")
_LOCATED = (
    "(coalesce(json_extract(f.props, '$.country'), '') != '' OR EXISTS (SELECT 1 FROM rels l "
    f"WHERE l.start = f.id AND l.type IN ({_LOCATIONS}) "
    "AND coalesce(json_extract(l.props, :rule_path), '') = ''))"
)


def _established(at: str) -> str:
    return ("EXISTS (SELECT 1 FROM rels e CROSS JOIN temp.eu_members m ON m.jid = e.\"end\" "
            "WHERE e.start = f.id AND e.type = :establishment "
            f"AND {_valid_at(_VF, _VT, at)} AND {_valid_at('m.vf', 'm.vt', at)})")


def _kind(at: str) -> str:
    return f"(CASE WHEN {_established(at)} THEN 0 WHEN {_LOCATED} THEN 1 ELSE 2 END)"


# EU membership over time, once per refresh (the catalogue's ``members``)
_MEMBERS_TABLE = f"CREATE TEMP TABLE eu_members AS {_MEMBERS} SELECT * FROM members"

# one row per (decision, IMPOSES, AGAINST, firm) of the affected decisions, as the
# catalogue's page joins them (in this order), with the shown regulator (the first by
# id) and its country
_BASE = f"""WITH b AS (
  SELECT d.id AS did, s.id AS sid, f.id AS fid, i.id AS iid, a.id AS aid, {_DT} AS dt,
         (SELECT g.id {_ISSUED} ORDER BY g.id LIMIT 1) AS shown,
         (SELECT json_extract(g.props, '$.country') {_ISSUED} ORDER BY g.id LIMIT 1) AS country,
         {_kind(_DT)} AS kind_dt, {_kind(":today")} AS kind_today
  FROM temp.affected c CROSS JOIN nodes d ON d.id = c.id
  CROSS JOIN rels i ON i.start = d.id AND i.type = 'IMPOSES'
  CROSS JOIN nodes s ON s.id = i."end"
  CROSS JOIN rels a ON a.type = 'AGAINST' AND a.start = (CASE WHEN EXISTS (
    SELECT 1 FROM rels z WHERE z.start = s.id AND z.type = 'AGAINST') THEN s.id ELSE d.id END)
  CROSS JOIN nodes f ON f.id = a."end"
  WHERE d.label = 'Decision' AND f.label = 'Company'
)
SELECT did, sid, fid, iid, aid, shown, country, coalesce({_floor("dt")}, '~') AS fkey,
       coalesce(dt, '~') AS dkey, kind_dt, kind_today,
       EXISTS (SELECT 1 FROM temp.eu_members m WHERE m.code = country
               AND {_valid_at('m.vf', 'm.vt', 'dt')}) AS eu
FROM b WHERE shown IS NOT NULL
"""

# each base row once per regulator that issued its decision (``first``: the shown one)
_INSERT = """
INSERT INTO hl(d, s, f, i, a, g, r, p, c, e, k, t, kd, kt)
SELECT b.did, b.sid, b.fid, b.iid, b.aid, g.gid, b.shown, g.gid = b.shown, b.country, b.eu,
       b.fkey, b.dkey, b.kind_dt, b.kind_today
FROM temp.base b JOIN (
  SELECT DISTINCT x."end" AS did, x.start AS gid FROM temp.affected c
  CROSS JOIN rels x ON x."end" = c.id AND x.type = 'ISSUED'
  CROSS JOIN nodes g ON g.id = x.start WHERE g.label = :regulator_label
) g ON g.did = b.did
"""


def count_sql(flt: SanctionFilter, unknown: bool) -> tuple[str, dict[str, Any]]:
    """The headline count (``unknown``: of the rows not located) for a filter, from the
    kept sums (the same rules as graph/backends/sqltraversals.count_sql): without dates a
    sum of a few hundred rows; with dates the sums of the whole months between the two
    ends and the rows of the (one or two) edge months, one index range each."""
    where, params = _where(flt, unknown, dated=False)
    if not (flt.since or flt.until):  # a country is stored as '' in the sums
        return f"SELECT coalesce(sum(n), 0) FROM hls WHERE {where}", params
    low = date_floor(flt.since) if flt.since else ""
    high = date_floor(flt.until) if flt.until else "~"
    first, last = (low[:7] if flt.since else None), (high[:7] if flt.until else None)
    params.update(m_lo=first or "", m_hi=last or "~")
    parts = [f"(SELECT coalesce(sum(n), 0) FROM hlm WHERE {where} AND m > :m_lo AND m < :m_hi)"]
    for number, month in enumerate(sorted({m for m in (first, last) if m is not None})):
        params[f"lo{number}"] = max(low, month + "-00")
        params[f"hi{number}"] = min(high, month + "-99")
        parts.append(f"(SELECT count(*) FROM hl WHERE {where} AND k >= :lo{number} "
                     f"AND k <= :hi{number} AND k < '~')")
    return "SELECT " + " + ".join(parts), params


# the size of a kept row's seek key: its order columns
SEEK_SIZE = len(_ORDER.split(","))


def page_sql(flt: SanctionFilter, unknown: bool,
             after: Sequence[str] | None = None) -> tuple[str, dict[str, Any]]:
    """One page of headline keys (decision, sanction, firm, shown regulator) and each
    row's seek key (its order columns) in the catalogue's order, from the kept rows
    (``:limit``, ``:offset`` to bind); ``after`` (a seek key): the rows after it, one
    range of the filter's index from the key (a row value SQLite seeks to)."""
    where, params = _where(flt, unknown, seek=after is not None)
    if after is not None:
        names = [f"after{n}" for n in range(SEEK_SIZE)]
        where += f" AND ({_ORDER}) > ({', '.join(':' + n for n in names)})"
        params.update(zip(names, after, strict=True))
    return (f"SELECT d, s, f, r, {_ORDER} FROM hl WHERE {where} ORDER BY {_ORDER} "
            "LIMIT :limit OFFSET :offset", params)


def _where(flt: SanctionFilter, unknown: bool, dated: bool = True,
           seek: bool = False) -> tuple[str, dict[str, Any]]:
    """The kept rows' WHERE for a filter; ``seek``: the page's lower bound is the seek key's
    row value (``since`` is then checked row by row, ``+k``: SQLite would otherwise range
    from ``since`` and pass over every row before the key)."""
    kind = "kt" if flt.at == "today" else "kd"
    params: dict[str, Any] = {"kind": 2 if unknown else 1}
    where = [f"{kind} = :kind"]
    if flt.regulator:
        where.insert(0, "g = :regulator")
        params["regulator"] = flt.regulator
    else:
        where.insert(0, "p = 1")
    if flt.jurisdiction == domain.EU_CODE:
        where.append("e = 1")
    elif flt.jurisdiction:
        where.append("c = :jurisdiction")
        params["jurisdiction"] = flt.jurisdiction
    if flt.since and dated:
        where.append(f"{'+' if seek else ''}k >= :since AND k < '~'")
        params["since"] = date_floor(flt.since)
    if flt.until and dated:
        where.append("k <= :until")
        params["until"] = date_floor(flt.until)
    return " AND ".join(where), params


def facet_sql(unknown: bool) -> tuple[str, str, dict[str, Any]]:
    """Two statements over the kept sums counting the unfiltered headline's rows
    (``unknown``: the rows not located): by shown regulator and its country ('' when
    unknown), and by the year of the date's floor ('~' without a date); a few hundred
    rows read whatever the store's size. Groups whose rows all went away sum to 0."""
    where = "p = 1 AND kd = :kind"
    return (f"SELECT g, c, sum(n) FROM hls WHERE {where} GROUP BY g, c",
            f"SELECT substr(m, 1, 4), sum(n) FROM hlm WHERE {where} GROUP BY 1",
            {"kind": 2 if unknown else 1})
