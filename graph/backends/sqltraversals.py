"""Traversals of the embedded store that page through SQL instead of reading everything."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import orjson

from enforcegraph.graph.backends.sqlpage import Page, read_page
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.domain.dates import date_floor
from enforcegraph.graph.domain.traversals import (
    Row,
    SanctionFilter,
    Traversals,
    headline_row,
    headline_seek,
)
from enforcegraph.schema.ids import relationship_id_range

if TYPE_CHECKING:
    from enforcegraph.graph.backends.embedded import EmbeddedStore
    from enforcegraph.graph.store.base import Node

__all__ = ["FEW_CANDIDATES", "EmbeddedTraversals", "candidates_sql", "count_sql", "first_relationships_sql",
           "page_sql"]

Key = tuple[str, str, str, str]
# per store: (generation, {what: number}) for counts that take long (the decisions, a
# filter's headline rows), at most _KEPT of them; a request cut off by its timeout still
# fills its entry (the store call runs on in its thread)
_COUNTS: WeakKeyDictionary[EmbeddedStore, tuple[int, dict[Hashable, int]]] = WeakKeyDictionary()
_KEPT = 256


class EmbeddedTraversals(Traversals):
    """The catalogue on SQLite: the headline page and count are SQL statements.

    A page is the keys of its rows (decision, sanction, firm, shown regulator) from one
    statement that walks decisions in date order through the ``nodes_date`` index and
    stops at the page's end; the rows are then built from those few nodes, as the
    generic rows are. Rows and order are the generic ones.
    """

    store: EmbeddedStore

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store)
        self.store = store
        # the nodes the last page was built from (the API reuses them instead of reading
        # them again: a page of 100 names about 300)
        self.page_nodes: dict[str, Node] = {}

    def sanctions_without_eu_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0,
        after: Sequence[str] | None = None, *, details: bool = True,
    ) -> list[Row]:
        return self._page(flt or SanctionFilter(), limit, offset, after, False, details)

    def sanctions_with_unknown_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0,
        after: Sequence[str] | None = None, *, details: bool = True,
    ) -> list[Row]:
        return self._page(flt or SanctionFilter(), limit, offset, after, True, details)

    def _page(self, flt: SanctionFilter, limit: int | None, offset: int,
              after: Sequence[str] | None, unknown: bool, details: bool = True) -> list[Row]:
        """One page; ``after`` (a kept row's order columns, :attr:`page_keys`) seeks when
        the kept rows answer, else the page is by ``offset``; without ``details`` the rows
        have no ``articles`` and ``sources`` (read only when asked for)."""
        from enforcegraph.graph.backends import sqlcounts  # it reads this module's SQL

        generic = (super().sanctions_with_unknown_establishment if unknown
                   else super().sanctions_without_eu_establishment)
        self.page_nodes = {}
        seek = None if after is None else headline_seek(after, sqlcounts.SEEK_SIZE)
        if limit is None or limit < 0 or offset < 0 or self._has_far_dates():
            return generic(flt, limit, offset)
        wanted = offset + limit
        today = date.today().isoformat()
        if self.store.kept_counts(flt):  # the rows kept in step with writes: one range
            sql, params = sqlcounts.page_sql(flt, unknown, seek)
            at = 0 if seek else offset
            read = read_page(self.store, sql, {**params, "limit": limit, "offset": at}, details,
                             sqlcounts.SEEK_SIZE)  # one statement, one row: see sqlpage
            kept = self._built(read, details)
            if kept is not None:
                self.page_keys = read.seeks
                return kept
        if self._few_candidates(flt, wanted):
            keys = self._candidate_keys(flt, today, wanted, unknown)
        else:
            keys = self._keys(*page_sql(flt, today, dated=True, unknown=unknown), wanted)
            if len(keys) < wanted and not (flt.since or flt.until):
                more = page_sql(flt, today, dated=False, unknown=unknown)
                keys += self._keys(*more, wanted - len(keys))
        rows = self._rows(keys[offset:wanted], details)
        if rows is None:  # a node went away between the statements: answer the slow way
            return generic(flt, limit, offset)
        return rows

    def count_sanctions_without_eu_establishment(self, flt: SanctionFilter | None = None) -> int:
        """The full count in one SQL statement (the same rules as the rows); a rare
        regulator or country counts from its own decisions only."""
        return self._count(flt or SanctionFilter(), unknown=False)

    def count_sanctions_with_unknown_establishment(self, flt: SanctionFilter | None = None) -> int:
        """As :meth:`count_sanctions_without_eu_establishment`, for the unclassified rows."""
        return self._count(flt or SanctionFilter(), unknown=True)

    def kept_facets(self, traversal: str) -> dict[str, dict[str, int]] | None:
        """From the kept sums (graph/backends/sqlcounts.py: a few hundred rows at any size)
        when they answer the traversal's pages (the years are those of the dates' floors,
        which are the dates' own unless a date sorts apart: then None, as _page walks)."""
        from enforcegraph.graph.backends import sqlcounts  # it reads this module's SQL

        unknown = {"sanctions-without-eu-establishment": False,
                   "sanctions-with-unknown-establishment": True}.get(traversal)
        if unknown is None or not self.store.kept_counts(SanctionFilter()) or self._has_far_dates():
            return None
        by_regulator, by_year, params = sqlcounts.facet_sql(unknown)
        found: dict[str, dict[str, int]] = {"regulator": {}, "jurisdiction": {}, "year": {}}
        for regulator, country, n in self.store._query(by_regulator, params):  # type: ignore[arg-type]
            for facet, value in (("regulator", regulator), ("jurisdiction", country)):
                if n and value:
                    at = found[facet]
                    at[str(value)] = at.get(str(value), 0) + int(n)
        for year, n in self.store._query(by_year, params):  # type: ignore[arg-type]
            if n and str(year).isdigit():
                found["year"][str(year)] = int(n)
        return found

    def _count(self, flt: SanctionFilter, unknown: bool) -> int:
        today = date.today().isoformat()
        if self.store.kept_counts(flt):  # kept in step with every write
            from enforcegraph.graph.backends import sqlcounts  # it reads this module's SQL

            sql, kept = sqlcounts.count_sql(flt, unknown)
            return int(self.store._query(sql, kept)[0][0])  # type: ignore[arg-type]

        def count() -> int:  # seconds at 1M firms: once per change of the data
            sql, params = count_sql(flt, today, self._few_candidates(flt, None), unknown)
            return int(self.store._query(sql, params)[0][0])  # type: ignore[arg-type]

        return self._kept((flt, today, unknown), count)

    def forget_counts(self) -> None:
        """Drop the counts kept for this store (the next ask computes them; benchmarks)."""
        _COUNTS.pop(self.store, None)

    def _kept(self, what: Hashable, count: Callable[[], int]) -> int:
        """``count()``, computed once per generation of the store's data."""
        generation = self.store.generation()
        kept = _COUNTS.get(self.store)
        if kept is None or kept[0] != generation or len(kept[1]) >= _KEPT:
            kept = _COUNTS[self.store] = (generation, {})
        if what not in kept[1]:
            kept[1][what] = count()
        return kept[1][what]

    def _few_candidates(self, flt: SanctionFilter, wanted: int | None) -> bool:
        """Whether the regulator or jurisdiction filter leaves so few decisions that reading
        them and sorting beats walking every decision in date order until ``wanted`` rows
        are found (None: until the end, as a count does).

        Reading n of them costs about n; the walk passes about wanted x D / n of the D
        decisions before a page is full, so the candidates win while n^2 <= wanted x D.
        """
        sql, params = candidates_sql(flt)
        if not sql:
            return False
        found = self.store._query(
            f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) LIMIT {FEW_CANDIDATES + 1})",
            params,  # type: ignore[arg-type]
        )
        candidates = int(found[0][0])
        if candidates > FEW_CANDIDATES:
            return False
        return wanted is None or candidates * candidates <= wanted * self._decision_count()

    def _decision_count(self) -> int:
        """Decisions in the store, counted once per generation of its data."""
        return self._kept("decisions", lambda: int(self.store._query(
            "SELECT count(*) FROM nodes WHERE label = 'Decision'")[0][0]))

    def _candidate_keys(self, flt: SanctionFilter, today: str, wanted: int,
                        unknown: bool = False) -> list[Key]:
        """Page keys from the filter's decisions: read with their dates, then taken in
        date order, a growing run at a time, until the page is full. A run never splits
        one date, so each run's rows (ordered in SQL) follow the previous run's."""
        sql, params = candidates_sql(flt)
        found = self.store._query(
            f"SELECT DISTINCT c.id, json_extract(n.props, '$.date') AS dt FROM ({sql}) c "
            "CROSS JOIN nodes n ON n.id = c.id WHERE n.label = 'Decision' "
            "ORDER BY dt IS NULL, dt, c.id",
            params,  # type: ignore[arg-type]
        )
        undated = next((i for i, (_, when) in enumerate(found) if when is None), len(found))
        keys: list[Key] = []
        size, at = max(1, RUN_START * wanted), 0
        while at < len(found) and len(keys) < wanted:
            dated = at < undated
            last = undated if dated else len(found)  # the undated ones are one run, last
            end = min(at + size, last) if dated else last
            while end < last and found[end][1] == found[end - 1][1]:
                end += 1  # the rest of this date
            ids = orjson.dumps([decision for decision, _ in found[at:end]]).decode()
            keys += self._keys(*page_sql(flt, today, dated, ids, unknown), wanted - len(keys))
            at, size = end, size * RUN_GROWTH
        return keys

    def _has_far_dates(self) -> bool:
        """Whether a decision date sorts with or after the undated ones ("9999"), or is
        not a date at all; the SQL order (by raw date, undated last) would then differ."""
        probe = "SELECT 1 FROM nodes WHERE label = 'Decision' AND json_extract(props, '$.date') "
        found = self.store._query(
            f"SELECT EXISTS ({probe} < '0000') OR EXISTS ({probe} > '9998~')"
        )
        return bool(found[0][0])

    def _keys(self, sql: str, params: dict[str, Any], limit: int) -> list[Key]:
        if limit <= 0:
            return []
        found = self.store._query(sql, {**params, "limit": limit})  # type: ignore[arg-type]
        return [(str(d), str(s), str(f), str(r)) for d, s, f, r in found]

    def _rows(self, keys: list[Key], details: bool = True) -> list[Row] | None:
        """Headline rows for page keys, built from their nodes (and with ``details`` the
        decisions' articles and the sources' URLs)."""
        page = Page(keys, self.store.get_many({node_id for key in keys for node_id in key}))
        if details:
            decisions = sorted({key[0] for key in keys})
            for at in range(0, len(decisions), 500):
                chunk = decisions[at : at + 500]
                for start, end in self.store._query(
                    f'SELECT start, "end" FROM rels WHERE start IN ({",".join("?" * len(chunk))}) '
                    "AND type = 'INFRINGES'",
                    chunk,
                ):
                    page.articles.setdefault(start, set()).add(end)
            held = {node_id for key in keys for node_id in key[:2]}
            page.urls = self._source_map(page.nodes[n].get("sources", []) for n in held
                                         if n in page.nodes)
        return self._built(page, details)

    def _built(self, page: Page, details: bool = True) -> list[Row] | None:
        """The rows of ``page`` (None when a node went away between two statements);
        without ``details`` they have no ``articles`` and ``sources``."""
        nodes = self.page_nodes = page.nodes
        rows = []
        for decision, sanction, firm, regulator in page.keys:
            if not {decision, sanction, firm, regulator} <= nodes.keys():
                return None
            row = headline_row(nodes[sanction], nodes[decision], nodes[regulator],
                               nodes[firm], page.articles, page.urls)
            if not details:
                del row["articles"], row["sources"]
            rows.append(row)
        return rows


