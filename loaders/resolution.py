"""Deterministic entity resolution: proposals to merge parties that are the same.

Two Company (or two Person) nodes are candidates when a name or alias of one has the
same fingerprint as a name or alias of the other (the ``fingerprints`` library, with
legal forms removed); only a match of the names themselves (or a shared identifier) is
applied by ``accept``, alias-only matches are listed for review. A candidate pair is dropped when both have a country and they
differ, or both have an identifier of one scheme with different values. Anonymous
parties (kind ``anonymous``) never merge. Accepting a proposal keeps the canonical node,
adds every other name as an alias, unions sources and identifiers, fills missing
properties, and moves every relationship onto the canonical node.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from enforcegraph.graph.store.base import GraphStore, Node, merge_properties
from enforcegraph.loaders.gdprfines_tables import load_tables, party_key
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["Proposal", "accept", "propose"]

LABELS = ("Company", "Person")
_ORIGIN = Origin("enforcegraph resolve", "merge")


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


def _conflict(a: Node, b: Node) -> bool:
    if a.get("country") and b.get("country") and a.get("country") != b.get("country"):
        return True
    sa, sb = _schemes(a), _schemes(b)
    return any(sa[s] and sb[s] and not sa[s] & sb[s] for s in set(sa) & set(sb))


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
    """
    forms = load_tables().legal_forms
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
        for ids in by_key.values():
            ordered = sorted(ids)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    if _conflict(nodes[a], nodes[b]):
                        continue
                    shared_ident = {str(x) for x in nodes[a].get("identifiers") or []} & {
                        str(x) for x in nodes[b].get("identifiers") or []}
                    if name_key[a] == name_key[b] or shared_ident:
                        strong.append((a, b))
                    else:
                        weak.add((a, b))
        groups = _components(strong)
        grouped = {n for g in groups for n in g}
        involved = sorted(grouped | {n for pair in weak for n in pair})
        rels = store.relationships_of(involved) if involved else []
        degree = {n: sum(1 for r in rels if n in (r.start, r.end)) for n in involved}
        for group in groups:
            proposals.append(_proposal(label, group, nodes, keys, degree, "name"))
        for a, b in sorted(weak):
            if not any(a in g and b in g for g in groups):
                proposals.append(_proposal(label, {a, b}, nodes, keys, degree, "alias"))
    return sorted(proposals, key=lambda p: (p.strength != "name", p.label, p.canonical))


def accept(store: GraphStore, proposals: list[Proposal]) -> int:
    """Apply the "name" proposals; return how many nodes were merged away."""
    merged_away = 0
    for proposal in (p for p in proposals if p.strength == "name"):
        ids = [proposal.canonical, *proposal.merged]
        nodes = store.get_many(ids)
        if proposal.canonical not in nodes:
            continue
        canonical = nodes[proposal.canonical]
        props = dict(canonical.properties)
        for other_id in proposal.merged:
            other = nodes.get(other_id)
            if other is None:
                continue
            extra = {k: v for k, v in other.properties.items() if k not in props or k in ("sources", "aliases", "identifiers")}
            props = merge_properties(props, extra)
        names = [n for node_id in ids if node_id in nodes for n in _names(nodes[node_id])]
        aliases = [n for n in dict.fromkeys([*(props.get("aliases") or []), *names]) if n != props.get("name")]
        props["aliases"] = aliases
        batch = Batch(nodes=[NodeRecord(canonical.id, canonical.label, props, _ORIGIN)])
        doomed = set(proposal.merged) & set(nodes)
        for rel in store.relationships_of(sorted(doomed)):
            start = proposal.canonical if rel.start in doomed else rel.start
            end = proposal.canonical if rel.end in doomed else rel.end
            if start == end:
                continue
            batch.relationships.append(
                RelationshipRecord(rel.type, start, end, dict(rel.properties), rel.key, _ORIGIN))
        store.upsert(batch)
        merged_away += store.delete(sorted(doomed))
    return merged_away
