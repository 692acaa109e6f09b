"""Centrality ranked per label: which firms, regulators, PR agencies and articles matter most."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

import networkx as nx

from enforcegraph.graph.analytics.facts import (
    Row,
    display_name,
    entity_view,
    group_of,
    simple_undirected,
)

__all__ = ["MEASURES", "SAMPLE_ABOVE", "centrality"]

Measure = Literal["degree", "pagerank", "betweenness"]
MEASURES: tuple[Measure, ...] = ("degree", "pagerank", "betweenness")
SAMPLE_ABOVE = 2000  # nodes; above this betweenness uses k sampled sources


def centrality(
    graph: nx.MultiDiGraph,
    *,
    labels: Sequence[str] | None = None,
    by: Measure = "pagerank",
    top: int = 10,
    k: int | None = None,
    seed: int = 42,
) -> list[Row]:
    """Degree, PageRank and betweenness of every entity, the ``top`` of each label.

    Computed on the undirected entity network (Source nodes left out; parallel
    relationships weigh more in PageRank). ``degree`` counts relationships.
    Betweenness is exact up to ``SAMPLE_ABOVE`` nodes and estimated from ``k``
    sampled sources (default 500, fixed ``seed``) above, or whenever ``k`` is given;
    ``betweenness_k`` tells which. Companies with the ``pr_agency`` role are also
    ranked as ``PRAgency``. Calls go through NetworkX's backend dispatch, so an
    installed and configured backend (``nx.config.backend_priority``) runs them.

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
    pagerank = nx.pagerank(simple, weight="weight")
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
    scores = {"degree": degree, "pagerank": pagerank, "betweenness": betweenness}
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
                    "pagerank": round(pagerank[node], 6),
                    "betweenness": round(betweenness[node], 6),
                    "betweenness_k": sample,
                }
            )
    return rows