def _floor(expr: str) -> str:
    return f"(CASE WHEN length({expr}) < 10 THEN substr({expr} || '-00-00', 1, 10) ELSE {expr} END)"


def _ceiling(expr: str) -> str:
    return f"(CASE WHEN length({expr}) < 10 THEN substr({expr} || '-99-99', 1, 10) ELSE {expr} END)"


def _valid_at(valid_from: str, valid_to: str, when: str) -> str:
    """SQL for graph.domain.dates.valid_at."""
    return (
        f"({when} IS NULL OR ((coalesce({valid_from}, '') = '' OR {_floor(valid_from)} <= "
        f"{_ceiling(when)}) AND (coalesce({valid_to}, '') = '' OR {_ceiling(valid_to)} >= "
        f"{_floor(when)})))"
    )


_VF, _VT = "json_extract(e.props, '$.valid_from')", "json_extract(e.props, '$.valid_to')"


# The domain's constants (graph/domain/rules.py), bound as parameters of every headline statement.
_DOMAIN: dict[str, str] = {
    "eu_code": domain.EU_CODE,
    "member_of": domain.MEMBER_OF,
    "regulator_label": domain.REGULATOR,
    "establishment": domain.ESTABLISHMENT,
    "rule_path": f"$.{domain.RULE}",
    **{f"location_{i}": typ for i, typ in enumerate(domain.LOCATION_TYPES)},
}
_LOCATIONS = ", ".join(f":location_{i}" for i in range(len(domain.LOCATION_TYPES)))

