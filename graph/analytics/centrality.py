"""Centrality ranked per label: which firms, regulators, PR agencies and articles matter most."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import networkx as nx
import numpy as np
import scipy.sparse as sp

from enforcegraph.graph.analytics.facts import (
    Row,
    display_name,
    entity_view,
    group_of,
    simple_undirected,
)
from enforcegraph.graph.store.adjacency import Adjacency

__all__ = ["MEASURES", "SAMPLE_ABOVE", "centrality", "pagerank"]

Measure = Literal["degree", "pagerank", "betweenness"]
MEASURES: tuple[Measure, ...] = ("degree", "pagerank", "betweenness")
SAMPLE_ABOVE = 2000  # nodes; above this betweenness uses k sampled sources


def pagerank(
    adjacency: Adjacency, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1e-06
) -> Any:
    """PageRank of every node of the adjacency, in its order, as a float64 array.

    The power iteration of ``nx.pagerank`` (its SciPy implementation) on the weighted
    network: same start, same uniform teleport and dangling-node mass, same stop (L1
    change below ``len(adjacency) * tol``), same sums in the same order, so the scores
    equal NetworkX's on ``simple_undirected(entity_view(graph))`` with its nodes in
    this order. Raises ``nx.PowerIterationFailedConvergence`` after ``max_iter``.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")])
    >>> adj = Adjacency.from_networkx(g)
    >>> [round(float(x), 4) for x in pagerank(adj)]
    [0.3257, 0.4865, 0.1878]
    >>> expected = nx.pagerank(simple_undirected(g), weight="weight")
    >>> max(abs(expected[n] - float(x)) for n, x in zip(adj.ids, pagerank(adj))) < 1e-12
    True
    """
    matrix = adjacency.matrix
    size = len(adjacency)
    if size == 0:
        return np.zeros(0)
    strength = matrix.sum(axis=1)
    inverse = np.zeros(size)
    linked = strength != 0
    inverse[linked] = 1.0 / strength[linked]
    # NetworkX multiplies x by the row-normalised matrix from the left; the matrix is
    # symmetric, so that is this CSR (columns scaled) times x, summed in the same order.
    step = sp.csr_array((matrix.data * inverse[matrix.indices], matrix.indices, matrix.indptr),
                        shape=matrix.shape)
    x = np.repeat(1.0 / size, size)
    teleport = np.repeat(1.0 / size, size)
    dangling = np.flatnonzero(~linked)
    for _ in range(max_iter):
        last = x
        # a running sum, left to right, as Python's sum() in NetworkX
        mass = float(np.cumsum(x[dangling])[-1]) if len(dangling) else 0.0
        x = alpha * (step @ x + mass * teleport) + (1 - alpha) * teleport
        if np.absolute(x - last).sum() < size * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def centrality(
    graph: nx.MultiDiGraph,
    *,
    labels: Sequence[str] | None = None,
    by: Measure = "pagerank",
    top: int = 10,
    k: int | None = None,
    seed: int = 42,
    adjacency: Adjacency | None = None,
) -> list[Row]:
    """Degree, PageRank and betweenness of every entity, the ``top`` of each label.

    Computed on the undirected entity network (Source nodes left out; parallel
    relationships weigh more in PageRank). ``degree`` counts relationships.
    Betweenness is exact up to ``SAMPLE_ABOVE`` nodes and estimated from ``k``
    sampled sources (default 500, fixed ``seed``) above, or whenever ``k`` is given;
    ``betweenness_k`` tells which. Companies with the ``pr_agency`` role are also
    ranked as ``PRAgency``. PageRank runs on ``adjacency`` (the store's, as
    :func:`~enforcegraph.graph.analytics.analyze` passes it; built from ``graph`` when
    not given) with :func:`pagerank`, NetworkX's algorithm on SciPy arrays. Betweenness
    goes through NetworkX's backend dispatch, so an installed and configured backend
    (``nx.config.backend_priority``) runs it.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("regulator:r", label="Regulator", name="R")
    >>> for i in range(3):
    ...     g.add_node(f"decision:{i}", label="Decision", ref=f"D{i}")
    ...     _ = g.add_edge("regulator:r", f"decision:{i}", type="ISSUED")
    >>> rows = centrality(g, labels=["Regulator"])
    >>> rows[0]["id"], rows[0]["rank"], rows[0]["degree"], rows[0]["betweenness"]
    ('regulator:r', 1, 3, 1.0)
    """
    view = entity_view(graph)
    simple = simple_undirected(view)
    if simple.number_of_nodes() == 0:
        return []
    degree = dict(view.degree())
    numeric = adjacency
    if numeric is None or len(numeric) != simple.number_of_nodes():  # absent, or not this graph's
        numeric = Adjacency.from_networkx(view)
    ranks = dict(zip(numeric.ids, pagerank(numeric).tolist(), strict=True))
    sample = k if k is not None else (500 if simple.number_of_nodes() > SAMPLE_ABOVE else None)
    if sample is not None:
        sample = min(sample, simple.number_of_nodes())
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=seed)
    groups: dict[str, list[str]] = defaultdict(list)
    for node, attrs in view.nodes(data=True):
        for group in group_of(attrs):
            groups[group].append(node)
    wanted = set(labels) if labels else None
    rows: list[Row] = []
    scores = {"degree": degree, "pagerank": ranks, "betweenness": betweenness}
    for group in sorted(groups):
        if wanted is not None and group not in wanted:
            continue
        ranked = sorted(groups[group], key=lambda n: (-scores[by][n], n))[:top]
        for rank, node in enumerate(ranked, 1):
            rows.append(
                {
                    "group": group,
                    "rank": rank,
                    "id": node,
                    "label": view.nodes[node].get("label"),
                    "name": display_name(view, node),
                    "degree": degree[node],
                    "pagerank": round(ranks[node], 6),
                    "betweenness": round(betweenness[node], 6),
                    "betweenness_k": sample,
                }
            )
    return rows
