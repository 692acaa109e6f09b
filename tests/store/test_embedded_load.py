"""The embedded store's bulk path: new records go in without reads, known ones still merge,
and the column-wise validation finds every error the per-record one does."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

SOURCE = "source:bulk"


def _node(node_id: str, label: str, **props: Any) -> NodeRecord:
    return NodeRecord(node_id, label, {"sources": [SOURCE], **props})


def _against(decision: str, firm: str, **props: Any) -> RelationshipRecord:
    return RelationshipRecord("AGAINST", decision, firm, {"sources": [SOURCE], **props})


def _base() -> Batch:
    return Batch(
        nodes=[
            NodeRecord(SOURCE, "Source", {"url": "https://example.org/bulk", "title": "Bulk"}),
            _node("decision:bulk-1", "Decision", kind="fine_decision", ref="B-1", date="2022"),
        ]
    )


def test_a_known_id_between_new_ones_is_merged(embedded_store: EmbeddedStore) -> None:
    embedded_store.upsert(_base())
    first = Batch(
        nodes=[_node("company:bulk-b", "Company", name="Bee", aliases=["B1"])],
        relationships=[_against("decision:bulk-1", "company:bulk-b", note="first")],
    )
    embedded_store.upsert(first)
    # the first and last ids are new, the middle one is stored: the bulk insert must
    # give way to the merge (no duplicate, no error, the old properties kept)
    second = Batch(
        nodes=[
            _node("company:bulk-a", "Company", name="Ay"),
            _node("company:bulk-b", "Company", name="Bee", country="US"),
            _node("company:bulk-c", "Company", name="Cee"),
        ],
        relationships=[
            _against("decision:bulk-1", "company:bulk-a"),
            _against("decision:bulk-1", "company:bulk-b", note="second"),
            _against("decision:bulk-1", "company:bulk-c"),
        ],
    )
    summary = embedded_store.upsert(second)
    assert (summary.nodes_created, summary.nodes_updated) == (2, 1)
    assert (summary.relationships_created, summary.relationships_updated) == (2, 1)
    bee = embedded_store.get("company:bulk-b")
    assert bee is not None and bee.get("aliases") == ["B1"] and bee.get("country") == "US"
    assert [n.id for n in embedded_store.search("B1")] == ["company:bulk-b"]
    rels = embedded_store.relationships_of(["company:bulk-b"], ["AGAINST"], "in")
    assert [r.properties.get("note") for r in rels] == ["second"]
    again = embedded_store.upsert(second)
    assert not again.changed and again.nodes_unchanged == 3


def test_a_failed_load_leaves_nothing(embedded_store: EmbeddedStore) -> None:
    embedded_store.upsert(_base())
    bad = Batch(
        nodes=[_node("company:bulk-x", "Company", name="Ex")],
        relationships=[_against("decision:bulk-1", "company:bulk-x"),
                       _against("decision:bulk-1", "company:missing")],
    )
    with pytest.raises(InvalidData):
        embedded_store.upsert(bad)
    assert embedded_store.get("company:bulk-x") is None


@pytest.mark.parametrize(
    "props, field",
    [
        ({"amount": True}, "amount"),  # next to amount 1, which hashes the same
        ({"amount": -1}, "amount"),
        ({"colour": "red"}, "colour"),
        ({"kind": None}, "kind"),
        ({"sources": ["decision:bulk-1"]}, "sources"),
        ({"sources": [["nested"]]}, "sources"),
        ({"sources": "source:bulk"}, "sources"),
    ],
)
def test_every_error_is_still_found(
    embedded_store: EmbeddedStore, props: dict[str, Any], field: str
) -> None:
    embedded_store.upsert(_base())
    good = _node("sanction:bulk-1", "Sanction", kind="fine", amount=1)
    bad = _node("sanction:bulk-2", "Sanction", **{"kind": "fine", "amount": 2, **props})
    with pytest.raises(InvalidData) as raised:
        embedded_store.upsert(Batch(nodes=[good, bad]))
    assert [(e.field, e.record) for e in raised.value.errors] == [(field, bad.origin.record)]
