"""The one write path of every backend: assertions in, merged rows out.

A stored row (a node or a relationship) holds the properties the graph shows and its
``record``: every assertion that lands on it. :class:`Recorder` turns a batch into
assertions (one per source id and dataset, landing on canonical ids), merges them into
the records of the rows they land on, materialises each row's properties by the rules of
model.yaml, and hands back only the rows that change. Merges and splits are the same
move: after a judgement, the records of the rows concerned are sorted again by where
each assertion lands now. Backends implement :class:`RowAccess` (read and write rows in
one transaction) and nothing else of this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, Protocol

from enforcegraph.graph.record.assertions import (
    Assertion,
    merge_assertion,
    node_assertion,
    parse_relationship_id,
    relationship_assertion,
    relationship_subject,
)
from enforcegraph.graph.record.codec import sole_assertion
from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.record.merge import materialise
from enforcegraph.schema.model import Model
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

__all__ = ["NewRecords", "Recorder", "Row", "RowAccess", "Written", "given"]


@dataclass
class Row:
    """A stored node or relationship: id, label or type, shown properties, record."""

    id: str
    label: str
    props: dict[str, Any]
    record: list[Assertion]

    @property
    def ends(self) -> tuple[str, str, str]:
        """``(start, end, key)`` of a relationship row."""
        _, start, end, key = parse_relationship_id(self.id)
        return start, end, key


class NewRecords(NamedTuple):
    """A batch whose every id is new and given once (the bulk-load case): its records by
    id, and each record's record text (JSON of one assertion saying exactly what the row
    shows, graph/record/codec.py) by the dataset that says it."""

    nodes: Mapping[str, NodeRecord]
    relationships: Mapping[str, RelationshipRecord]
    record_text: Callable[[str], str]


@dataclass
class Written:
    """What one write did, for the summary: ids by created / updated / unchanged."""

    nodes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    relationships: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class RowAccess(Protocol):
    """A backend's rows inside one write transaction."""

    def read_nodes(self, ids: Sequence[str]) -> dict[str, Row]:
        """The node rows of those ids that exist."""

    def read_relationships(self, ids: Sequence[str]) -> dict[str, Row]:
        """The relationship rows of those ids that exist."""

    def relationships_touching(self, node_ids: Sequence[str]) -> dict[str, Row]:
        """Every relationship row starting or ending at one of ``node_ids``."""

    def write_nodes(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        """Insert or replace node rows (``created``: the ids that are new)."""

    def write_relationships(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        """Insert or replace relationship rows (``created``: the ids that are new)."""

    def delete_nodes(self, ids: Sequence[str]) -> None:
        """Delete node rows (their relationships are moved or deleted first)."""

    def delete_relationships(self, ids: Sequence[str]) -> None:
        """Delete relationship rows."""

    def judgements(self) -> list[Judgement]:
        """Every judgement made, oldest first."""

    def add_judgement(self, judgement: Judgement) -> None:
        """Keep a judgement."""

    def insert_new(self, new: NewRecords) -> bool:
        """Insert the rows of records none of whose ids exist (their properties as
        :func:`given`, their record as ``new.record_text(record.origin.dataset)``), and
        True; or write nothing and False (a backend without a quick way to tell just
        answers False)."""


class Recorder:
    """Merges assertions into rows, for one transaction of one backend."""

    def __init__(self, model: Model, rows: RowAccess, canonical: Mapping[str, str]) -> None:
        self.model = model
        self.rows = rows
        self.canonical_ids = canonical

    def canonical(self, node_id: str) -> str:
        """The id ``node_id`` lands on."""
        return self.canonical_ids.get(node_id, node_id)

    # -- loads -------------------------------------------------------------------------
    def assertions(self, batch: Batch, dataset: str, day: str) -> list[Assertion]:
        """The batch's records as assertions, one per source id and dataset."""
        found: dict[tuple[str, str], Assertion] = {}
        made = [node_assertion(r, dataset, self.canonical, day) for r in batch.nodes]
        made += [relationship_assertion(r, dataset, self.canonical, day) for r in batch.relationships]
        for assertion in made:
            found[assertion.key] = merge_assertion(self.model, found.get(assertion.key), assertion)
        return list(found.values())

    def load(self, batch: Batch, dataset: str, day: str, written: Written) -> None:
        """Merge a batch into the rows it lands on."""
        if not self.canonical_ids and self._load_new(batch, dataset, day, written):
            return
        incoming = self.assertions(batch, dataset, day)
        nodes = [a for a in incoming if not a.is_relationship]
        rels = [a for a in incoming if a.is_relationship]
        self._merge_into(nodes, self.rows.read_nodes, self.rows.write_nodes, written.nodes)
        self._merge_into(rels, self.rows.read_relationships, self.rows.write_relationships,
                         written.relationships)

    def _load_new(self, batch: Batch, dataset: str, day: str, written: Written) -> bool:
        """The common case of a bulk load, without an object per assertion: every id is
        new, given once, and nothing is merged away; each row's record is then one
        assertion saying exactly what the row shows. False (nothing written) otherwise."""
        nodes: dict[str, NodeRecord] = {}
        for node in batch.nodes:
            if node.id in nodes:
                return False
            nodes[node.id] = node
        rels: dict[str, RelationshipRecord] = {}
        for rel in batch.relationships:
            rel_id = rel.id
            if rel_id in rels:
                return False
            rels[rel_id] = rel
        marks: dict[str, str] = {}

        def mark(said_by: str) -> str:
            if said_by not in marks:
                marks[said_by] = sole_assertion(said_by or dataset, day)
            return marks[said_by]

        if not self.rows.insert_new(NewRecords(nodes, rels, mark)):
            return False
        written.nodes["created"] += list(nodes)
        written.relationships["created"] += list(rels)
        return True

    def adopt(self, assertions: Iterable[Assertion], written: Written) -> None:
        """Merge assertions another store recorded (a copy): their datasets and days kept,
        each landing where this store's judgements put its source id."""
        nodes: list[Assertion] = []
        rels: list[Assertion] = []
        for a in assertions:
            if a.is_relationship:
                rels.append(replace(a, subject=relationship_subject(a.source_id, self.canonical)))
            else:
                nodes.append(replace(a, subject=self.canonical(a.source_id)))
        self._merge_into(nodes, self.rows.read_nodes, self.rows.write_nodes, written.nodes)
        self._merge_into(rels, self.rows.read_relationships, self.rows.write_relationships,
                         written.relationships)

    def _merge_into(self, incoming: Sequence[Assertion], read: Any, write: Any,
                    written: dict[str, list[str]]) -> None:
        by_subject: dict[str, list[Assertion]] = defaultdict(list)
        for assertion in incoming:
            by_subject[assertion.subject].append(assertion)
        stored: dict[str, Row] = read(list(by_subject))
        changed: list[Row] = []
        created: list[str] = []
        for subject, arriving in by_subject.items():
            row = stored.get(subject)
            new = self._merged_row(subject, row, arriving)
            if row is None:
                created.append(subject)
                written["created"].append(subject)
                changed.append(new)
            elif new.props != row.props or new.record != row.record:
                written["updated" if new.props != row.props else "unchanged"].append(subject)
                changed.append(new)
            else:
                written["unchanged"].append(subject)
        if changed:
            write(changed, created)

    def _merged_row(self, subject: str, row: Row | None, arriving: Sequence[Assertion]) -> Row:
        """``row`` (or a new row) with ``arriving`` merged into its record, and the
        properties that record shows."""
        record = {a.key: a for a in (row.record if row else [])}
        for assertion in arriving:
            record[assertion.key] = merge_assertion(self.model, record.get(assertion.key), assertion)
        merged = sorted(record.values(), key=_order)
        return Row(subject, arriving[0].label, materialise(self.model, subject, merged), merged)

    # -- judgements ----------------------------------------------------------------------
    def resettle(self, node_ids: Iterable[str], written: Written) -> None:
        """Sort the records of these nodes (and of their relationships) again by where
        each assertion lands under the current judgements: a merge or a split."""
        ids = sorted(set(node_ids))
        nodes = self.rows.read_nodes(ids)
        rels = self.rows.relationships_touching(ids)
        moving_nodes = [replace(a, subject=self.canonical(a.source_id))
                        for row in nodes.values() for a in row.record]
        moving_rels = [replace(a, subject=relationship_subject(a.source_id, self.canonical))
                       for row in rels.values() for a in row.record]
        keep, created, gone = self._regroup(nodes, moving_nodes, self.rows.read_nodes, written.nodes)
        # nodes first (relationships need their ends), then relationships, then the nodes
        # left with no assertion (their relationships have moved by then)
        if keep:
            self.rows.write_nodes(keep, created)
        rel_keep, rel_created, rel_gone = self._regroup(
            rels, moving_rels, self.rows.read_relationships, written.relationships)
        if rel_gone:
            self.rows.delete_relationships(rel_gone)
        if rel_keep:
            self.rows.write_relationships(rel_keep, rel_created)
        if gone:
            self.rows.delete_nodes(gone)
            written.nodes["deleted"].extend(gone)

    def _regroup(self, old_rows: dict[str, Row], moving: list[Assertion], read: Any,
                 written: dict[str, list[str]]) -> tuple[list[Row], list[str], list[str]]:
        """The rows ``moving`` lands on (merged into rows already there), which of them are
        new, and which of ``old_rows`` are left with nothing."""
        by_subject: dict[str, list[Assertion]] = defaultdict(list)
        for assertion in moving:
            by_subject[assertion.subject].append(assertion)
        targets: dict[str, Row] = read([s for s in by_subject if s not in old_rows])
        keep: list[Row] = []
        created: list[str] = []
        for subject, arriving in by_subject.items():
            base = targets.get(subject)
            row = self._merged_row(subject, base, arriving)
            before = old_rows.get(subject) or base
            if before is None:
                created.append(subject)
                written["created"].append(subject)
            else:
                written["updated" if before.props != row.props else "unchanged"].append(subject)
            keep.append(row)
        return keep, created, sorted(set(old_rows) - set(by_subject))


def given(props: dict[str, Any]) -> dict[str, Any]:
    """A record's properties without the ones it leaves out (None)."""
    if None not in props.values():
        return props
    return {name: value for name, value in props.items() if value is not None}


def _order(assertion: Assertion) -> tuple[str, str]:
    return assertion.dataset, assertion.source_id