# EU membership over time (domain.eu_memberships): the EU itself always, and each
# jurisdiction MEMBER_OF it within its dates, with its country code (never its id's)
_MEMBERS = """
WITH eu AS (
  SELECT id FROM nodes WHERE label = 'Jurisdiction' AND json_extract(props, '$.code') = :eu_code
), members AS (
  SELECT r.start AS jid, json_extract(j.props, '$.code') AS code,
         json_extract(r.props, '$.valid_from') AS vf, json_extract(r.props, '$.valid_to') AS vt
  FROM rels r JOIN nodes j ON j.id = r.start
  WHERE r.type = :member_of AND r."end" IN (SELECT id FROM eu)
  UNION ALL SELECT id, :eu_code, NULL, NULL FROM eu
)"""


def _conditions(
    flt: SanctionFilter, today: str, did: str, dt: str, unknown: bool = False
) -> tuple[list[str], dict[str, str]]:
    """The generic row rules as SQL over a decision ``did`` dated ``dt`` and a firm ``f``:
    the rules of graph/domain/rules.py (the shown regulator, sanction targets, is_located,
    has_eu_establishment), pushed down with the domain's constants as parameters.
    ``unknown``: the rows whose firm is not located (the headline's coverage gap)."""
    at = ":today" if flt.at == "today" else dt
    params: dict[str, str] = {**_DOMAIN, "today": today} if flt.at == "today" else {**_DOMAIN}
    issued = (
        f"EXISTS (SELECT 1 FROM rels x CROSS JOIN nodes g ON g.id = x.start WHERE x.\"end\" = {did} "
        "AND x.type = 'ISSUED' AND g.label = :regulator_label"
    )
    first_country = (
        "(SELECT json_extract(g.props, '$.country') FROM rels x CROSS JOIN nodes g ON g.id = x.start "
        f"WHERE x.\"end\" = {did} AND x.type = 'ISSUED' AND g.label = :regulator_label "
        "ORDER BY g.id LIMIT 1)"
    )
    located = (
        "(coalesce(json_extract(f.props, '$.country'), '') != '' OR EXISTS (SELECT 1 FROM rels l "
        f"WHERE l.start = f.id AND l.type IN ({_LOCATIONS}) "
        "AND coalesce(json_extract(l.props, :rule_path), '') = ''))"
    )
    where = [issued + ")", f"NOT {located}" if unknown else located]
    if flt.regulator:
        where.append(issued + " AND g.id = :regulator)")
        params["regulator"] = flt.regulator
    if flt.jurisdiction == domain.EU_CODE:
        where.append(
            f"EXISTS (SELECT 1 FROM members m WHERE m.code = {first_country} "
            f"AND {_valid_at('m.vf', 'm.vt', dt)})"
        )
    elif flt.jurisdiction:
        where.append(f"{first_country} = :jurisdiction")
        params["jurisdiction"] = flt.jurisdiction
    if flt.since:
        where.append(f"{dt} IS NOT NULL AND {_floor(dt)} >= :since")
        params["since"] = date_floor(flt.since)
    if flt.until:
        where.append(f"{dt} IS NOT NULL AND {_floor(dt)} <= :until")
        params["until"] = date_floor(flt.until)
    where.append(
        "NOT EXISTS (SELECT 1 FROM rels e JOIN members m ON m.jid = e.\"end\" "
        "WHERE e.start = f.id AND e.type = :establishment "
        f"AND {_valid_at(_VF, _VT, at)} AND {_valid_at('m.vf', 'm.vt', at)})"
    )
    return where, params


