"""What the linker reads from the store: each decision's issuer, targets, dates, amounts
and references as every source gave them, and which family of sources each node came from.

A *family* is a kind of source, by the dataset names of a node's record: the public
collections by the name ``source_priority`` in model.yaml gives them (``enforcement-tracker``
for ``enforcement-tracker-json:FILE``, ``gdprhub`` for ``gdprhub-csv:FILE``), every
curated input (the bundled case files, a user's own files) as ``curated``. Records are
linked only across families: two ids one case file gives are two things on purpose.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.graph.record.judgements import Judgement, canonical_ids, latest
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.linkage_evidence import Amount, Dates, refs_in
from enforcegraph.schema.model import Model

__all__ = ["CURATED", "DecisionFacts", "Link", "SanctionFacts", "families_of", "family",
           "link_groups", "read_decisions", "rejected_within"]

CURATED = "curated"
_NOT_FAMILIES = ("default", "resolve")
# amounts that stand for the decision's fine (a periodic penalty is a rate, not the fine)
_FINE_KINDS = ("fine", "proposed_fine", "penalty_liquidation", "settlement")


def family(model: Model, dataset: str) -> str:
    """The family of a dataset: the collection's name in ``source_priority``, else curated.

    >>> from enforcegraph.schema.model import load_model
    >>> m = load_model()
    >>> [family(m, d) for d in ("enforcement-tracker-json:t.json", "gdprhub-csv:x", "clearview")]
    ['enforcement-tracker', 'gdprhub', 'curated']
    """
    head = dataset.split(":", 1)[0]
    named = [k for k in model.source_priority if k not in _NOT_FAMILIES
             and (head == k or head.startswith(k + "-"))]
    return max(named, key=len) if named else CURATED


def families_of(model: Model, record: Iterable[Assertion]) -> frozenset[str]:
    """The families of the datasets that said something about one node."""
    return frozenset(family(model, a.dataset) for a in record)


@dataclass(frozen=True)
class Link:
    """A pair the linker judges: ``same`` (applied) or ``unsure`` (for review), and why."""

    label: str
    canonical: str
    other: str
    verdict: str
    rule: str
    evidence: dict[str, str] = field(default_factory=dict)

    @property
    def why(self) -> str:
        """The judgement's reason: the rule, then each piece of evidence."""
        parts = [f"{name}: {value}" for name, value in self.evidence.items()]
        return f"{self.label} link, {self.rule}" + (f"; {'; '.join(parts)}" if parts else "")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"label": self.label, "canonical": self.canonical, "other": self.other,
                "verdict": self.verdict, "rule": self.rule, "evidence": self.evidence}


