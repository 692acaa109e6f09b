"""What the article loader proposes: facts with spans, a confidence and the rule behind them."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Extraction", "Proposal", "Span"]

# Every kind of proposal, in the order the review table shows them.
KINDS = (
    "regulator", "company", "person", "law", "article", "amount", "percentage",
    "relationship", "decision", "statement", "mention",
)


@dataclass(frozen=True, order=True)
class Span:
    """A character range of the article text (``text[start:end]``)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Proposal:
    """One proposed fact.

    ``node_id`` is the id the fact gets in the graph (for entities: the id of the
    matching node already in the store, when ``existing`` is true). ``links`` name other
    proposals by role (``regulator``, ``against``, ``speaker`` ...). A ``mention`` is a
    name the article only mentions: it is never loaded as a party.
    """

    id: str
    kind: str
    name: str
    spans: list[Span]
    confidence: float
    rule: str
    label: str | None = None
    node_id: str | None = None
    existing: bool = False
    properties: dict[str, Any] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)

    @property
    def start(self) -> int:
        """Where the first span starts."""
        return min((s.start for s in self.spans), default=0)

    def add_span(self, span: Span) -> None:
        """Record another span of evidence (kept sorted, without repeats)."""
        if span not in self.spans:
            self.spans.append(span)
            self.spans.sort()

    def link(self, role: str, proposal_id: str) -> None:
        """Link another proposal in a role."""
        ids = self.links.setdefault(role, [])
        if proposal_id not in ids:
            ids.append(proposal_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        """A proposal back from :meth:`to_dict` (its confidence as rounded there; nothing of
        ``data`` is shared with it)."""
        return cls(data["id"], data["kind"], data["name"], [Span(**s) for s in data["spans"]],
                   data["confidence"], data["rule"], data.get("label"), data.get("node_id"),
                   data.get("existing", False), copy.deepcopy(data.get("properties") or {}),
                   {role: list(ids) for role, ids in (data.get("links") or {}).items()})

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "name": self.name,
            "node_id": self.node_id,
            "existing": self.existing,
            "confidence": round(self.confidence, 2),
            "rule": self.rule,
            "properties": self.properties,
            "links": self.links,
            "spans": [s.to_dict() for s in self.spans],
        }


@dataclass
class Extraction:
    """The proposals made from one article."""

    article: dict[str, Any]
    proposals: list[Proposal] = field(default_factory=list)

    def by_id(self, proposal_id: str) -> Proposal:
        """One proposal by its id."""
        for proposal in self.proposals:
            if proposal.id == proposal_id:
                return proposal
        raise KeyError(proposal_id)

    def of_kind(self, *kinds: str) -> list[Proposal]:
        """The proposals of these kinds, in order."""
        return [p for p in self.proposals if p.kind in kinds]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """An extraction back from :meth:`to_dict` (``extract --json``)."""
        return cls(dict(data["article"]), [Proposal.from_dict(p) for p in data["proposals"]])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"article": self.article, "proposals": [p.to_dict() for p in self.proposals]}
