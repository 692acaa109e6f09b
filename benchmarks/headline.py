"""The headline traversal against a hand-written query of the same answer.

"Every sanction whose target firm had no EU establishment at the decision date": the
store's first page of 100 and full count, against one SQL statement written by hand
for the embedded layout (and one Cypher statement for Neo4j, in neo4j_bench.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from typing import Any

from benchmarks.stats import time_calls
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.store.base import GraphStore

__all__ = ["HAND_SQL", "hand_sql_page", "headline_timings", "regulator_pages"]

_FLOOR = "(CASE WHEN length({0}) < 10 THEN substr({0} || '-00-00', 1, 10) ELSE {0} END)"
_CEIL = "(CASE WHEN length({0}) < 10 THEN substr({0} || '-99-99', 1, 10) ELSE {0} END)"


def _valid_at(valid_from: str, valid_to: str, when: str) -> str:
    """SQL for graph.dates.valid_at (partial dates compare by floor and ceiling)."""
    return (
        f"({when} IS NULL OR (({valid_from} IS NULL OR {_FLOOR.format(valid_from)} <= "
        f"{_CEIL.format(when)}) AND ({valid_to} IS NULL OR {_CEIL.format(valid_to)} >= "
        f"{_FLOOR.format(when)})))"
    )


_DATE = "json_extract(d.props, '$.date')"

# One row per (sanction, target firm) with no establishment valid at the decision date in a
# jurisdiction that is (then) an EU member or the EU itself; decisions issued by a Regulator.
# Decisions are walked in date order through the store's nodes_date index, so a page stops
# early; the target is the sanction's AGAINST end, else the decision's (as the catalogue).
HAND_SQL = f"""
WITH eu AS (
  SELECT id FROM nodes WHERE label = 'Jurisdiction' AND json_extract(props, '$.code') = 'EU'
), members AS (
  SELECT start AS jid, json_extract(props, '$.valid_from') AS vf,
         json_extract(props, '$.valid_to') AS vt
  FROM rels WHERE type = 'MEMBER_OF' AND "end" IN (SELECT id FROM eu)
  UNION ALL SELECT id, NULL, NULL FROM eu
)
SELECT s.id AS sid, d.id AS did, f.id AS fid, {_DATE} AS dt
FROM nodes d
JOIN rels i ON i.start = d.id AND i.type = 'IMPOSES'
JOIN nodes s ON s.id = i."end"
JOIN rels a ON a.type = 'AGAINST' AND a.start = (CASE WHEN EXISTS (
    SELECT 1 FROM rels b WHERE b.start = s.id AND b.type = 'AGAINST') THEN s.id ELSE d.id END)
JOIN nodes f ON f.id = a."end" AND f.label = 'Company'
WHERE d.label = 'Decision' AND {_DATE} IS NOT NULL
  AND EXISTS (SELECT 1 FROM rels x JOIN nodes g ON g.id = x.start
              WHERE x."end" = d.id AND x.type = 'ISSUED' AND g.label = 'Regulator')
  AND NOT EXISTS (
    SELECT 1 FROM rels e JOIN members m ON m.jid = e."end"
    WHERE e.start = f.id AND e.type = 'HAS_ESTABLISHMENT'
      AND {_valid_at("json_extract(e.props, '$.valid_from')", "json_extract(e.props, '$.valid_to')", _DATE)}
      AND {_valid_at("m.vf", "m.vt", _DATE)})
"""
_ORDER = f" ORDER BY {_DATE}, s.id, f.id"


def hand_sql_page(conn: sqlite3.Connection, limit: int = 100) -> list[tuple[Any, ...]]:
    """The first page of (sanction, decision, firm, date), in the catalogue's order."""
    return conn.execute(HAND_SQL + _ORDER + " LIMIT ?", [limit]).fetchall()


def _computed(traversals: Traversals, count: Callable[[], int]) -> Callable[[], int]:
    """``count`` computed from the data each call: the counts an embedded store keeps
    until its data changes are dropped first."""
    def call() -> int:
        forget = getattr(traversals, "forget_counts", None)
        if forget is not None:
            forget()
        return count()
    return call


def hand_sql_count(conn: sqlite3.Connection) -> int:
    """The full count."""
    return int(conn.execute(f"SELECT count(*) FROM ({HAND_SQL})").fetchone()[0])


def headline_timings(store: GraphStore, conn: sqlite3.Connection | None, repeats: int,
                     count_repeats: int) -> dict[str, Any]:
    """p50/p99 of the store's first page and count, and of the hand-written SQL."""
    traversals = store.traversals()
    page = traversals.sanctions_without_eu_establishment(limit=100)
    count = traversals.count_sanctions_without_eu_establishment()
    result: dict[str, Any] = {
        "count": count,
        "page_rows": len(page),
        "page": time_calls(lambda: traversals.sanctions_without_eu_establishment(limit=100),
                           repeats, warmup=0),
        "count_timing": time_calls(_computed(traversals, traversals.count_sanctions_without_eu_establishment),
                                   count_repeats, warmup=0),
    }
    if conn is not None:
        hand_page = hand_sql_page(conn)
        expected = [(r["sanction"]["id"], r["decision"]["id"], r["firm"]["id"]) for r in page]
        result["same_answer"] = (
            [row[:3] for row in hand_page] == expected and hand_sql_count(conn) == count
        )
        result["floor_page"] = time_calls(lambda: hand_sql_page(conn), repeats, warmup=0)
        result["floor_count"] = time_calls(lambda: hand_sql_count(conn), count_repeats, warmup=0)
        result["by_regulator"] = regulator_pages(store, conn, min(repeats, 20))
    return result


def regulator_pages(store: GraphStore, conn: sqlite3.Connection, repeats: int) -> list[dict[str, Any]]:
    """The first page filtered by the regulator with the fewest decisions, the median one
    and the one with the most: p50/p99 ms, with the count of the rarest."""
    issued = conn.execute("SELECT start, count(*) FROM rels WHERE type = 'ISSUED' "
                          "GROUP BY start ORDER BY 2, 1").fetchall()
    if not issued:
        return []
    traversals = store.traversals()
    picked = {"fewest": issued[0], "median": issued[len(issued) // 2], "most": issued[-1]}
    found = []
    for which, (regulator, decisions) in picked.items():
        flt = SanctionFilter(regulator=regulator)
        rows = traversals.sanctions_without_eu_establishment(flt, limit=100)
        entry: dict[str, Any] = {
            "which": which, "regulator": regulator, "decisions": decisions, "rows": len(rows),
            "page": time_calls(partial(traversals.sanctions_without_eu_establishment, flt, 100),
                               repeats, warmup=0),
        }
        if which == "fewest":
            entry["count"] = time_calls(_computed(
                traversals, partial(traversals.count_sanctions_without_eu_establishment, flt)), 3, warmup=0)
        found.append(entry)
    return found