def count_sql(flt: SanctionFilter, today: str, from_candidates: bool = False,
              unknown: bool = False) -> tuple[str, dict[str, str]]:
    """One SQL statement counting the headline rows (the generic rules, pushed down);
    ``from_candidates``: only over the decisions of :func:`candidates_sql`; ``unknown``:
    the rows of ``sanctions-with-unknown-establishment``."""
    where, params = _conditions(flt, today, "t.did", "t.dt", unknown)
    imposes, join = "rels i", "JOIN"
    if from_candidates:  # few rows: from the decisions outwards, in this order
        join = "CROSS JOIN"
        candidates, more = candidates_sql(flt)
        imposes = f"(SELECT DISTINCT id FROM ({candidates})) c CROSS JOIN rels i ON i.start = c.id"
        params.update(more)
        imposes_ids = ""
    else:  # all IMPOSES relationships: one range of the primary key
        params["imposes_low"], params["imposes_high"] = relationship_id_range("IMPOSES")
        imposes_ids = "AND i.id >= :imposes_low AND i.id < :imposes_high"
    sql = f"""{_MEMBERS}, pairs AS (
  SELECT d.id AS did, s.id AS sid, json_extract(d.props, '$.date') AS dt
  FROM {imposes} JOIN nodes d ON d.id = i.start JOIN nodes s ON s.id = i."end"
  WHERE i.type = 'IMPOSES' {imposes_ids}
), t AS (
  SELECT p.did, p.sid, p.dt, a."end" AS fid
  FROM pairs p {join} rels a ON a.start = p.sid AND a.type = 'AGAINST'
  UNION ALL
  SELECT p.did, p.sid, p.dt, a."end"
  FROM pairs p {join} rels a ON a.start = p.did AND a.type = 'AGAINST'
  WHERE NOT EXISTS (SELECT 1 FROM rels b WHERE b.start = p.sid AND b.type = 'AGAINST')
)
SELECT count(*) FROM t {join} nodes f ON f.id = t.fid AND f.label = 'Company'
WHERE {" AND ".join(where)}
"""
    return sql, params