def link_groups(links: Iterable[Link]) -> list[set[str]]:
    """The ids the links join, as groups (a link A-B and a link B-C make one group).

    >>> sorted(map(sorted, link_groups([Link("firm", "a", "b", "same", ""),
    ...                                 Link("firm", "c", "b", "same", "")])))
    [['a', 'b', 'c']]
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[find(link.canonical)] = find(link.other)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return list(groups.values())


def rejected_within(group: Iterable[str], judgements: Iterable[Judgement]) -> bool:
    """Whether a standing ``not_same`` keeps two of the group apart, counting the ids
    already merged into each member (a reject of B and C forbids merging B into A when C
    was merged into A before).

    >>> no = [Judgement("company:b", "company:c", "not_same", "alice", "2026-01-01")]
    >>> yes = [Judgement("company:a", "company:c", "same", "linker", "2026-01-01")]
    >>> rejected_within({"company:a", "company:b"}, no + yes), rejected_within({"company:a", "company:b"}, no)
    (True, False)
    """
    judged = list(judgements)
    merged = canonical_ids(judged)
    owner = {m: m for m in group}
    owner.update({k: v for k, v in merged.items() if v in owner})
    for judgement in latest(judged).values():
        if judgement.verdict != "not_same":
            continue
        a, b = owner.get(judgement.canonical), owner.get(judgement.other)
        if a is not None and b is not None and a != b:
            return True
    return False


@dataclass
class SanctionFacts:
    """A sanction: its kind(s) and every amount a source gave it."""

    id: str
    kinds: set[str]
    amounts: list[Amount]


@dataclass
class DecisionFacts:
    """One Decision node with what every source said about it and its neighbours."""

    id: str
    families: frozenset[str]
    priority: int
    issuers: frozenset[str]
    targets: frozenset[str]
    dates: Dates
    refs: frozenset[str]
    sanctions: list[SanctionFacts]
    title: str = ""

    @property
    def amounts(self) -> list[Amount]:
        """The amounts of its fines."""
        return [a for s in self.sanctions if s.kinds & set(_FINE_KINDS) for a in s.amounts]


def _said(record: Sequence[Assertion], name: str) -> list[Any]:
    values: list[Any] = []
    for assertion in record:
        value = assertion.values.get(name)
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, "") and item not in values:
                values.append(item)
    return values


def _amounts(record: Sequence[Assertion], when: str | None) -> list[Amount]:
    found: list[Amount] = []
    for assertion in record:
        values = assertion.values
        if values.get("amount") is not None:
            found.append(Amount(float(values["amount"]), str(values.get("currency") or "EUR"), when))
        converted = values.get("currency") not in (None, "EUR") or values.get("amount") is None
        if values.get("amount_eur") is not None and converted:
            found.append(Amount(float(values["amount_eur"]), "EUR", when))
    return found


def read_decisions(store: GraphStore) -> dict[str, DecisionFacts]:
    """Every Decision with its issuer, non-anonymous targets, dates, references (from its
    ``ref`` and the addresses of the documents it cites) and sanctions, as every source
    said them."""
    model = store.model
    ids = [n.id for n in store.iter_nodes("Decision")]
    if not ids:
        return {}
    records = store.records(ids)
    issuers: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    imposes: dict[str, list[str]] = defaultdict(list)
    for rel in store.relationships_of(ids, types=["ISSUED", "AGAINST", "IMPOSES"]):
        if rel.type == "ISSUED":
            issuers[rel.end].add(rel.start)
        elif rel.type == "AGAINST" and rel.start in records:
            targets[rel.start].add(rel.end)
        elif rel.type == "IMPOSES":
            imposes[rel.start].append(rel.end)
    parties = store.get_many({t for found in targets.values() for t in found})
    anonymous = {pid for pid, node in parties.items() if node.get("kind") == "anonymous"}
    sanction_ids = sorted({s for found in imposes.values() for s in found})
    sanction_records = store.records(sanction_ids) if sanction_ids else {}
    source_ids = {s for rec in records.values() for s in _said(rec, "sources")}
    source_ids |= {s for rec in records.values() for a in rec for s in a.sources}
    urls = {sid: str(node.get("url") or "") for sid, node in store.get_many(source_ids).items()}
    facts: dict[str, DecisionFacts] = {}
    for decision_id in ids:
        record = records.get(decision_id, [])
        dates = Dates(tuple(_said(record, "date")), tuple(_said(record, "announced_date")))
        when = next((d for d in dates.all if len(d) == 10), dates.all[0] if dates.all else None)
        cited = {s for a in record for s in a.sources}
        texts = [str(v) for v in _said(record, "ref")]  # not titles: they cite other decisions
        texts += [urls[s] for s in sorted(cited) if urls.get(s)]
        sanctions = [
            SanctionFacts(sid, {str(k) for k in _said(sanction_records.get(sid, []), "kind")},
                          _amounts(sanction_records.get(sid, []), when))
            for sid in imposes.get(decision_id, [])
        ]
        facts[decision_id] = DecisionFacts(
            id=decision_id,
            families=families_of(model, record),
            priority=max((model.priority(a.dataset) for a in record), default=0),
            issuers=frozenset(issuers.get(decision_id, set())),
            targets=frozenset(targets.get(decision_id, set()) - anonymous),
            dates=dates,
            refs=frozenset(refs_in(texts)),
            sanctions=sanctions,
            title=str((_said(record, "title") or _said(record, "ref") or [decision_id])[0]),
        )
    return facts
