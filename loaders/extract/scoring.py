"""Score an extraction against an analyst's gold labels: precision and recall per kind."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from enforcegraph.loaders.extract.proposals import Extraction, Proposal
from enforcegraph.schema.names import name_key

__all__ = ["SCORED_KINDS", "Score", "claims_match", "gold_amounts", "score_extraction"]

SCORED_KINDS = (
    "regulator", "company", "person", "law", "article", "relationship", "decision",
    "decision_facts", "amount", "statement", "claim", "mention",
)
_STOP = frozenset(["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "from", "by", "with", "that", "this", "it", "its", "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "no", "nor", "any", "all", "as", "so", "such", "than", "then", "there", "their", "they", "them", "we", "our", "us", "i", "my", "me", "you", "your", "he", "she", "his", "her", "which", "who", "what", "would", "could", "should", "will", "shall", "can", "may", "might", "just", "like", "other", "only", "also"])


@dataclass(frozen=True)
class Score:
    """Matches of one kind: true positives, false positives, false negatives."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of proposals that are right (1.0 when nothing was proposed or expected)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when nothing was expected)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with rounded ratios."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3)}


def _variants(name: str | list[str]) -> set[str]:
    """A gold name (or any of a list of names) and the parts of "Long Name (SHORT)"."""
    if isinstance(name, list):
        return set().union(*(_variants(n) for n in name))
    parts = {name, *re.findall(r"\(([^)]+)\)", name), re.sub(r"\s*\([^)]*\)", "", name)}
    return {name_key(p) for p in parts if name_key(p)}


def _names(proposal: Proposal) -> set[str]:
    props = proposal.properties
    values = [proposal.name, props.get("name"), props.get("acronym"), props.get("short_name"),
              *(props.get("aliases") or []), *(s.text for s in proposal.spans)]
    keys = {name_key(v) for v in values if isinstance(v, str)}
    if proposal.node_id:
        keys.add(proposal.node_id)
    return keys - {""}


def _greedy(gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], bool]) -> Score:
    used: set[int] = set()
    tp = 0
    for item in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and same(item, p)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return Score(tp, len(pred) - tp, len(gold) - tp)


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
            if len(w) > 2 and w not in _STOP}


def claims_match(gold: str, pred: str, threshold: float = 0.5) -> bool:
    """A proposed claim states a gold claim: enough of its content words (stemmed) are there.

    >>> claims_match("Clearview complies with all standards of privacy and law",
    ...              "We only collect public data and comply with all standards of privacy and law.")
    True
    """
    words = _words(gold)
    return bool(words) and len(words & _words(pred)) / len(words) >= threshold


def _entity(extraction: Extraction, gold: dict[str, Any], label: str, kind: str) -> Score:
    wanted = [e for e in gold.get("entities", []) if e["label"] == label]
    proposals = extraction.of_kind(kind)

    def same(item: dict[str, Any], proposal: Proposal) -> bool:
        keys = _names(proposal)
        if item.get("id") and item["id"] in keys:
            return True
        return bool(_variants(item.get("name") or item.get("citation") or "") & keys)

    return _greedy(wanted, proposals, same)


def _name_of(extraction: Extraction, proposal_ids: list[str]) -> set[str]:
    return set().union(*(_names(extraction.by_id(i)) for i in proposal_ids)) if proposal_ids else set()


def _decisions(extraction: Extraction, gold: dict[str, Any]) -> tuple[Score, Score]:
    proposals = extraction.of_kind("decision")

    def fine(proposal: Proposal) -> dict[str, Any]:
        return next((s for s in proposal.properties.get("sanctions") or [] if "amount" in s), {})

    def same(item: dict[str, Any], proposal: Proposal) -> bool:
        regulator = _name_of(extraction, proposal.links.get("regulator", []))
        against = _name_of(extraction, proposal.links.get("against", []))
        return (bool(_variants(item["regulator"]) & regulator or item["regulator"] in regulator)
                and (not against if item["against"] is None else bool(_variants(item["against"]) & against))
                and fine(proposal).get("amount") == item.get("amount")
                and fine(proposal).get("currency") == item.get("currency"))

    score = _greedy(gold.get("decisions", []), proposals, same)
    gold_facts: list[tuple[str, Any]] = []
    pred_facts: list[tuple[str, Any]] = []
    for item in gold.get("decisions", []):
        gold_facts += _facts(item)
        match = next((p for p in proposals if same(item, p)), None)
        if match is not None:
            props = match.properties
            pred_facts += _facts({
                "statutory_maximum": bool(fine(match).get("statutory_maximum")),
                "cites": [_cite(c["article"]) for c in props.get("cites") or []],
                "announced_date": _announced(item, props.get("announced_date")),
                "appeal_intent": bool(props.get("appeal_intent")),
            })
    return score, _greedy(gold_facts, pred_facts, lambda a, b: bool(a == b))


def _cite(article: str) -> str:
    """An article id as the gold writes it ("article:uk-gdpr-32" -> "UK GDPR Art. 32").

    >>> _cite("article:gdpr-83"), _cite("article:uk-gdpr-32"), _cite("article:bdsg-26")
    ('GDPR Art. 83', 'UK GDPR Art. 32', 'article:bdsg-26')
    """
    for prefix, law in (("article:gdpr-", "GDPR"), ("article:uk-gdpr-", "UK GDPR")):
        if article.startswith(prefix):
            return f"{law} Art. {article.removeprefix(prefix)}"
    return article


