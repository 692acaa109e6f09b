"""What a written or deleted row means for the headline counts every backend keeps.

The kept headline rows (graph/backends/sqlcounts.py, graph/backends/neo4j_counts.py) are
recomputed, inside the writing transaction, for the decisions the touched rows lead to.
A touched row is noted by the id that leads there: a decision, sanction, firm or
regulator by its own id; a relationship by the end on the decisions' side; a
jurisdiction or an EU membership by :data:`ALL` (every decision: the EU changed).

Both backends also count nodes by label and value of the properties
:func:`kept_properties` names (graph/backends/sqlpropcounts.py,
graph/backends/neo4j_filtered_counts.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.record.assertions import parse_relationship_id
from enforcegraph.schema.model import Model

__all__ = ["ALL", "KEPT_KINDS", "NOTED_LABELS", "kept_properties", "noted_nodes",
           "noted_relationships"]

ALL = "*"  # noted: recompute every decision
NOTED_LABELS = frozenset(("Decision", "Sanction", "Company", domain.REGULATOR))
_EVERYTHING_LABELS = frozenset(("Jurisdiction",))
_START_TYPES = frozenset(("IMPOSES", "AGAINST", *domain.LOCATION_TYPES))
_END_TYPES = frozenset(("ISSUED",))
# the property kinds whose nodes are counted by value: few values, asked by equality or range
KEPT_KINDS = frozenset(("enum", "country", "currency", "date", "bool", "int"))


def kept_properties(model: Model) -> dict[str, tuple[str, ...]]:
    """Label -> the properties its nodes are counted by, value by value: the single-valued
    ones of the kinds in :data:`KEPT_KINDS`."""
    return {name: kept for name, spec in model.labels.items()
            if (kept := tuple(p.name for p in spec.properties.values()
                              if p.kind in KEPT_KINDS and not p.is_list))}


def noted_nodes(rows: Iterable[tuple[str, str | None]]) -> Iterator[str]:
    """The notes of nodes given as ``(id, label)``; a label None (a deleted node whose
    label was not read) is noted by its id."""
    for node_id, label in rows:
        if label in _EVERYTHING_LABELS:
            yield ALL
        elif label is None or label in NOTED_LABELS:
            yield node_id


def noted_relationships(ids: Iterable[str]) -> Iterator[str]:
    """The notes of relationships given by id."""
    for rel_id in ids:
        rel_type, start, end, _ = parse_relationship_id(rel_id)
        if rel_type in _START_TYPES:
            yield start
        elif rel_type in _END_TYPES:
            yield end
        elif rel_type == domain.MEMBER_OF:
            yield ALL
