"""A firm nothing is known about is not counted as having no EU establishment."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

SRC = ["source:example-1"]


def test_unlocated_firms_are_left_out(store: GraphStore, fixtures: Path) -> None:
    store.upsert(parse_case_file(fixtures / "mini.yaml").batch)
    extra = Batch(
        nodes=[
            NodeRecord("company:unknown-place", "Company", {"name": "Somewhere Ltd", "sources": SRC}),
            NodeRecord("company:named-country", "Company", {"name": "Elsewhere Inc", "country": "US", "sources": SRC}),
            NodeRecord("decision:fr-9", "Decision", {"kind": "fine_decision", "date": "2022-01-01", "sources": SRC}),
            NodeRecord("sanction:fr-9-a", "Sanction", {"kind": "fine", "amount": 1.0, "currency": "EUR", "sources": SRC}),
            NodeRecord("sanction:fr-9-b", "Sanction", {"kind": "fine", "amount": 2.0, "currency": "EUR", "sources": SRC}),
        ],
        relationships=[
            RelationshipRecord("ISSUED", "regulator:fr-dpa", "decision:fr-9", {"sources": SRC}),
            RelationshipRecord("IMPOSES", "decision:fr-9", "sanction:fr-9-a", {"sources": SRC}),
            RelationshipRecord("IMPOSES", "decision:fr-9", "sanction:fr-9-b", {"sources": SRC}),
            RelationshipRecord("AGAINST", "sanction:fr-9-a", "company:unknown-place", {"sources": SRC}),
            RelationshipRecord("AGAINST", "sanction:fr-9-b", "company:named-country", {"sources": SRC}),
        ],
    )
    store.upsert(extra)
    ids = {r["sanction"]["id"] for r in store.traversals().sanctions_without_eu_establishment()}
    assert "sanction:fr-9-b" in ids
    assert "sanction:fr-9-a" not in ids
