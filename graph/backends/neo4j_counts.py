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

Every row is recomputed only when the EU changed or the rows are missing or of another
layout, and never in the writer's transaction: it marks them unready, and after its
commit :func:`complete` rebuilds them in transactions of a few thousand decisions
(resumed by the next write if it stops). Rows classed on an earlier day are moved to
today (:func:`move_day`: only the decisions of firms whose establishments opened or
closed meanwhile change).
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

__all__ = ["VERSION", "NotingRows", "complete", "count_query", "current_day", "day_params",
           "move_day", "page_query", "ready", "rebuild", "refresh"]

VERSION = "3"  # of the kept rows' layout: another value rebuilds them (in parts) at the next write


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


def current_day() -> str:
    """The day the classes "at today" are of (the machine's local date)."""
    return date.today().isoformat()


def _incremental(tx: Transaction | ManagedTransaction, notes: set[str], upto: str | None,
                 today: str) -> None:
    """Recompute the rows of the decisions ``notes`` lead to (those up to ``upto`` only,
    when a rebuild in parts has got that far: it makes the rest itself)."""
    dids = tx.run(cypher.HEADLINE_AFFECTED, notes=sorted(notes)).single(strict=True)["dids"]
    if upto is not None:
        dids = [did for did in dids if did <= upto]
    for start in range(0, len(dids), 2000):  # their rows leave the sums
        tx.run(cypher.HEADLINE_SUMS_MOVE, dids=dids[start : start + 2000], sign=-1).consume()
    tx.run(cypher.HEADLINE_DELETE, dids=dids).consume()
    params = {**cypher.domain_params(), "today": today}
    for start in range(0, len(dids), 2000):
        tx.run(cypher.HEADLINE_CREATE, dids=dids[start : start + 2000], **params).consume()
        tx.run(cypher.HEADLINE_SUMS_MOVE, dids=dids[start : start + 2000], sign=1).consume()


def day_params(then: str, today: str) -> dict[str, str]:
    """The parameters of ``cypher.HEADLINE_DAY_FIRMS``/``HEADLINE_DAY_EU`` for rows
    classed on ``then`` and asked about on ``today``."""
    low, high = sorted((then, today))
    return {"then": low, "today": high, "year": low[:4]}


def _day_notes(tx: Transaction | ManagedTransaction, then: str, today: str) -> set[str] | None:
    """The notes that moving rows classed on ``then`` to ``today`` means: the firms whose
    establishments opened or closed between the two days (None: the EU changed)."""
    params = day_params(then, today)
    if tx.run(cypher.HEADLINE_DAY_EU, params).single(strict=True)["changed"]:
        return None
    return set(tx.run(cypher.HEADLINE_DAY_FIRMS, params).single(strict=True)["firms"])


def refresh(tx: Transaction | ManagedTransaction, notes: set[str]) -> bool:
    """Keep the rows in step with a write, inside its transaction ``tx``: recompute those
    of the decisions ``notes`` lead to (and, on a new day, those whose classes at today
    changed since the rows were classed); return whether a rebuild in parts
    (:func:`complete`) must follow the commit.

    A whole recompute never runs here: when the EU changed, or the rows are missing or of
    another layout, the rows are only marked unready (readers compute their answers
    until :func:`complete` has made them all); while a rebuild is under way (or was
    stopped), the decisions it has passed are recomputed here and it is resumed after.
    """
    today = current_day()
    kept = tx.run(cypher.KEPT_COUNTS_READ).single()
    if not notes and kept is not None and kept["version"] == VERSION and kept["today"] == today:
        return False
    kept = tx.run(cypher.KEPT_COUNTS_LOCK).single()  # writers move the state one at a time
    building = kept is not None and kept["building"] == VERSION and kept["upto"] is not None
    if ALL in notes or kept is None or (kept["version"] != VERSION and not building):
        tx.run(cypher.KEPT_COUNTS_WRITE, version="", today="").consume()
        return True
    # the classes "at today" hold for one day: rows classed on an earlier day are moved to
    # today (few change); rows classed on several days ('') stay so until a rebuild
    day = kept["today"]
    if day and day != today:
        moved = _day_notes(tx, day, today)
        if moved is None:
            tx.run(cypher.KEPT_COUNTS_WRITE, version="", today="").consume()
            return True
        notes, day = notes | moved, today
    _incremental(tx, notes, kept["upto"] if building else None, today)
    if building:
        tx.run(cypher.KEPT_COUNTS_STEP, upto=kept["upto"], today=day).consume()
        return True
    tx.run(cypher.KEPT_COUNTS_WRITE, version=VERSION, today=day).consume()
    return False


