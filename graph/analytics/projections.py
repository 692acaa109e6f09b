"""The co-enforcement network: firms linked by shared regulators or infringed articles,
regulators linked by common targets (bipartite projections)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Literal

import networkx as nx

from enforcegraph.graph.analytics.facts import Row, decision_facts, node_row

__all__ = ["VIA", "co_enforcement", "co_enforcement_graph"]

Via = Literal["regulator", "article", "target"]
VIA: tuple[Via, ...] = ("regulator", "article", "target")


def _memberships(graph: nx.MultiDiGraph, via: Via) -> dict[str, set[str]]:
    """Shared thing -> the entities it links (firms, or regulators for ``target``)."""
    linked: dict[str, set[str]] = defaultdict(set)
    for fact in decision_facts(graph).values():
        firms = [t for t in fact.targets if graph.nodes[t].get("label") == "Company"]
        if via == "target":
            if fact.issuer and graph.nodes[fact.issuer].get("label") == "Regulator":
                for firm in firms:
                    linked[firm].add(fact.issuer)
            continue
        shared = [fact.issuer] if via == "regulator" and fact.issuer else []
        if via == "article":
            shared = list(fact.articles)
        for item in shared:
            linked[item].update(firms)
    return linked


def co_enforcement_graph(graph: nx.MultiDiGraph, via: Via = "regulator") -> nx.Graph:
    """The projection as a weighted NetworkX graph; ``shared`` lists what links each pair.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for node, label in [("regulator:r", "Regulator"), ("company:a", "Company"), ("company:b", "Company")]:
    ...     g.add_node(node, label=label)
    >>> for i, firm in enumerate(["company:a", "company:b"]):
    ...     g.add_node(f"decision:{i}", label="Decision")
    ...     _ = g.add_edge("regulator:r", f"decision:{i}", type="ISSUED")
    ...     _ = g.add_edge(f"decision:{i}", firm, type="AGAINST")
    >>> sorted(co_enforcement_graph(g).edges(data="shared"))
    [('company:a', 'company:b', ['regulator:r'])]
    >>> sorted(co_enforcement_graph(g, via="target").nodes())
    ['regulator:r']
    """
    if via not in VIA:
        raise ValueError(f"co-enforcement via {via!r}: use one of {', '.join(VIA)}")
    projection: nx.Graph = nx.Graph()
    for shared, members in sorted(_memberships(graph, via).items()):
        projection.add_nodes_from(sorted(members))
        for first, second in combinations(sorted(members), 2):
            if projection.has_edge(first, second):
                projection[first][second]["shared"].append(shared)
                projection[first][second]["weight"] += 1
            else:
                projection.add_edge(first, second, shared=[shared], weight=1)
    return projection


def co_enforcement(graph: nx.MultiDiGraph, via: Via = "regulator", min_weight: int = 1) -> list[Row]:
    """Pairs of firms sharing a regulator or an infringed article, or pairs of regulators
    sharing a target (``via="target"``), heaviest first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:c", label="Company", name="C")
    >>> for r in ["regulator:fr", "regulator:it"]:
    ...     g.add_node(r, label="Regulator", name=r[-2:].upper())
    ...     g.add_node("decision:" + r, label="Decision")
    ...     _ = g.add_edge(r, "decision:" + r, type="ISSUED")
    ...     _ = g.add_edge("decision:" + r, "company:c", type="AGAINST")
    >>> row = co_enforcement(g, via="target")[0]
    >>> row["a"]["name"], row["b"]["name"], row["weight"], [s["id"] for s in row["shared"]]
    ('FR', 'IT', 1, ['company:c'])
    """
    projection = co_enforcement_graph(graph, via)
    rows: list[Row] = []
    for first, second, attrs in projection.edges(data=True):
        if attrs["weight"] < min_weight:
            continue
        a, b = sorted((first, second))
        rows.append(
            {
                "via": via,
                "a": node_row(graph, a),
                "b": node_row(graph, b),
                "weight": attrs["weight"],
                "shared": [node_row(graph, s) for s in sorted(attrs["shared"])],
            }
        )
    return sorted(rows, key=lambda r: (-r["weight"], r["a"]["id"], r["b"]["id"]))
