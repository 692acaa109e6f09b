"""Firms resolved across sources: the same company as a case file, the tracker and GDPRhub
name it, in case, legal-form and spelling variants.

Companies are compared unless both come from curated inputs (two ids a case file gives
are two firms on purpose; a collection's spellings are not, loaders/linkage_facts.py), by
the key of their *names* (not aliases: a shared trading name alone never merges two
companies): the fingerprint without legal forms (``Vodafone España, S.A.U.`` and
``Vodafone Espana`` are ``vodafone-espana``). Anonymous parties never take part, nor a
pair whose countries or identifiers of one scheme differ, nor a pair already judged.

===========================================================  =========================
names                                                        verdict
===========================================================  =========================
one key                                                      same with evidence, else unsure
keys equal once look-alike characters are read alike         same with evidence, else unsure
(l, I, i and 1; 0 and o; rn and m: ``Clearview Al`` = ``Clearview AI``)
keys one edit apart (keys of 8 characters or more)           unsure (never applied)
===========================================================  =========================

*Evidence* is a second, independent fact: both firms are targets of decisions of one
issuer, or both have the same country. A close name alone is never applied, nor a pair
whose names (and aliases) the firm-name guard tells apart (loaders/firmnames.py, which
the loaders use too): legal forms and none in common (``TikTok Inc.`` and the ``TikTok``
that is also ``TikTok Limited``: two legal entities of one group), or a legal form on one
side only and names that differ beyond it; these go to review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from enforcegraph.graph.record.judgements import Judgement, latest, pair
from enforcegraph.graph.store.base import GraphStore, Node
from enforcegraph.loaders.firmnames import distinct_firms, legal_forms
from enforcegraph.loaders.gdprfines_tables import load_tables
from enforcegraph.loaders.linkage_facts import (
    CURATED,
    Link,
    families_of,
    link_groups,
    rejected_within,
)
from enforcegraph.loaders.resolution import conflicting
from enforcegraph.schema.names import party_key

__all__ = ["MIN_TYPO_KEY", "legal_forms", "propose_firms", "skeleton"]

MIN_TYPO_KEY = 8
_LOOK_ALIKE = (("rn", "m"), ("vv", "w"), ("1", "l"), ("i", "l"), ("0", "o"))


def skeleton(key: str) -> str:
    """A name key with look-alike characters read alike.

    >>> skeleton("clearview-al") == skeleton("clearview-ai")
    True
    >>> skeleton("vodafone-espana") == skeleton("vodafone-spain")
    False
    """
    for seen, read in _LOOK_ALIKE:
        key = key.replace(seen, read)
    return key


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def _issuers_of(store: GraphStore, company_ids: Iterable[str]) -> dict[str, set[str]]:
    """Each company -> the issuers of the decisions against it."""
    against = [r for r in store.relationships_of(list(company_ids), types=["AGAINST"], direction="in")]
    decisions = sorted({r.start for r in against})
    issued: dict[str, set[str]] = defaultdict(set)
    for rel in store.relationships_of(decisions, types=["ISSUED"], direction="in") if decisions else []:
        issued[rel.end].add(rel.start)
    found: dict[str, set[str]] = defaultdict(set)
    for rel in against:
        found[rel.end] |= issued.get(rel.start, set())
    return found


def propose_firms(store: GraphStore) -> list[Link]:
    """Every firm link across source families not judged yet, with its evidence."""
    model = store.model
    forms = load_tables().legal_forms
    nodes = {n.id: n for n in store.iter_nodes("Company") if n.get("kind") != "anonymous"}
    if len(nodes) < 2:
        return []
    records = store.records(list(nodes))
    families = {i: families_of(model, records.get(i, [])) for i in nodes}
    priority = {i: max((model.priority(a.dataset) for a in records.get(i, [])), default=0) for i in nodes}
    keys = {i: party_key(str(n.get("name") or ""), forms) for i, n in nodes.items()}
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node_id, key in keys.items():
        if not key:
            continue
        blocks[("one key", key)].append(node_id)
        blocks[("look-alike characters", skeleton(key))].append(node_id)
        if len(key) >= MIN_TYPO_KEY:
            for variant in _deletions(key):
                blocks[("one edit apart", variant)].append(node_id)
    judgements = store.judgements()
    standing = set(latest(judgements))
    rules: dict[tuple[str, str], str] = {}
    strength = {"one key": 0, "look-alike characters": 1, "one edit apart": 2}
    for (rule, _), members in blocks.items():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                p = pair(a, b)
                both_curated = CURATED in families[a] and CURATED in families[b]
                if a == b or both_curated or p in standing or conflicting(nodes[a], nodes[b]):
                    continue
                if p not in rules or strength[rule] < strength[rules[p]]:
                    rules[p] = rule
    if not rules:
        return []
    issuers = _issuers_of(store, sorted({x for p in rules for x in p}))
    links: list[Link] = []
    for (a, b), rule in sorted(rules.items()):
        first, second = sorted((a, b), key=lambda x: (-priority[x], x))
        shared = sorted(issuers.get(a, set()) & issuers.get(b, set()))
        country = nodes[a].get("country") if nodes[a].get("country") == nodes[b].get("country") else None
        evidence = {
            "names": f"{nodes[first].get('name')!r} / {nodes[second].get('name')!r}",
            "keys": f"{keys[first]} / {keys[second]}",
            "shared issuers": ", ".join(shared) or "none",
            "country": str(country or "not both known and equal"),
        }
        carried = [legal_forms(_names_of(nodes[x])) for x in (first, second)]
        clash = distinct_firms(_names_of(nodes[first]), _names_of(nodes[second]), skeleton)
        evidence["legal forms"] = " / ".join(", ".join(sorted(f)) or "-" for f in carried)
        agreed = bool(shared or country)
        verdict = "same" if agreed and not clash and rule != "one edit apart" else "unsure"
        why = f"names: {rule}" + (f", {clash}" if clash else
                                  ", with evidence" if agreed else ", no further evidence")
        links.append(Link("firm", first, second, verdict, why, evidence))
    return _one_per_family(links, families, judgements, nodes)


def _names_of(node: Node) -> list[str]:
    return [str(n) for n in [node.get("name"), *(node.get("aliases") or [])] if n]


def _one_per_family(links: list[Link], families: dict[str, frozenset[str]],
                    judgements: list[Judgement], nodes: dict[str, Node]) -> list[Link]:
    """Links of a group holding two curated firms go to review (a firm of the tracker
    close to two firms of a case file is not merged into either), and so do those of a
    group a standing ``not_same`` keeps apart, or holding two firms the firm-name guard
    tells apart ("Niantic" linked to both "Niantic, Inc." and "Niantic International Limited")."""
    crowded: set[str] = set()
    for group in link_groups(k for k in links if k.verdict == "same"):
        curated = sum(1 for member in group if CURATED in families[member])
        members = sorted(group)
        apart = any(distinct_firms(_names_of(nodes[a]), _names_of(nodes[b]), skeleton)
                    for i, a in enumerate(members) for b in members[i + 1:])
        if curated > 1 or apart or rejected_within(group, judgements):
            crowded |= group
    return [k if k.verdict != "same" or k.canonical not in crowded
            else Link(k.label, k.canonical, k.other, "unsure", k.rule + " (but one of several)", k.evidence)
            for k in links]
