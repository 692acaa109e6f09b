"""Headline counts the Neo4j store keeps in step with its writes, in the same transaction.

Counts by label and by relationship type come from Neo4j's own count store, which the
database keeps transactionally (``stats``, an unfiltered ``count``). The headline's counts
need the catalogue's rules, so the store keeps one node of its own label
(``cypher.HEADLINE_ROW``, never an Entity) per headline candidate: decision, sanction,
target firm, once per issuing regulator, with the filters' columns and its class at the
decision date and today (as graph/backends/sqlcounts.py does in SQLite), and the
catalogue's order columns after each filter's columns in one index. The rows written in
a transaction are noted (graph/backends/keptnotes.py); before it commits,
:func:`refresh` recomputes the candidates of the decisions they lead to. A count is one
index seek; a page one index range in order, cut by LIMIT, then its nodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from neo4j import ManagedTransaction, Session, Transaction

from enforcegraph.graph.backends import cypher
from enforcegraph.graph.backends.keptnotes import ALL, noted_nodes, noted_relationships
from enforcegraph.graph.backends.neo4j_rows import Neo4jRows
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.domain.dates import date_floor
from enforcegraph.graph.domain.traversals import SanctionFilter, headline_seek
from enforcegraph.graph.store.recording import NewRecords, Row

__all__ = ["VERSION", "NotingRows", "count_query", "page_query", "ready", "rebuild", "refresh"]

VERSION = "3"  # of the kept rows' layout: another value recomputes them at the next write


class NotingRows(Neo4jRows):
    """:class:`Neo4jRows` that note what they write or delete, for :func:`refresh`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notes: set[str] = set()

    def write_nodes(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        self.notes.update(noted_nodes((row.id, row.label) for row in rows))
        super().write_nodes(rows, created)

    def write_relationships(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        self.notes.update(noted_relationships(row.id for row in rows))
        super().write_relationships(rows, created)

    def delete_nodes(self, ids: Sequence[str]) -> None:
        self.notes.update(noted_nodes((i, None) for i in ids))
        super().delete_nodes(ids)

    def delete_relationships(self, ids: Sequence[str]) -> None:
        self.notes.update(noted_relationships(ids))
        super().delete_relationships(ids)

    def insert_new(self, new: NewRecords) -> bool:
        done = super().insert_new(new)
        if done:
            self.notes.update(noted_nodes((i, r.label) for i, r in new.nodes.items()))
            self.notes.update(noted_relationships(new.relationships))
        return done


def _today() -> str:
    return date.today().isoformat()


def refresh(tx: Transaction | ManagedTransaction, notes: set[str]) -> None:
    """Recompute the kept rows of the decisions ``notes`` lead to (all of them when the
    EU changed or the rows are of another layout), inside ``tx``."""
    kept = tx.run(cypher.KEPT_COUNTS_READ).single()
    whole = ALL in notes or kept is None or kept["version"] != VERSION
    if not notes and not whole:
        return
    today = _today()
    if whole:
        tx.run(cypher.HEADLINE_DELETE_ALL).consume()
        tx.run(cypher.HEADLINE_SUMS_DELETE_ALL).consume()
        dids = tx.run(cypher.HEADLINE_ALL_DECISIONS).single(strict=True)["dids"]
    else:
        dids = tx.run(cypher.HEADLINE_AFFECTED, notes=sorted(notes)).single(strict=True)["dids"]
        for start in range(0, len(dids), 2000):  # their rows leave the sums
            tx.run(cypher.HEADLINE_SUMS_MOVE, dids=dids[start : start + 2000], sign=-1).consume()
        tx.run(cypher.HEADLINE_DELETE, dids=dids).consume()
    params = {**cypher.domain_params(), "today": today}
    for start in range(0, len(dids), 2000):
        tx.run(cypher.HEADLINE_CREATE, dids=dids[start : start + 2000], **params).consume()
        tx.run(cypher.HEADLINE_SUMS_MOVE, dids=dids[start : start + 2000], sign=1).consume()
    # the classes "at today" hold for one day: rows recomputed on another day than the
    # rest leave them mixed ('': counts at today are computed, until all are recomputed)
    day = today if whole or (kept is not None and kept["today"] == today) else ""
    tx.run(cypher.KEPT_COUNTS_WRITE, version=VERSION, today=day).consume()


def ready(kept: dict[str, Any] | None, flt: SanctionFilter) -> bool:
    """Whether the kept rows (``cypher.KEPT_COUNTS_READ``'s record) count for ``flt``."""
    if kept is None or kept.get("version") != VERSION:
        return False
    return flt.at != "today" or kept.get("today") == _today()


def _shape(flt: SanctionFilter, unknown: bool) -> tuple[tuple[bool, str, bool, bool, bool],
                                                      dict[str, Any]]:
    params: dict[str, Any] = {"kind": 2 if unknown else 1}
    shape = "eu" if flt.jurisdiction == domain.EU_CODE else ("code" if flt.jurisdiction else "")
    for name in ("regulator", "jurisdiction", "since", "until"):
        if getattr(flt, name):
            params[name] = getattr(flt, name)
    return (bool(flt.regulator), shape, bool(flt.since), bool(flt.until), flt.at == "today"), params


def count_query(flt: SanctionFilter, unknown: bool) -> tuple[str, dict[str, Any]]:
    """The kept count of the headline (``unknown``: of its rows not located) for ``flt``:
    a sum of the kept sums, and with dates the rows of the two edge months."""
    shape, params = _shape(flt, unknown)
    if flt.since:
        params["low_m"] = date_floor(flt.since)[:7]
    if flt.until:
        params["high_m"] = date_floor(flt.until)[:7]
    return cypher.headline_count(*shape), params


def page_query(flt: SanctionFilter, unknown: bool, limit: int, offset: int,
               after: Sequence[str] | None = None) -> tuple[str, dict[str, Any]]:
    """One page of the headline (``unknown``: of its rows not located) for ``flt``, from
    the kept rows: an index range in the catalogue's order, then the rows' nodes;
    ``after`` (a row's seek key, ``cypher.HEADLINE_ORDER``): the range starts after it
    and ``offset`` is not used."""
    shape, params = _shape(flt, unknown)
    params.update(limit=limit, offset=offset)
    if after is not None:
        seek = headline_seek(after, len(cypher.HEADLINE_ORDER))
        params.update({f"after{n}": value for n, value in enumerate(seek)}, offset=0)
    return cypher.headline_page(*shape, seek=after is not None), params


def rebuild(session: Session, chunk: int = 5000) -> int:
    """Recompute every kept row in transactions of ``chunk`` decisions (a store loaded
    before this layout, too large for one transaction); return the rows made.

    For a store no one writes meanwhile (maintenance, benchmarks): the counts read from
    it are unready (another layout's version) until the last transaction commits.
    """
    for name in cypher.HEADLINE_OLD_INDEXES:
        session.run(cypher.DROP_INDEX, name=name).consume()
    session.run(cypher.KEPT_COUNTS_WRITE, version="", today="").consume()
    for statement in cypher.KEPT_COUNTS_CLEAR[:2]:  # the rows, their sums
        session.run(statement).consume()
    dids = session.run(cypher.HEADLINE_ALL_DECISIONS).single(strict=True)["dids"]
    today = _today()
    params = {**cypher.domain_params(), "today": today}
    def create(tx: ManagedTransaction, part: list[str]) -> None:
        tx.run(cypher.HEADLINE_CREATE, dids=part, **params).consume()
        tx.run(cypher.HEADLINE_SUMS_MOVE, dids=part, sign=1).consume()

    for start in range(0, len(dids), chunk):
        session.execute_write(create, dids[start : start + chunk])
    session.run(cypher.KEPT_COUNTS_WRITE, version=VERSION, today=today).consume()
    return int(session.run(cypher.HEADLINE_ROWS).single(strict=True)["count"])
