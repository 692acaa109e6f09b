"""Deterministic entity resolution: proposals to merge parties that are the same.

Two Company (or two Person) nodes are candidates when a name or alias of one has the
same fingerprint as a name or alias of the other (the ``fingerprints`` library, with
legal forms removed); only a match of the names themselves (or a shared identifier) is
applied by ``accept``. A shared alias is not enough for a company (two legal entities
share the trading name "DeepSeek"): alias-only matches are proposed for review between
people only. A candidate pair is dropped when both have a country and they differ, or
both have an identifier of one scheme with different values. Anonymous parties (kind
``anonymous``) never merge, and a pair already judged is never proposed again.

Accepting, rejecting and splitting write judgements (graph/record/judgements.py) that the
store applies at once, in one transaction, and on every later load: the merged id's
assertions land on the canonical node (its names become aliases, sources and list
values are unioned), its relationships move with them, and a split gives each id back
what its sources said.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from enforcegraph.graph.record.judgements import Judgement, Verdict, canonical_ids, latest, pair
from enforcegraph.graph.store.base import GraphStore, Node
from enforcegraph.loaders.firmnames import distinct_firms
from enforcegraph.loaders.gdprfines_tables import load_tables
from enforcegraph.schema.errors import EnforcegraphError, NotFound
from enforcegraph.schema.names import party_key

__all__ = ["Proposal", "accept", "conflicting", "judge_pair", "propose"]

LABELS = ("Company", "Person")
ALIAS_REVIEW_LABELS = ("Person",)  # a shared alias never proposes merging companies


@dataclass
class Proposal:
    """Nodes to merge into ``canonical``, with the evidence."""

    label: str
    canonical: str
    merged: list[str]
    names: dict[str, list[str]]
    keys: list[str]
    countries: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    strength: str = "name"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "label": self.label,
            "canonical": self.canonical,
            "merge": self.merged,
            "strength": self.strength,
            "evidence": {
                "names": self.names,
                "shared_fingerprints": self.keys,
                "countries": self.countries,
                "shared_identifiers": self.identifiers,
            },
        }


def _names(node: Node) -> list[str]:
    names = [str(node.get("name") or "")] + [str(a) for a in node.get("aliases") or []]
    return [n for n in names if n.strip()]


def _keys(node: Node, forms: frozenset[str]) -> set[str]:
    return {k for k in (party_key(n, forms) for n in _names(node)) if k}


def _schemes(node: Node) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for ident in node.get("identifiers") or []:
        scheme, _, value = str(ident).partition(":")
        found[scheme].add(value)
    return found


def conflicting(a: Node, b: Node) -> bool:
    """Two nodes that may never merge: both have a country and they differ, or both have
    identifiers of one scheme and none in common."""
    if a.get("country") and b.get("country") and a.get("country") != b.get("country"):
        return True
    sa, sb = _schemes(a), _schemes(b)
    return any(sa[s] and sb[s] and not sa[s] & sb[s] for s in set(sa) & set(sb))


def _told_apart(nodes: dict[str, Node], group: set[str]) -> bool:
    """Two companies of ``group`` that the firm-name guard tells apart."""
    members = sorted(group)
    return any(distinct_firms(_names(nodes[a]), _names(nodes[b]))
               for i, a in enumerate(members) for b in members[i + 1:])


def _components(pairs: list[tuple[str, str]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in parent:
        groups[find(x)].add(x)
    return list(groups.values())


def _proposal(label: str, group: set[str], nodes: dict[str, Node], keys: dict[str, set[str]],
              degree: dict[str, int], strength: str) -> Proposal:
    ordered = sorted(group, key=lambda n: (-degree[n], -len(nodes[n].get("sources") or []), n))
    shared = set.intersection(*(keys[n] for n in group)) or set.union(*(keys[n] for n in group))
    idents = set.intersection(*({str(i) for i in nodes[n].get("identifiers") or []} for n in group))
    return Proposal(
        label=label, canonical=ordered[0], merged=ordered[1:],
        names={n: _names(nodes[n]) for n in ordered}, keys=sorted(shared),
        countries=sorted({str(nodes[n].get("country")) for n in group if nodes[n].get("country")}),
        identifiers=sorted(idents), strength=strength,
    )


def propose(store: GraphStore) -> list[Proposal]:
    """Every merge proposal, in a stable order.

    ``strength`` "name": the names themselves have one fingerprint (or an identifier is
    shared); ``--accept`` applies these. "alias": only an alias matches (trading names such
    as "DeepSeek" are shared by distinct firms): listed for review, never applied.
    "legal-forms": companies (or a group of them) that the firm-name guard tells apart
    (loaders/firmnames.py: "Niantic, Inc." / "Niantic International Limited"): listed for
    review, never applied.
    """
    forms = load_tables().legal_forms
    judged = set(latest(store.judgements()))
    proposals: list[Proposal] = []
    for label in LABELS:
        nodes = {n.id: n for n in store.iter_nodes(label) if n.get("kind") != "anonymous"}
        keys = {node_id: _keys(node, forms) for node_id, node in nodes.items()}
        name_key = {node_id: party_key(str(node.get("name") or ""), forms) for node_id, node in nodes.items()}
        by_key: dict[str, list[str]] = defaultdict(list)
        for node_id, node_keys in keys.items():
            for key in node_keys:
                by_key[key].append(node_id)
        strong: list[tuple[str, str]] = []
        weak: set[tuple[str, str]] = set()
        apart: set[tuple[str, str]] = set()
        for ids in by_key.values():
            ordered = sorted(ids)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    if conflicting(nodes[a], nodes[b]) or pair(a, b) in judged:
                        continue
                    shared_ident = {str(x) for x in nodes[a].get("identifiers") or []} & {
                        str(x) for x in nodes[b].get("identifiers") or []}
                    if label == "Company" and not shared_ident and _told_apart(nodes, {a, b}):
                        apart.add((a, b))
                    elif name_key[a] == name_key[b] or shared_ident:
                        strong.append((a, b))
                    elif label in ALIAS_REVIEW_LABELS:
                        weak.add((a, b))
        groups = _components(strong)
        grouped = {n for g in groups for n in g}
        involved = sorted(grouped | {n for pair in weak | apart for n in pair})
        rels = store.relationships_of(involved) if involved else []
        degree = {n: sum(1 for r in rels if n in (r.start, r.end)) for n in involved}
        for group in groups:
            apart_within = label == "Company" and _told_apart(nodes, group)
            proposals.append(_proposal(label, group, nodes, keys, degree, "legal-forms" if apart_within else "name"))
        for a, b in sorted(apart):
            proposals.append(_proposal(label, {a, b}, nodes, keys, degree, "legal-forms"))
        for a, b in sorted(weak):
            if not any(a in g and b in g for g in groups):
                proposals.append(_proposal(label, {a, b}, nodes, keys, degree, "alias"))
    return sorted(proposals, key=lambda p: (p.strength != "name", p.label, p.canonical))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _why(proposal: Proposal) -> str:
    evidence = [f"fingerprints {', '.join(proposal.keys)}"] if proposal.keys else []
    evidence += [f"identifiers {', '.join(proposal.identifiers)}"] if proposal.identifiers else []
    return f"{proposal.strength} match: " + "; ".join(evidence)


def accept(store: GraphStore, proposals: list[Proposal], by: str = "resolve") -> int:
    """Judge the "name" proposals ``same`` (one transaction each); return how many nodes
    were merged away."""
    merged_away = 0
    for proposal in (p for p in proposals if p.strength == "name"):
        for other in proposal.merged:
            summary = store.judge(Judgement(proposal.canonical, other, "same", by, _now(), _why(proposal)))
            merged_away += 1 if summary.changed else 0
    return merged_away


def judge_pair(store: GraphStore, canonical: str, other: str, verdict: Verdict, by: str,
               why: str = "") -> Judgement:
    """Judge one pair by hand: ``same`` merges it, ``not_same`` rejects a proposal or
    splits a merge, ``unsure`` is recorded only. Both ids must be known (as nodes, or as
    ids merged into one)."""
    if canonical == other:
        raise EnforcegraphError(f"{canonical} cannot be judged against itself")
    merged = canonical_ids(store.judgements())
    known = set(store.lookup_labels([merged.get(canonical, canonical), merged.get(other, other)]))
    for node_id in (canonical, other):
        if merged.get(node_id, node_id) not in known:
            raise NotFound(f"no node {node_id} (nor an id merged into one)")
    judgement = Judgement(canonical, other, verdict, by, _now(), why)
    store.judge(judgement)
    return judgement
