"""Shortest paths between two entities (with the relationships along the way) and ego networks."""

from __future__ import annotations

import itertools

import networkx as nx

from enforcegraph.graph.analytics.facts import Row, entity_view, node_row, require_node
from enforcegraph.schema.errors import NotFound

__all__ = ["ego", "ego_subgraph", "shortest_path"]


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Row]:
    """The hops of a shortest path from ``source`` to ``target``, ignoring direction.

    Each row is one relationship: the node it leaves, the relationship (type, id and
    whether it is followed ``forward`` or ``backward``) and the node it reaches.
    Among parallel relationships the one with the smallest id is shown.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("regulator:r", "decision:d", key="ISSUED:r->d", type="ISSUED")
    >>> _ = g.add_edge("decision:d", "company:c", key="AGAINST:d->c", type="AGAINST")
    >>> [(h["from"]["id"], h["relationship"]["type"], h["to"]["id"]) for h in shortest_path(g, "company:c", "regulator:r")]
    [('company:c', 'AGAINST', 'decision:d'), ('decision:d', 'ISSUED', 'regulator:r')]
    """
    view = entity_view(graph)
    require_node(view, source)
    require_node(view, target)
    try:
        nodes = nx.shortest_path(view.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise NotFound(f"no path between {source!r} and {target!r}") from None
    hops: list[Row] = []
    for step, (here, there) in enumerate(itertools.pairwise(nodes), 1):
        forward = [(str(k), d, "forward") for k, d in view.get_edge_data(here, there, default={}).items()]
        backward = [(str(k), d, "backward") for k, d in view.get_edge_data(there, here, default={}).items()]
        key, attrs, direction = min(forward + backward, key=lambda item: item[0])
        hops.append(
            {
                "step": step,
                "from": node_row(view, here),
                "relationship": {"id": key, "type": attrs.get("type"), "direction": direction},
                "to": node_row(view, there),
            }
        )
    return hops


def ego_subgraph(graph: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` relationships of ``center`` (either direction), with
    every relationship among them, as a new MultiDiGraph (Source nodes left out).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(ego_subgraph(g, "a", 2).nodes())
    ['a', 'b', 'c']
    """
    view = entity_view(graph)
    require_node(view, center)
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    distances = nx.single_source_shortest_path_length(
        view.to_undirected(as_view=True), center, cutoff=depth
    )
    sub: nx.MultiDiGraph = view.subgraph(distances).copy()
    for node, distance in distances.items():
        sub.nodes[node]["distance"] = distance
    return sub


def ego(graph: nx.MultiDiGraph, center: str, depth: int = 1) -> list[Row]:
    """The ego network of ``center``: its nodes, by distance then id, with their degree in it.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> [(r["id"], r["distance"], r["degree"]) for r in ego(g, "b")]
    [('b', 0, 2), ('a', 1, 1), ('c', 1, 1)]
    """
    sub = ego_subgraph(graph, center, depth)
    rows = [
        {**node_row(sub, node), "distance": attrs["distance"], "degree": sub.degree(node)}
        for node, attrs in sub.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (r["distance"], r["id"]))
