"""Nodes counted by label and property value, kept in step with the Neo4j store's writes.

As graph/backends/sqlpropcounts.py does in SQLite: per label and per property a filter may
ask by equality or range (graph/backends/keptnotes.kept_properties, derived from the
model), one node of an internal label (``cypher.VALUE_COUNT``, never an
Entity) per value, holding how many nodes have it (``_n``) and the value under the
property's own name, so a filtered ``count`` on one kept property is the sum of the count
nodes the very same WHERE clause selects (graph/backends/cypher.py ``_where``), read from a
few nodes instead of every node of the label. Neo4j's own count store only counts labels.

In a write transaction :class:`ValueNotingRows` takes each stored node's values off the
counts before its first change or deletion, and :func:`refresh`, before the commit, adds
the values of every node noted, as they stand then (one round trip each way per batch).
A store whose counts are missing or keep other properties is counted again there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from neo4j import ManagedTransaction, Transaction

from enforcegraph.graph.backends import cypher
from enforcegraph.graph.backends.keptnotes import kept_properties
from enforcegraph.graph.backends.neo4j_counts import NotingRows
from enforcegraph.graph.store.base import PropertyFilter
from enforcegraph.graph.store.recording import NewRecords, Row
from enforcegraph.schema.model import Model

__all__ = ["ValueNotingRows", "count_query", "kept_listing", "refresh"]

Key = tuple[str, str, str]  # label, property, the value as JSON


def kept_listing(model: Model) -> list[str]:
    """What the counts keep, as ``Label.property``."""
    return [f"{label}.{p}" for label, props in sorted(kept_properties(model).items())
            for p in props]


class ValueNotingRows(NotingRows):
    """:class:`NotingRows` that also keep the counts by value (:func:`refresh`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept = kept_properties(self.model)
        self.names = sorted({p for props in self.kept.values() for p in props})
        self.seen: set[str] = set()  # nodes whose stored values left the counts
        self.delta: Counter[Key] = Counter()
        self.values: dict[Key, Any] = {}

    def _move(self, ids: Sequence[str], sign: int) -> None:
        """Move the counts by the stored values of these nodes."""
        for chunk in range(0, len(ids), self.batch_size):
            wanted = list(ids[chunk : chunk + self.batch_size])
            for record in self.tx.run(cypher.VALUES_OF, ids=wanted, props=self.names):
                found = dict(zip(self.names, record["values"], strict=True))
                for prop in self.kept.get(record["label"], ()):
                    value = found[prop]
                    key = (record["label"], prop, orjson.dumps(value).decode())
                    self.delta[key] += sign
                    self.values[key] = value

    def note_stored(self, ids: Iterable[str]) -> None:
        """Nodes about to change or go: their stored values leave the counts (once)."""
        fresh = [i for i in dict.fromkeys(ids) if i not in self.seen]
        self._move(fresh, -1)
        self.seen.update(fresh)

    def write_nodes(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        new = set(created)
        self.note_stored(row.id for row in rows if row.id not in new)
        self.seen.update(new)
        super().write_nodes(rows, created)

    def delete_nodes(self, ids: Sequence[str]) -> None:
        self.note_stored(ids)
        super().delete_nodes(ids)

    def insert_new(self, new: NewRecords) -> bool:
        done = super().insert_new(new)
        if done:
            self.seen.update(new.nodes)
        return done


def refresh(tx: Transaction | ManagedTransaction, rows: ValueNotingRows) -> None:
    """Add the noted nodes' values as they stand, inside ``tx`` (or count every node again
    when the store keeps no counts, or counts of other properties)."""
    listing = kept_listing(rows.model)
    meta = tx.run(cypher.VALUE_COUNTS_READ).single()
    if meta is None or list(meta["properties"] or []) != listing:
        _recount(tx, rows.model, listing)
        return
    rows._move(sorted(rows.seen), 1)
    changes = [{"l": label, "p": prop, "k": key, "n": n, "value": {prop: rows.values[(label, prop, key)]}}
               for (label, prop, key), n in sorted(rows.delta.items()) if n]
    for start in range(0, len(changes), 2000):
        tx.run(cypher.VALUE_COUNTS_ADD, rows=changes[start : start + 2000]).consume()
    rows.seen.clear()
    rows.delta.clear()


def _recount(tx: Transaction | ManagedTransaction, model: Model, listing: list[str]) -> None:
    tx.run(cypher.VALUE_COUNTS_DELETE_ALL).consume()
    for label, props in sorted(kept_properties(model).items()):
        found = tx.run(cypher.values_by_label(model, label), props=list(props))
        changes = [{"l": label, "p": r["p"], "k": orjson.dumps(r["v"]).decode(), "n": r["n"],
                    "value": {r["p"]: r["v"]}} for r in found]
        for start in range(0, len(changes), 2000):
            tx.run(cypher.VALUE_COUNTS_ADD, rows=changes[start : start + 2000]).consume()
    tx.run(cypher.VALUE_COUNTS_WRITE, properties=listing).consume()


def count_query(model: Model, label: str, filters: Sequence[PropertyFilter],
                kept: Sequence[str] | None) -> tuple[str, dict[str, Any]] | None:
    """The kept count of ``label``'s nodes matching every filter, or None when the counts
    cannot say (filters on several properties, on one not kept, on the id); ``kept``: the
    store's listing (``cypher.VALUE_COUNTS_READ``)."""
    names = {f.property for f in filters}
    if len(names) != 1 or not kept or f"{label}.{next(iter(names))}" not in kept:
        return None
    return cypher.count_values(model, label, filters)
