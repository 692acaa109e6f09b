"""Traversals of the embedded store that page through SQL instead of reading everything."""

from __future__ import annotations

from collections.abc import Generator
from datetime import date
from typing import TYPE_CHECKING

from enforcegraph.graph.dates import date_floor
from enforcegraph.graph.traversals import Row, SanctionFilter, Traversals, sanction_row_order

if TYPE_CHECKING:
    from enforcegraph.graph.store.embedded import EmbeddedStore

__all__ = ["EmbeddedTraversals"]

_DATE = "json_extract(props, '$.date')"
_MAX_CHUNK = 20_000


class EmbeddedTraversals(Traversals):
    """The catalogue on SQLite: the headline query walks decisions in date order.

    A first page needs only the decisions up to the page's last date, read through the
    ``nodes_date`` index in growing chunks of whole date groups, so its cost follows the
    page size, not the size of the graph. Rows are the generic ones, in the same order.
    """

    store: EmbeddedStore

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store)
        self.store = store

    def sanctions_without_eu_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Row]:
        flt = flt or SanctionFilter()
        if limit is None:
            return super().sanctions_without_eu_establishment(flt, None, offset)
        wanted = offset + limit
        rows: list[Row] = []
        seen = 0
        chunks = self._decision_chunks(max(wanted + wanted // 2, 20))
        size = 0
        while len(rows) < wanted:
            try:
                chunk = chunks.send(size) if seen else next(chunks)
            except StopIteration:
                break
            seen += len(chunk)
            imposes = self.store.relationships_of(chunk, ["IMPOSES"], "out")
            rows += self.sanction_rows(imposes, flt)
            rate = max(len(rows) / seen, 0.02)
            size = min(_MAX_CHUNK, max(20, int((wanted - len(rows)) / rate * 1.3)))
        chunks.close()
        rows.sort(key=sanction_row_order)
        return rows[offset:wanted]

    def count_sanctions_without_eu_establishment(self, flt: SanctionFilter | None = None) -> int:
        """The full count in one SQL statement (the same rules as the rows)."""
        sql, params = count_sql(flt or SanctionFilter(), date.today().isoformat())
        return int(self.store._query(sql, params)[0][0])  # type: ignore[arg-type]

    def _decision_chunks(self, first_size: int) -> Generator[list[str], int, None]:
        """Decision ids in (date, id) order, in chunks (of the size sent) that never split
        a date; undated decisions come last."""
        size, last_date, last_id = first_size, "", ""
        while True:
            rows = self.store._query(
                f"SELECT id, {_DATE} FROM nodes WHERE label = 'Decision' "
                f"AND {_DATE} IS NOT NULL AND ({_DATE} > ? OR ({_DATE} = ? AND id > ?)) "
                f"ORDER BY {_DATE}, id LIMIT ?",
                [last_date, last_date, last_id, size],
            )
            if not rows:
                break
            chunk = [str(r[0]) for r in rows]
            last_date = str(rows[-1][1])
            ties = self.store._query(
                f"SELECT id FROM nodes WHERE label = 'Decision' AND {_DATE} = ? AND id > ? ORDER BY id",
                [last_date, chunk[-1]],
            )
            chunk += [str(r[0]) for r in ties]
            last_id = chunk[-1]
            size = (yield chunk) or size
        after = ""
        while True:
            undated = self.store._query(
                f"SELECT id FROM nodes WHERE label = 'Decision' AND {_DATE} IS NULL AND id > ? "
                "ORDER BY id LIMIT ?",
                [after, size],
            )
            if not undated:
                return
            after = str(undated[-1][0])
            size = (yield [str(r[0]) for r in undated]) or size


def _floor(expr: str) -> str:
    return f"(CASE WHEN length({expr}) < 10 THEN substr({expr} || '-00-00', 1, 10) ELSE {expr} END)"


def _ceiling(expr: str) -> str:
    return f"(CASE WHEN length({expr}) < 10 THEN substr({expr} || '-99-99', 1, 10) ELSE {expr} END)"


def _valid_at(valid_from: str, valid_to: str, when: str) -> str:
    """SQL for graph.dates.valid_at."""
    return (
        f"({when} IS NULL OR ((coalesce({valid_from}, '') = '' OR {_floor(valid_from)} <= "
        f"{_ceiling(when)}) AND (coalesce({valid_to}, '') = '' OR {_ceiling(valid_to)} >= "
        f"{_floor(when)})))"
    )


_VF, _VT = "json_extract(e.props, '$.valid_from')", "json_extract(e.props, '$.valid_to')"
_FIRST_REGULATOR_COUNTRY = (
    "(SELECT json_extract(g.props, '$.country') FROM rels x JOIN nodes g ON g.id = x.start "
    "WHERE x.\"end\" = t.did AND x.type = 'ISSUED' AND g.label = 'Regulator' ORDER BY g.id LIMIT 1)"
)


def count_sql(flt: SanctionFilter, today: str) -> tuple[str, dict[str, str]]:
    """One SQL statement counting the headline rows (the generic rules, pushed down)."""
    at = ":today" if flt.at == "today" else "t.dt"
    params: dict[str, str] = {"today": today}
    where = [
        "EXISTS (SELECT 1 FROM rels x JOIN nodes g ON g.id = x.start WHERE x.\"end\" = t.did "
        "AND x.type = 'ISSUED' AND g.label = 'Regulator')",
        "(coalesce(json_extract(f.props, '$.country'), '') != '' OR EXISTS (SELECT 1 FROM rels l "
        "WHERE l.start = f.id AND l.type IN ('HAS_ESTABLISHMENT', 'INCORPORATED_IN')))",
    ]
    if flt.regulator:
        where.append(
            "EXISTS (SELECT 1 FROM rels x JOIN nodes g ON g.id = x.start WHERE x.\"end\" = t.did "
            "AND x.type = 'ISSUED' AND g.label = 'Regulator' AND g.id = :regulator)"
        )
        params["regulator"] = flt.regulator
    if flt.jurisdiction == "EU":
        where.append(
            "EXISTS (SELECT 1 FROM members m WHERE upper(substr(m.jid, instr(m.jid, ':') + 1)) = "
            f"{_FIRST_REGULATOR_COUNTRY} AND {_valid_at('m.vf', 'm.vt', 't.dt')})"
        )
    elif flt.jurisdiction:
        where.append(f"{_FIRST_REGULATOR_COUNTRY} = :jurisdiction")
        params["jurisdiction"] = flt.jurisdiction
    if flt.since:
        where.append(f"t.dt IS NOT NULL AND {_floor('t.dt')} >= :since")
        params["since"] = date_floor(flt.since)
    if flt.until:
        where.append(f"t.dt IS NOT NULL AND {_floor('t.dt')} <= :until")
        params["until"] = date_floor(flt.until)
    where.append(
        "NOT EXISTS (SELECT 1 FROM rels e JOIN members m ON m.jid = e.\"end\" "
        "WHERE e.start = f.id AND e.type = 'HAS_ESTABLISHMENT' "
        f"AND {_valid_at(_VF, _VT, at)} AND {_valid_at('m.vf', 'm.vt', at)})"
    )
    sql = f"""
WITH eu AS (
  SELECT id FROM nodes WHERE label = 'Jurisdiction' AND json_extract(props, '$.code') = 'EU'
), members AS (
  SELECT start AS jid, json_extract(props, '$.valid_from') AS vf,
         json_extract(props, '$.valid_to') AS vt
  FROM rels WHERE type = 'MEMBER_OF' AND "end" IN (SELECT id FROM eu)
  UNION ALL SELECT id, NULL, NULL FROM eu
), pairs AS (
  SELECT d.id AS did, s.id AS sid, json_extract(d.props, '$.date') AS dt
  FROM rels i JOIN nodes d ON d.id = i.start JOIN nodes s ON s.id = i."end"
  WHERE i.type = 'IMPOSES'
), t AS (
  SELECT p.did, p.sid, p.dt, a."end" AS fid
  FROM pairs p JOIN rels a ON a.start = p.sid AND a.type = 'AGAINST'
  UNION ALL
  SELECT p.did, p.sid, p.dt, a."end"
  FROM pairs p JOIN rels a ON a.start = p.did AND a.type = 'AGAINST'
  WHERE NOT EXISTS (SELECT 1 FROM rels b WHERE b.start = p.sid AND b.type = 'AGAINST')
)
SELECT count(*) FROM t JOIN nodes f ON f.id = t.fid AND f.label = 'Company'
WHERE {" AND ".join(where)}
"""
    return sql, params