def _announced(item: dict[str, Any], proposed: Any) -> Any:
    """The proposal's date as a fact against a gold decision: scored only where the gold gives
    an ``announced_date``, and right when it is any of the gold's dates (as in evaluation.py).

    >>> _announced({"announced_date": "2022-01-31", "date": "2022-01-27"}, "2022-01-27")
    '2022-01-31'
    >>> _announced({"decision_date": "2022-12-19"}, "2022-12-19") is None
    True
    >>> _announced({"announced_date": "2022-01-31"}, "2022-02-01")
    '2022-02-01'
    """
    if not item.get("announced_date") or not proposed:
        return None
    dates = [str(item[k]) for k in ("announced_date", "date", "decision_date") if item.get(k)]
    have = str(proposed)
    right = any(have == d or (len(d) < 10 and have.startswith(d)) for d in dates)
    return item["announced_date"] if right else proposed


def _facts(item: dict[str, Any]) -> list[tuple[str, Any]]:
    # an article's paragraph is not compared ("UK GDPR Art. 32(1)" is "UK GDPR Art. 32")
    facts: list[tuple[str, Any]] = [("cites", c) for c in sorted({re.sub(r"(?<=\d)\(.*$", "", c)
                                                                  for c in item.get("cites") or []})]
    if item.get("statutory_maximum"):
        facts.append(("maximum", True))
    if item.get("announced_date"):
        facts.append(("announced", item["announced_date"]))
    if item.get("appeal_intent"):
        facts.append(("appeal", True))
    return facts


def gold_amounts(gold: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The amounts a gold file says the report states: money, percentages, and both ends of
    a range ("fines from 70.000 euros to 3,94 millones": ``amount_range``).

    >>> gold_amounts({"amounts": [{"amount": 5, "currency": "EUR"}, {"percent": 4},
    ...                           {"amount_range": [1, 9], "currency": "EUR"}]})
    [('money', 5, 'EUR'), ('percent', 4), ('money', 1, 'EUR'), ('money', 9, 'EUR')]
    """
    wanted: list[tuple[Any, ...]] = []
    for item in gold.get("amounts", []):
        if "percent" in item:
            wanted.append(("percent", item["percent"]))
        elif "amount_range" in item:
            wanted += [("money", end, item["currency"]) for end in item["amount_range"]]
        else:
            wanted.append(("money", item["amount"], item["currency"]))
    return wanted


def _amounts(extraction: Extraction, gold: dict[str, Any]) -> Score:
    pred: list[tuple[Any, ...]] = [
        ("money", p.properties["amount"], p.properties["currency"]) for p in extraction.of_kind("amount")
    ] + [("percent", p.properties["percent"]) for p in extraction.of_kind("percentage")]
    return _greedy(gold_amounts(gold), pred, lambda a, b: bool(a == b))


def _relationships(extraction: Extraction, gold: dict[str, Any]) -> Score:
    def same(item: dict[str, Any], proposal: Proposal) -> bool:
        return (proposal.properties.get("type") == item["type"]
                and bool(_variants(item["from"]) & _name_of(extraction, proposal.links.get("from", [])))
                and bool(_variants(item["to"]) & _name_of(extraction, proposal.links.get("to", []))))

    return _greedy(gold.get("relationships", []), extraction.of_kind("relationship"), same)


def _statements(extraction: Extraction, gold: dict[str, Any]) -> tuple[Score, Score]:
    proposals = extraction.of_kind("statement")

    def same(item: dict[str, Any], proposal: Proposal) -> bool:
        return bool(_variants(item["speaker"]) & _name_of(extraction, proposal.links.get("made_by", [])))

    score = _greedy(gold.get("statements", []), proposals, same)
    gold_claims = [c for s in gold.get("statements", []) for c in s.get("claims", [])]
    pred_claims = [c for p in proposals for c in p.properties.get("claims") or []]
    return score, _greedy(gold_claims, pred_claims, claims_match)


def score_extraction(extraction: Extraction, gold: dict[str, Any]) -> dict[str, Score]:
    """Precision and recall of every scored kind against one gold file."""
    decisions, decision_facts = _decisions(extraction, gold)
    statements, claims = _statements(extraction, gold)
    mentions = _greedy(
        gold.get("not_parties", []), extraction.of_kind("mention"),
        lambda name, p: bool(_variants(name) & _names(p)))
    return {
        "regulator": _entity(extraction, gold, "Regulator", "regulator"),
        "company": _entity(extraction, gold, "Company", "company"),
        "person": _entity(extraction, gold, "Person", "person"),
        "law": _entity(extraction, gold, "Law", "law"),
        "article": _entity(extraction, gold, "LegalArticle", "article"),
        "relationship": _relationships(extraction, gold),
        "decision": decisions,
        "decision_facts": decision_facts,
        "amount": _amounts(extraction, gold),
        "statement": statements,
        "claim": claims,
        "mention": mentions,
    }
