"""The records of one batch, built up fact by fact: one node per id, relationships by id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from enforcegraph.loaders.gdpr import GDPR_LAW_ID, article_stub, part_of
from enforcegraph.schema.citations import Citation
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["RecordBuilder", "union_lists"]


def union_lists(old: dict[str, Any], new: dict[str, Any], names: Iterable[str]) -> None:
    """Append to each list ``old[name]`` the values of ``new[name]`` it lacks (in place).

    >>> old = {"sources": ["a"]}
    >>> union_lists(old, {"sources": ["a", "b"], "aliases": ["X"]}, ("sources", "aliases"))
    >>> old
    {'sources': ['a', 'b'], 'aliases': ['X']}
    """
    for name in names:
        extra = [v for v in new.get(name) or [] if v not in (old.get(name) or [])]
        if extra:
            old[name] = [*(old.get(name) or []), *extra]


class RecordBuilder:
    """One node per id (a node met again adds its sources and aliases) and one
    relationship per id (the first met is kept), in the order first met."""

    def __init__(self) -> None:
        self.nodes: dict[str, NodeRecord] = {}
        self.rels: dict[str, RelationshipRecord] = {}

    def __len__(self) -> int:
        return len(self.nodes) + len(self.rels)

    def batch(self) -> Batch:
        """The records so far."""
        return Batch(list(self.nodes.values()), list(self.rels.values()))

    def node(self, node_id: str, label: str, props: dict[str, Any], origin: Origin) -> None:
        old = self.nodes.get(node_id)
        if old is None:
            self.nodes[node_id] = NodeRecord(node_id, label, props, origin)
            return
        union_lists(old.properties, props, ("sources", "aliases"))

    def rel(self, rel_type: str, start: str, end: str, props: dict[str, Any], origin: Origin,
            key: str = "") -> None:
        record = RelationshipRecord(rel_type, start, end, props, key, origin)
        self.rels.setdefault(record.id, record)

    def cite(self, decision_id: str, citation: Citation, sources: list[str], origin: Origin,
             rel_type: str = "INFRINGES") -> None:
        """The GDPR article of ``citation`` (a stub, PART_OF the GDPR) and ``decision_id``
        -rel_type-> it, keyed by the provision; an INFRINGES also names paragraph and point."""
        stub = article_stub(citation.number)
        self.node(stub.id, "LegalArticle", stub.properties, stub.origin)
        self.rel("PART_OF", stub.id, GDPR_LAW_ID, part_of(stub.id).properties, stub.origin)
        props: dict[str, Any] = {"provision": citation.provision, "sources": sources}
        if rel_type == "INFRINGES":
            if citation.paragraph:
                props["paragraph"] = citation.paragraph
            if citation.point:
                props["point"] = citation.point
        self.rel(rel_type, decision_id, citation.article_id, props, origin, citation.provision)
