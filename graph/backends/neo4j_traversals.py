"""The traversal catalogue pushed down to Neo4j: one Cypher query per traversal.

The server does the matching (patterns, validity dates, EU membership); Python only
shapes the returned records into the catalogue's rows, with the same helpers and the
same sort keys as the generic :class:`~enforcegraph.graph.domain.traversals.Traversals`, so
both give identical rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from enforcegraph.graph.backends import cypher
from enforcegraph.graph.backends.neo4j import Neo4jStore, node_from
from enforcegraph.graph.domain import traversals as generic
from enforcegraph.graph.domain.traversals import (
    SanctionFilter,
    _by_date,
    _date_key,
    _pick,
    headline_seek,
    resolve_article,
    resolve_entity,
    sanction_row_order,
)
from enforcegraph.graph.store.base import Node

__all__ = ["Neo4jTraversals"]

Row = dict[str, Any]


def _node(value: dict[str, Any] | None) -> Node | None:
    if value is None:
        return None
    return node_from({"id": value["id"], "props": value["props"]})


def _urls(values: list[Any]) -> list[str]:
    return sorted({str(url) for url in values if url})


class Neo4jTraversals(generic.Traversals):
    """The catalogue as Cypher; rows identical to the generic implementation's."""

    store: Neo4jStore

    def __init__(self, store: Neo4jStore) -> None:
        super().__init__(store)
        self.store = store

    def _run(self, query: str, **params: Any) -> list[Any]:
        """A catalogue query with the domain's constants (cypher.domain_params) as parameters."""
        return self.store.run_traversal(query, **cypher.domain_params(), **params)

    @staticmethod
    def _sanction_options(flt: SanctionFilter) -> dict[str, Any]:
        return {
            "regulator": flt.regulator or "",
            "jurisdiction": flt.jurisdiction or "",
            "since": flt.since or "",
            "until": flt.until or "",
            "at_today": flt.at == "today",
            "today": date.today().isoformat(),
        }

    @staticmethod
    def _sanction_row(record: Any) -> Row:
        return {
            "sanction": _pick(_node(record["sanction"]), "kind", "amount", "currency", "amount_eur"),
            "decision": _pick(_node(record["decision"]), "ref", "date", "status"),
            "regulator": _pick(_node(record["regulator"]), "name", "country"),
            "firm": _pick(_node(record["firm"]), "name", "country"),
            "articles": sorted(set(record["articles"])),
            "sources": _urls(record["sources"]),
        }

    # the whole list, one page, the count: for the headline and for its coverage gap
    _QUERIES: ClassVar[dict[bool, tuple[str, str, str]]] = {
        False: (cypher.SANCTIONS_WITHOUT_EU_ESTABLISHMENT, cypher.SANCTIONS_WITHOUT_EU_ESTABLISHMENT_PAGE,
                cypher.SANCTIONS_WITHOUT_EU_ESTABLISHMENT_COUNT),
        True: (cypher.SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT, cypher.SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT_PAGE,
               cypher.SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT_COUNT),
    }

    def _sanctions_without_eu_establishment(self, flt: SanctionFilter) -> list[Row]:
        return self._all_rows(flt, unknown=False)

    def _sanctions_with_unknown_establishment(self, flt: SanctionFilter) -> list[Row]:
        return self._all_rows(flt, unknown=True)

    def _all_rows(self, flt: SanctionFilter, unknown: bool) -> list[Row]:
        records = self._run(self._QUERIES[unknown][0], **self._sanction_options(flt))
        return sorted(map(self._sanction_row, records), key=sanction_row_order)

    def sanctions_without_eu_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0,
        after: Sequence[str] | None = None, *, details: bool = True,
    ) -> list[Row]:
        """One page sorted and cut by the server (the whole list when ``limit`` is None);
        ``after`` seeks in the kept rows (else the page is by ``offset``); ``details`` is
        not used (the page's one statement reads the articles and sources with it)."""
        return self._page(flt or SanctionFilter(), limit, offset, after, unknown=False)

    def sanctions_with_unknown_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0,
        after: Sequence[str] | None = None, *, details: bool = True,
    ) -> list[Row]:
        """As :meth:`sanctions_without_eu_establishment`, for the rows it cannot classify."""
        return self._page(flt or SanctionFilter(), limit, offset, after, unknown=True)

    def _page(self, flt: SanctionFilter, limit: int | None, offset: int,
              after: Sequence[str] | None, unknown: bool) -> list[Row]:
        self.page_keys = None
        if after is not None:
            headline_seek(after, len(cypher.HEADLINE_ORDER))  # a bad key fails on every path
        if limit is None:
            return self._all_rows(flt, unknown)[offset:]
        kept = self.store.kept_headline_page(flt, unknown, max(limit, 0), max(offset, 0), after)
        if kept is not None:  # the rows kept in step with writes: one index range
            self.page_keys = [tuple(str(v) for v in record["key"]) for record in kept]
            return [self._sanction_row(record) for record in kept]
        records = self._run(
            self._QUERIES[unknown][1],
            offset=max(offset, 0), limit=max(limit, 0), **self._sanction_options(flt),
        )
        return [self._sanction_row(record) for record in records]

    def count_sanctions_without_eu_establishment(self, flt: SanctionFilter | None = None) -> int:
        return self._count(flt or SanctionFilter(), unknown=False)

    def count_sanctions_with_unknown_establishment(self, flt: SanctionFilter | None = None) -> int:
        return self._count(flt or SanctionFilter(), unknown=True)

    def _count(self, flt: SanctionFilter, unknown: bool) -> int:
        """From the rows kept in step with writes (graph/backends/neo4j_counts.py): one
        index seek; the catalogue's full statement when they cannot answer."""
        kept = self.store.kept_headline_count(flt, unknown)
        return self._full_count(flt, unknown) if kept is None else kept

    def _full_count(self, flt: SanctionFilter, unknown: bool) -> int:
        """The catalogue's full count statement (every IMPOSES relationship)."""
        records = self._run(self._QUERIES[unknown][2], **self._sanction_options(flt))
        return int(records[0]["count"])

    @staticmethod
    def _decision_row_from(value: dict[str, Any]) -> Row:
        """A decision with its issuer, sanctions and sources, as the generic version has it."""
        row = _pick(_node(value["node"]), "ref", "kind", "date", "status", "status_note") or {}
        row["issuer"] = _pick(_node(value["issuer"]), "name", "country")
        sanctions = [
            _pick(_node(s), "kind", "amount", "currency", "amount_eur", "per", "description")
            for s in value["sanctions"]
        ]
        row["sanctions"] = sorted((s for s in sanctions if s), key=lambda s: s["id"])
        row["sources"] = _urls(value["sources"])
        return row

    def enforcement_history(self, firm: str) -> list[Row]:
        target = resolve_entity(self.store, firm, ("Company", "Person"))
        rows = []
        for record in self._run(cypher.ENFORCEMENT_HISTORY, id=target.id):
            row = self._decision_row_from(record["decision"])
            appeals = []
            for appeal in record["appeals"]:
                appeal_row = self._decision_row_from(appeal["decision"])
                appeal_row["outcome"] = appeal["outcome"]
                appeals.append(appeal_row)
            row["appeals"] = sorted(appeals, key=_by_date)
            rows.append(row)
        return sorted(rows, key=_by_date)

    def decisions_citing(self, article: str) -> list[Row]:
        article_id, provision = resolve_article(article)
        records = self._run(
            cypher.DECISIONS_CITING, article=article_id, asked=provision or ""
        )
        rows = []
        for record in records:
            row = _pick(_node(record["decision"]), "ref", "kind", "date", "status") or {}
            row["article"] = article_id
            row["provisions"] = sorted({str(p) for p in record["provisions"] if p})
            row["issuer"] = _pick(_node(record["issuer"]), "name", "country")
            row["sources"] = _urls(record["sources"])
            rows.append(row)
        return sorted(rows, key=_by_date)

    def claims_contradicted(self, firm: str) -> list[Row]:
        company = resolve_entity(self.store, firm, ("Company",))
        rows = []
        for record in self._run(cypher.CLAIMS_CONTRADICTED, id=company.id):
            out = record["out"]
            rows.append(
                {
                    "statement": _pick(_node(record["statement"]), "text", "date", "claims"),
                    "made_by": [_pick(_node(o["node"]), "name") for o in out if o["type"] == "MADE_BY"],
                    "issued_via": [
                        _pick(_node(o["node"]), "name") for o in out if o["type"] == "ISSUED_VIA"
                    ],
                    "contradicted_by": [
                        {
                            **(_pick(_node(o["node"]), "ref", "date", "kind") or {}),
                            "issuer": _pick(_node(o["issuer"]), "name", "country"),
                        }
                        for o in out
                        if o["type"] == "CONTRADICTED_BY"
                    ],
                    "sources": _urls(record["sources"]),
                }
            )
        return sorted(rows, key=lambda r: (_date_key(r["statement"]["date"]), r["statement"]["id"]))

    def cross_border_cases(self) -> list[Row]:
        rows = []
        for record in self._run(cypher.CROSS_BORDER_CASES):
            regulators = {n.id: n for n in map(_node, record["regulators"]) if n is not None}
            countries = sorted({str(r.get("country")) for r in regulators.values()})
            if len(countries) < 2:
                continue
            rows.append(
                {
                    "firm": _pick(_node(record["firm"]), "name", "country"),
                    "countries": countries,
                    "regulators": [_pick(r, "name", "country") for _, r in sorted(regulators.items())],
                    "decisions": int(record["decisions"]),
                }
            )
        return sorted(rows, key=lambda r: (-len(r["countries"]), -r["decisions"], r["firm"]["id"]))