_D_DATE = "json_extract(d.props, '$.date')"
# at most this many decisions of a regulator (or of a country's regulators) are read with
# their dates (about 12 us each at 1M firms); above it the page walks all decisions in
# date order, which finds a page soon enough when the filter is that common
FEW_CANDIDATES = 10_000
# the first run of those decisions is this many times the rows wanted; each next run grows
RUN_START, RUN_GROWTH = 4, 4


def candidates_sql(flt: SanctionFilter) -> tuple[str, dict[str, str]]:
    """The ids of the decisions a regulator or jurisdiction filter can keep ("" when
    neither narrows the decisions): those issued by that regulator or by a regulator of
    that country (the EU is a set of countries over time, not narrowed here). An id
    comes once per ISSUED relationship (twice for a joint decision of two regulators)."""
    issuer = []
    params: dict[str, str] = {}
    if flt.regulator:
        issuer.append("g.id = :regulator")
        params["regulator"] = flt.regulator
    if flt.jurisdiction and flt.jurisdiction != domain.EU_CODE:
        issuer.append("json_extract(g.props, '$.country') = :jurisdiction")
        params["jurisdiction"] = flt.jurisdiction
    if not issuer:
        return "", {}
    params["regulator_label"] = domain.REGULATOR
    return (
        "SELECT x.\"end\" AS id FROM nodes g CROSS JOIN rels x ON x.start = g.id "
        f"AND x.type = 'ISSUED' WHERE g.label = :regulator_label AND {' AND '.join(issuer)}",
        params,
    )


