"""Communities (Louvain, fixed seed) and connected components of the entity network."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from enforcegraph.graph.analytics.facts import Row, entity_view, node_row, simple_undirected

__all__ = ["communities", "components"]


def _group_rows(graph: nx.MultiDiGraph, groups: Iterable[Iterable[str]], name: str) -> list[Row]:
    ordered = sorted((sorted(group) for group in groups), key=lambda g: (-len(g), g[0]))
    rows: list[Row] = []
    for index, members in enumerate(ordered, 1):
        labels = Counter(str(graph.nodes[m].get("label")) for m in members)
        rows.append(
            {
                name: index,
                "size": len(members),
                "labels": dict(sorted(labels.items())),
                "members": [node_row(graph, m) for m in members],
            }
        )
    return rows


def communities(
    graph: nx.MultiDiGraph, *, seed: int = 42, resolution: float = 1.0, min_size: int = 1
) -> list[Row]:
    """Louvain communities of the undirected entity network, largest first.

    Parallel relationships add weight; Source nodes are left out. The fixed ``seed``
    makes the result stable from run to run.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for a, b in [("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")]:
    ...     _ = g.add_edge(a, b, type="ABOUT")
    >>> [[m["id"] for m in row["members"]] for row in communities(g)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    simple = simple_undirected(entity_view(graph))
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", resolution=resolution, seed=seed)
    return [r for r in _group_rows(graph, found, "community") if r["size"] >= min_size]


def components(graph: nx.MultiDiGraph, *, min_size: int = 1) -> list[Row]:
    """Weakly connected components of the entity network, largest first.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("x", "y")])
    >>> [(row["component"], row["size"]) for row in components(g)]
    [(1, 3), (2, 2)]
    """
    view = entity_view(graph)
    found = nx.weakly_connected_components(view)
    return [r for r in _group_rows(graph, found, "component") if r["size"] >= min_size]
