"""Communities (Louvain, fixed seed) and connected components of the entity network."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import connected_components

from enforcegraph.graph.analytics.facts import Row, entity_view, node_row, simple_undirected
from enforcegraph.graph.store.adjacency import Adjacency

__all__ = ["communities", "component_labels", "components"]

_SCIPY_UNVISITED = -9999  # NULL_IDX of scipy.sparse.csgraph: the label of a node not yet walked


def _group_rows(graph: nx.MultiDiGraph, groups: Iterable[Iterable[str]], name: str) -> list[Row]:
    ordered = sorted((sorted(group) for group in groups), key=lambda g: (-len(g), g[0]))
    rows: list[Row] = []
    for index, members in enumerate(ordered, 1):
        labels = Counter(str(graph.nodes[m].get("label") if m in graph else None) for m in members)
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


def component_labels(adjacency: Adjacency) -> tuple[int, Any]:
    """How many connected components, and the component number of each node (in order).

    The adjacency is symmetric, so its components are the weakly connected components
    of the entity network. Each node's neighbours are all in its own CSR row, so the
    walk reads the matrix once, with SciPy's compiled undirected walk
    (:func:`_walk_symmetric`), where the public ``connected_components`` would first
    build a transpose and then read both; the public call is the fallback.

    Examples
    --------
    >>> adj = Adjacency.from_networkx(nx.MultiDiGraph([("a", "b"), ("c", "b"), ("x", "y")]))
    >>> count, labels = component_labels(adj)
    >>> count, len(set(labels[:3])), bool(labels[3] == labels[4] != labels[0])
    (2, 1, True)
    """
    if len(adjacency) == 0:
        return 0, np.zeros(0, dtype=np.int32)
    walked = _walk_symmetric(adjacency.matrix)
    if walked is not None:
        return walked
    count, labels = connected_components(adjacency.matrix, directed=True, connection="weak")
    return int(count), labels


def _walk_symmetric(matrix: Any) -> tuple[int, Any] | None:
    """Components of a symmetric CSR matrix by SciPy's private undirected walk (the one
    ``connected_components`` runs), given the matrix and an empty second graph instead of
    the transpose. None where this SciPy has no such walk or it answers unlike itself."""
    try:
        from scipy.sparse.csgraph._traversal import _connected_components_undirected as walk
    except ImportError:
        return None
    size = matrix.shape[0]
    indices = matrix.indices
    indptr = matrix.indptr.astype(indices.dtype, copy=False)
    labels = np.full(size, _SCIPY_UNVISITED, dtype=np.int32)
    nothing = np.zeros(size + 1, dtype=indices.dtype)
    try:
        count = int(walk(indices, indptr, nothing[:0], nothing, labels))
    except (TypeError, ValueError):  # another signature in another SciPy
        return None
    if count < 1 or labels.min() < 0 or labels.max() != count - 1:
        return None
    return count, labels


def _members(adjacency: Adjacency, labels: Any) -> list[list[str]]:
    order = np.argsort(labels, kind="stable")
    bounds = np.cumsum(np.bincount(labels))[:-1]
    ids = np.asarray(adjacency.ids, dtype=object)[order]
    return [part.tolist() for part in np.split(ids, bounds)]


def components(
    graph: nx.MultiDiGraph, *, min_size: int = 1, adjacency: Adjacency | None = None
) -> list[Row]:
    """Weakly connected components of the entity network, largest first.

    Labelled by :func:`component_labels` on ``adjacency`` (the store's, as
    :func:`~enforcegraph.graph.analytics.analyze` passes it; built from ``graph`` when
    not given); names and labels of the members come from ``graph``.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("x", "y")])
    >>> [(row["component"], row["size"]) for row in components(g)]
    [(1, 3), (2, 2)]
    """
    numeric = adjacency if adjacency is not None else Adjacency.from_networkx(graph)
    _, labels = component_labels(numeric)
    found = _members(numeric, labels) if len(numeric) else []
    return [r for r in _group_rows(graph, found, "component") if r["size"] >= min_size]