def page_sql(flt: SanctionFilter, today: str, dated: bool, decision_ids: str | None = None,
             unknown: bool = False) -> tuple[str, dict[str, str]]:
    """The headline keys (decision, sanction, firm, shown regulator) in the catalogue's order.

    ``dated``: decisions with a date, walked in date order through ``nodes_date`` so a
    ``LIMIT :limit`` stops early; otherwise the undated ones (they sort last). The year
    bounds only narrow the index range: the exact date rules are in the conditions.
    ``decision_ids``: only these decisions (a JSON list), read and sorted instead.
    ``unknown``: the keys of ``sanctions-with-unknown-establishment``.
    """
    where, params = _conditions(flt, today, "d.id", _D_DATE, unknown)
    decisions = "nodes d"
    if decision_ids is not None:
        decisions = "json_each(:decision_ids) c CROSS JOIN nodes d ON d.id = c.value"
        params["decision_ids"] = decision_ids
    where.insert(0, f"{_D_DATE} IS {'NOT ' if dated else ''}NULL")
    if flt.since:
        where.insert(1, f"{_D_DATE} >= :since_year")
        params["since_year"] = date_floor(flt.since)[:4]
    if flt.until:
        where.insert(1, f"{_D_DATE} < :until_year")
        params["until_year"] = date_floor(flt.until)[:4] + "~"
    order = f"{_D_DATE}, " if dated else ""
    sql = f"""{_MEMBERS}
SELECT d.id, s.id, f.id, (SELECT g.id FROM rels x CROSS JOIN nodes g ON g.id = x.start
  WHERE x."end" = d.id AND x.type = 'ISSUED' AND g.label = :regulator_label ORDER BY g.id LIMIT 1)
FROM {decisions}
JOIN rels i ON i.start = d.id AND i.type = 'IMPOSES'
JOIN nodes s ON s.id = i."end"
JOIN rels a ON a.type = 'AGAINST' AND a.start = (CASE WHEN EXISTS (
  SELECT 1 FROM rels b WHERE b.start = s.id AND b.type = 'AGAINST') THEN s.id ELSE d.id END)
JOIN nodes f ON f.id = a."end" AND f.label = 'Company'
WHERE d.label = 'Decision' AND {" AND ".join(where)}
ORDER BY {order}s.id, f.id, i.id, a.id LIMIT :limit
"""
    return sql, params


def first_relationships_sql(end: str, types: int) -> str:
    """The first relationships by id of each node of the JSON list ``?`` at its ``end``
    (``start`` or ``"end"``), at most ``?`` (the last parameter) each; ``types``: how many
    type parameters follow the list. Relationship ids start with their type, so (type, id)
    order is id order: the ``rels_start_id`` / ``rels_end_id`` index ranges, read no
    further than the limit (a regulator's thousands of ISSUED are never read)."""
    type_sql = f" AND x.type IN ({', '.join('?' * types)})" if types else ""
    return (
        'SELECT r.id, r.type, r.start, r."end", r.key, r.props FROM json_each(?) n '
        f"JOIN rels r ON r.rowid IN (SELECT x.rowid FROM rels x WHERE x.{end} = n.value"
        f"{type_sql} ORDER BY x.type, x.id LIMIT ?)"
    )
