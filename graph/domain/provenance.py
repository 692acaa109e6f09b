"""Who said what about a node or relationship: its record, its conflicts, its merges.

One reading of the store of record for every front end: the CLI's ``provenance``
command, GraphQL's ``record`` and ``conflicts`` fields, and the FollowTheMoney
statements export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.graph.record.judgements import Judgement, latest
from enforcegraph.graph.record.merge import Conflict, conflicts
from enforcegraph.graph.store.base import GraphStore

__all__ = ["Provenance", "provenance"]


@dataclass(frozen=True)
class Provenance:
    """The record of one id: every assertion, the conflicts among them, its judgements."""

    id: str
    assertions: list[Assertion]
    conflicts: list[Conflict]
    judgements: list[Judgement] = field(default_factory=list)

    @property
    def merged_ids(self) -> list[str]:
        """The source ids that landed on this id through a judgement."""
        return sorted({a.source_id for a in self.assertions} - {self.id})

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id,
            "merged_ids": self.merged_ids,
            "assertions": [a.to_dict() for a in self.assertions],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "judgements": [j.to_dict() for j in self.judgements],
        }


def provenance(store: GraphStore, ids: Iterable[str]) -> dict[str, Provenance]:
    """The provenance of each id that exists (a node or a relationship)."""
    records = store.records(ids)
    standing = latest(store.judgements()).values() if records else []
    found: dict[str, Provenance] = {}
    for row_id, record in records.items():
        sources = {a.source_id for a in record} | {row_id}
        touching = [j for j in standing if {j.canonical, j.other} & sources]
        found[row_id] = Provenance(row_id, record, conflicts(store.model, row_id, record), touching)
    return found