def move_day(tx: ManagedTransaction) -> bool:
    """Move ready rows classed on an earlier day to today (the decisions of the firms
    whose establishments opened or closed meanwhile are recomputed); return whether the
    rows answer at today now (not when the EU changed: the next write rebuilds them)."""
    today = current_day()
    kept = tx.run(cypher.KEPT_COUNTS_LOCK).single()
    if kept is None or kept["version"] != VERSION or not kept["today"]:
        return False
    if kept["today"] == today:
        return True
    moved = _day_notes(tx, kept["today"], today)
    if moved is None:
        return False
    _incremental(tx, moved, None, today)
    tx.run(cypher.KEPT_COUNTS_WRITE, version=VERSION, today=today).consume()
    return True


def ready(kept: dict[str, Any] | None, flt: SanctionFilter) -> bool:
    """Whether the kept rows (``cypher.KEPT_COUNTS_READ``'s record) count for ``flt`` (at
    today: classed today; else see :func:`move_day`)."""
    if kept is None or kept.get("version") != VERSION:
        return False
    return flt.at != "today" or kept.get("today") == current_day()


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


def _begin(tx: ManagedTransaction) -> bool:
    """Begin a rebuild unless one of this layout is under way (then join it) or the rows
    are ready; return whether there is work left."""
    kept = tx.run(cypher.KEPT_COUNTS_LOCK).single()
    if kept is not None and kept["version"] == VERSION:
        return False
    if kept is None or kept["building"] != VERSION or kept["upto"] is None:
        tx.run(cypher.HEADLINE_SUMS_DELETE_ALL).consume()
        tx.run(cypher.KEPT_COUNTS_BEGIN, version=VERSION, today=current_day()).consume()
    return True


def _part(tx: ManagedTransaction, size: int) -> bool:
    """One part of a rebuild: the rows of the next ``size`` decisions after the state's
    ``upto`` (their old rows gone first); the last part makes the rows ready. Return
    whether there is work left (False also when the state says it is not this rebuild's:
    the rows are ready, or a writer marked them unready again)."""
    kept = tx.run(cypher.KEPT_COUNTS_LOCK).single()
    if kept is None or kept["building"] != VERSION or kept["upto"] is None:
        return False
    low, today, day = kept["upto"], current_day(), kept["today"]
    if day and day != today:  # a new day: the rows made so far move to it
        moved = _day_notes(tx, day, today)
        if moved is None:
            tx.run(cypher.KEPT_COUNTS_WRITE, version="", today="").consume()
            return False
        _incremental(tx, moved, low, today)
        day = today
    dids = [r["did"] for r in tx.run(cypher.HEADLINE_DECISIONS_AFTER, upto=low, size=size)]
    last = len(dids) < size
    if last:
        tx.run(cypher.HEADLINE_DELETE_AFTER, low=low).consume()
    else:
        tx.run(cypher.HEADLINE_DELETE_RANGE, low=low, high=dids[-1]).consume()
    tx.run(cypher.HEADLINE_CREATE, dids=dids, **cypher.domain_params(), today=today).consume()
    tx.run(cypher.HEADLINE_SUMS_MOVE, dids=dids, sign=1).consume()
    day = today if day == today else ""
    if last:
        tx.run(cypher.KEPT_COUNTS_WRITE, version=VERSION, today=day).consume()
        return False
    tx.run(cypher.KEPT_COUNTS_STEP, upto=dids[-1], today=day).consume()
    return True


def complete(session: Session, chunk: int = 5000) -> int:
    """Make the kept rows ready, if they are not, in transactions of ``chunk`` decisions
    (in id order); return the parts run.

    Readers compute their answers meanwhile (the rows are unready); writers recompute
    the decisions already passed. A rebuild stopped between parts (a crash) is resumed
    from where it stopped by the next call (the next write); two calls at once share
    the parts (each takes the state's lock). An older layout's count-only indexes go.
    """
    for name in cypher.HEADLINE_OLD_INDEXES:
        session.run(cypher.DROP_INDEX, name=name).consume()
    parts = 0
    while session.execute_write(_begin):  # again when a new day found the EU changed
        parts += 1
        while session.execute_write(_part, chunk):
            parts += 1
    return parts


def rebuild(session: Session, chunk: int = 5000) -> int:
    """Recompute every kept row in transactions of ``chunk`` decisions (:func:`complete`
    after marking them unready); return the rows made."""
    session.run(cypher.KEPT_COUNTS_WRITE, version="", today="").consume()
    complete(session, chunk)
    return int(session.run(cypher.HEADLINE_ROWS).single(strict=True)["count"])
