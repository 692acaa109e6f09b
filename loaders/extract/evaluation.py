"""Decision-level scores against gold labels: fields, fully right decisions, reliability.

A proposed decision is matched to at most one gold decision, greedily by the number of
fields (issuer, target, kind, amount, currency) that agree; at least two must agree, one
of them the target or the amount. Gold decisions with ``role: other`` (earlier decisions,
comparisons, fines on other firms) count only when proposed; a ``main`` one nobody
proposed is wrong in every field; a proposal that matches nothing counts against the
share of fully right decisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from enforcegraph.loaders.extract.proposals import Extraction, Proposal
from enforcegraph.schema.names import name_key

__all__ = [
    "FIELDS", "DecisionOutcome", "PartScore", "decision_outcomes", "decision_rows", "main_sanction", "reliability",
    "score_part",
]

FIELDS = ("issuer", "target", "kind", "amount", "currency", "date")
_CORE = ("issuer", "target", "kind", "amount", "currency")


@dataclass(frozen=True)
class DecisionOutcome:
    """One scored decision: which fields are right, and the proposal's confidence."""

    fields: dict[str, bool | None]  # None: not scored (the gold gives no date)
    confidence: float | None        # None: nobody proposed it
    role: str                       # main | other | spurious
    proposal_id: str | None = None

    @property
    def fully_right(self) -> bool:
        """Issuer, target, kind, amount and currency all right."""
        return all(self.fields.get(f) for f in _CORE)


@dataclass
class PartScore:
    """Decision scores over a set of reports."""

    outcomes: list[DecisionOutcome] = field(default_factory=list)

    def field_share(self, name: str) -> float:
        """Share of scored decisions (spurious proposals aside) with this field right."""
        scored = [o.fields[name] for o in self.outcomes if o.role != "spurious" and o.fields.get(name) is not None]
        return sum(1 for v in scored if v) / len(scored) if scored else 1.0

    def field_counts(self, name: str) -> tuple[int, int]:
        """(right, scored) for one field."""
        scored = [o.fields[name] for o in self.outcomes if o.role != "spurious" and o.fields.get(name) is not None]
        return sum(1 for v in scored if v), len(scored)

    @property
    def fully_right(self) -> float:
        """Share of decisions fully right, spurious proposals counted as wrong ones."""
        return sum(o.fully_right for o in self.outcomes) / len(self.outcomes) if self.outcomes else 1.0

    @property
    def counts(self) -> tuple[int, int]:
        """(fully right, decisions scored including spurious proposals)."""
        return sum(o.fully_right for o in self.outcomes), len(self.outcomes)

    def proposals(self) -> list[tuple[float, bool]]:
        """(confidence, fully right) of every decision proposal."""
        return [(o.confidence, o.fully_right) for o in self.outcomes if o.confidence is not None]


