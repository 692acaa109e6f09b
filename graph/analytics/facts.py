"""Shared reading of the graph for analytics: entity views, node rows, decision facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from enforcegraph.graph.domain import rules as domain
from enforcegraph.schema.errors import NotFound

__all__ = [
    "DecisionFacts",
    "Row",
    "decision_facts",
    "display_name",
    "entity_view",
    "group_of",
    "node_row",
    "require_node",
    "simple_undirected",
]

Row = dict[str, Any]
NAME_KEYS = ("name", "citation", "title", "ref", "url")


def display_name(graph: nx.MultiDiGraph, node_id: str) -> str:
    """The best human name of a node (its id when it has none).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:x", label="Company", name="X Ltd")
    >>> display_name(g, "company:x"), display_name(g, "missing:y")
    ('X Ltd', 'missing:y')
    """
    attrs = graph.nodes[node_id] if node_id in graph else {}
    for key in NAME_KEYS:
        if attrs.get(key):
            return str(attrs[key])
    return node_id


def node_row(graph: nx.MultiDiGraph, node_id: str, *extra: str) -> Row:
    """``{"id", "label", "name"}`` of a node, plus the named properties."""
    attrs = graph.nodes[node_id] if node_id in graph else {}
    row: Row = {"id": node_id, "label": attrs.get("label"), "name": display_name(graph, node_id)}
    for name in extra:
        row[name] = attrs.get(name)
    return row


def require_node(graph: nx.MultiDiGraph, node_id: str) -> None:
    """Raise NotFound unless the node is in the graph."""
    if node_id not in graph:
        raise NotFound(f"no node {node_id!r} in the graph")


def group_of(attrs: dict[str, Any]) -> list[str]:
    """The ranking groups of a node: its label, and PRAgency for PR agencies.

    >>> group_of({"label": "Company", "roles": ["pr_agency"]})
    ['Company', 'PRAgency']
    """
    groups = [str(attrs.get("label"))]
    if "pr_agency" in (attrs.get("roles") or []):
        groups.append("PRAgency")
    return groups


def entity_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without Source nodes (provenance, not part of the network's shape)."""
    keep = [n for n, label in graph.nodes(data="label") if label != "Source"]
    view: nx.MultiDiGraph = graph.subgraph(keep)
    return view


def simple_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """An undirected simple graph; ``weight`` counts the relationships between two nodes.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> sorted(simple_undirected(g).edges(data="weight"))
    [('a', 'b', 2), ('b', 'c', 1)]
    """
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for start, end in graph.edges():
        if start == end:
            continue
        if simple.has_edge(start, end):
            simple[start][end]["weight"] += 1
        else:
            simple.add_edge(start, end, weight=1)
    return simple


@dataclass
class DecisionFacts:
    """What the graph says about one decision.

    ``issuer``: the one shown (regulators first, then courts, then by id: the domain's
    order); ``targets``: every party of the decision (its own AGAINST and its sanctions');
    ``sanction_targets``: sanction id -> whom it targets (its own AGAINST, else the
    decision's).
    """

    id: str
    date: str | None
    issuer: str | None = None
    targets: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    sanctions: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    sanction_targets: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Ref:
    """A node of the NetworkX graph as the domain rules read it."""

    id: str
    label: str
    properties: dict[str, Any]


def _edges(graph: nx.MultiDiGraph, rel_type: str) -> Iterable[tuple[str, str]]:
    for start, end, kind in graph.edges(data="type"):
        if kind == rel_type:
            yield start, end


def decision_facts(graph: nx.MultiDiGraph) -> dict[str, DecisionFacts]:
    """Every decision with its issuer, targets (direct or via a sanction), articles, sanctions.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("decision:d", label="Decision", date="2022-10-17")
    >>> g.add_node("court:a", label="Court")
    >>> g.add_node("regulator:r", label="Regulator")
    >>> g.add_edge("court:a", "decision:d", type="ISSUED")
    0
    >>> g.add_edge("regulator:r", "decision:d", type="ISSUED")
    0
    >>> g.add_edge("decision:d", "company:c", type="AGAINST")
    0
    >>> f = decision_facts(g)["decision:d"]
    >>> f.issuer, f.targets
    ('regulator:r', ['company:c'])
    """
    facts = {
        node: DecisionFacts(node, attrs.get("date"))
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") == "Decision"
    }
    sanction_of: dict[str, str] = {}
    for start, end in _edges(graph, "IMPOSES"):
        if start in facts:
            facts[start].sanctions.append(end)
            sanction_of[end] = start
    issuers: dict[str, list[_Ref]] = defaultdict(list)
    for start, end in _edges(graph, "ISSUED"):
        if end in facts:
            attrs = graph.nodes[start]
            issuers[end].append(_Ref(start, str(attrs.get("label") or ""), attrs))
    for decision_id, found in issuers.items():
        issuer = domain.decision_issuer(found)
        facts[decision_id].issuer = issuer.id if issuer else None
    against: dict[str, list[str]] = defaultdict(list)
    for start, end in _edges(graph, "AGAINST"):
        if start in facts or start in sanction_of:
            against[start].append(end)
    for rel_type in ("INFRINGES", "CITES"):
        for start, end in _edges(graph, rel_type):
            if start not in facts:
                continue
            label = graph.nodes[end].get("label")
            bucket = facts[start].laws if label == "Law" else facts[start].articles
            if end not in bucket and (rel_type == "INFRINGES" or label == "Law"):
                bucket.append(end)
    for decision_id, fact in facts.items():
        fact.sanction_targets = {
            s: sorted(set(domain.sanction_targets(against.get(s, []), against.get(decision_id, []))))
            for s in fact.sanctions
        }
        fact.targets = domain.decision_parties(
            against.get(decision_id, []), (t for s in fact.sanctions for t in against.get(s, []))
        )
        fact.articles.sort()
        fact.sanctions.sort()
        fact.laws.sort()
    return facts