def main_sanction(sanctions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The sanction that gives a decision its kind: the first with money, else the first."""
    return next((s for s in sanctions if s.get("amount") is not None), sanctions[0] if sanctions else {})


def decision_rows(extraction: Extraction) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(issuer id, target name, kind, amount, currency) of each decision proposed, in order."""
    rows = []
    for proposal in extraction.of_kind("decision"):
        fine = main_sanction(proposal.properties["sanctions"])
        issuer = [extraction.by_id(i).node_id for i in proposal.links.get("regulator", [])]
        target = [extraction.by_id(i).name for i in proposal.links.get("against", [])]
        rows.append((issuer[0] if issuer else None, target[0] if target else None, fine.get("kind"),
                     fine.get("amount"), fine.get("currency")))
    return rows


def _keys(values: Iterable[Any]) -> set[str]:
    return {name_key(v) for v in values if isinstance(v, str) and name_key(v)}


def _proposal_names(extraction: Extraction, ids: list[str]) -> tuple[set[str], set[str]]:
    """Name keys and node ids of linked proposals."""
    names: set[str] = set()
    nodes: set[str] = set()
    for pid in ids:
        other = extraction.by_id(pid)
        props = other.properties
        names |= _keys([other.name, props.get("name"), props.get("acronym"), *(props.get("aliases") or [])])
        if other.node_id:
            nodes.add(other.node_id)
    return names, nodes


def _gold_names(value: Any) -> set[str]:
    """Name keys of a gold issuer or target (any of a list), a "Long Name (SHORT)" also as
    its parts, as the per-kind scorer reads names.

    >>> sorted(_gold_names("Autoridade Nacional de Proteção de Dados (ANPD)"))[:2]
    ['anpd', 'autoridade nacional de protecao de dados']
    """
    values = value if isinstance(value, list) else [value]
    names = [str(v) for v in values if v]
    parts = [p for n in names for p in (*re.findall(r"\(([^)]+)\)", n), re.sub(r"\s*\([^)]*\)", "", n))]
    return _keys([*names, *parts])


def _issuer_right(gold: dict[str, Any], extraction: Extraction, proposal: Proposal) -> bool:
    names, nodes = _proposal_names(extraction, proposal.links.get("regulator", []))
    wanted = str(gold.get("regulator") or "")
    return wanted in nodes or bool(_gold_names(wanted) & names)


def _target_right(gold: dict[str, Any], extraction: Extraction, proposal: Proposal) -> bool:
    """The proposal names the gold's target (any of a list); where the gold names none
    (``against: null``), right only if the proposal names none either."""
    linked = proposal.links.get("against", [])
    if gold.get("against") is None:
        return not linked
    names, _ = _proposal_names(extraction, linked)
    return bool(_gold_names(gold.get("against")) & names)


def _gold_dates(gold: dict[str, Any]) -> set[str]:
    return {str(gold[k]) for k in ("announced_date", "date", "decision_date") if gold.get(k)}


def _date_right(gold: dict[str, Any], proposal: Proposal) -> bool | None:
    wanted = _gold_dates(gold)
    if not wanted:
        return None
    have = str(proposal.properties.get("announced_date") or proposal.properties.get("period") or "")
    return bool(have) and any(have == d or (len(d) < 10 and have.startswith(d)) for d in wanted)


def _fields(gold: dict[str, Any], extraction: Extraction, proposal: Proposal) -> dict[str, bool | None]:
    sanction = main_sanction(proposal.properties.get("sanctions") or [])
    amount = sanction.get("amount")
    return {
        "issuer": _issuer_right(gold, extraction, proposal),
        "target": _target_right(gold, extraction, proposal),
        "kind": sanction.get("kind") == gold.get("sanction"),
        "amount": (amount is None and gold.get("amount") is None) or (
            amount is not None and gold.get("amount") is not None and abs(float(amount) - float(gold["amount"])) < 0.005),
        "currency": sanction.get("currency") == gold.get("currency"),
        "date": _date_right(gold, proposal),
    }


def decision_outcomes(extraction: Extraction, gold: dict[str, Any]) -> list[DecisionOutcome]:
    """Every gold decision and every decision proposal of one report, scored."""
    items = list(gold.get("decisions") or [])
    proposals = extraction.of_kind("decision")
    pairs = []
    for gi, item in enumerate(items):
        for pi, proposal in enumerate(proposals):
            fields = _fields(item, extraction, proposal)
            agree = sum(bool(fields[f]) for f in _CORE)
            if agree >= 2 and (fields["target"] or (fields["amount"] and item.get("amount") is not None)):
                main = (item.get("role") or "main") == "main"
                pairs.append((agree, main, -pi, gi, pi, fields))
    pairs.sort(reverse=True)
    used_gold: set[int] = set()
    used_prop: set[int] = set()
    outcomes: list[DecisionOutcome] = []
    for _, _, _, gi, pi, fields in pairs:
        if gi in used_gold or pi in used_prop:
            continue
        used_gold.add(gi)
        used_prop.add(pi)
        outcomes.append(DecisionOutcome(fields, proposals[pi].confidence, items[gi].get("role") or "main",
                                        proposals[pi].id))
    for gi, item in enumerate(items):
        if gi not in used_gold and (item.get("role") or "main") == "main":
            missed: dict[str, bool | None] = {f: False for f in _CORE}
            missed["date"] = False if _gold_dates(item) else None
            outcomes.append(DecisionOutcome(missed, None, "main"))
    for pi, proposal in enumerate(proposals):
        if pi not in used_prop:
            wrong: dict[str, bool | None] = {f: False for f in FIELDS}
            outcomes.append(DecisionOutcome(wrong, proposal.confidence, "spurious", proposal.id))
    return outcomes


def score_part(results: Iterable[tuple[Extraction, dict[str, Any]]]) -> PartScore:
    """Scores over many reports."""
    part = PartScore()
    for extraction, gold in results:
        part.outcomes += decision_outcomes(extraction, gold)
    return part


def reliability(pairs: Sequence[tuple[float, bool]],
                bands: Sequence[float] = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)) -> list[tuple[str, int, float | None]]:
    """(band, proposals, share right) per confidence band.

    >>> reliability([(0.95, True), (0.92, False), (0.5, True)], (0.0, 0.9, 1.01))
    [('0.00-0.90', 1, 1.0), ('0.90-1.00', 2, 0.5)]
    """
    rows = []
    for low, high in pairwise(bands):
        inside = [right for conf, right in pairs if low <= conf < high]
        label = f"{low:.2f}-{min(high, 1.0):.2f}"
        rows.append((label, len(inside), sum(inside) / len(inside) if inside else None))
    return rows
