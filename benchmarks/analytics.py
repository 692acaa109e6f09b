"""Analytics (PageRank, weakly connected components) against python-igraph.

The enforcegraph side is what ``enforcegraph analyze`` runs: the store's cached
NetworkX view, the entity network (Source nodes left out, parallel relationships
weighted) and NetworkX's algorithm. The floor is python-igraph on a graph prebuilt
from the same simple undirected network (conversion not timed).
"""

from __future__ import annotations

import time
from typing import Any

import networkx as nx

from benchmarks.stats import spread
from enforcegraph.graph.analytics import graph_of
from enforcegraph.graph.analytics.facts import entity_view, simple_undirected
from enforcegraph.graph.store.base import GraphStore

__all__ = ["analytics_timings"]


def _timed(call: Any, repeats: int, budget_s: float = 120.0) -> tuple[dict[str, float], Any]:
    """Seconds per call over up to ``repeats`` calls (fewer once ``budget_s`` is spent)."""
    samples: list[float] = []
    result = None
    deadline = time.perf_counter() + budget_s
    while len(samples) < repeats and (not samples or time.perf_counter() < deadline):
        start = time.perf_counter()
        result = call()
        samples.append(time.perf_counter() - start)
    return spread(samples), result


def analytics_timings(store: GraphStore, repeats: int) -> dict[str, Any]:
    """Seconds (median, min, max) for the view, PageRank and components, and igraph's."""
    start = time.perf_counter()
    view = graph_of(store)
    view_s = time.perf_counter() - start

    def pagerank() -> dict[str, float]:
        ranks: dict[str, float] = nx.pagerank(simple_undirected(entity_view(view)), weight="weight")
        return ranks

    def components() -> list[set[str]]:
        return list(nx.weakly_connected_components(entity_view(view)))

    pr_time, ranks = _timed(pagerank, repeats)
    cc_time, comps = _timed(components, repeats)
    result: dict[str, Any] = {
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
        "view_build_s": view_s,
        "pagerank_s": pr_time,
        "components_s": cc_time,
        "components": len(comps),
    }
    try:
        import igraph
    except ImportError:  # the bench extra installs it; say so rather than fail
        result["igraph"] = "not installed"
        return result
    simple = simple_undirected(entity_view(view))
    index = {node: number for number, node in enumerate(simple.nodes())}
    graph = igraph.Graph(n=len(index), edges=[(index[a], index[b]) for a, b in simple.edges()])
    graph.es["weight"] = [w for _, _, w in simple.edges(data="weight")]
    ig_pr, ig_ranks = _timed(lambda: graph.pagerank(weights="weight"), repeats)
    ig_cc, ig_comps = _timed(lambda: graph.connected_components(mode="weak"), repeats)
    top_nx = max(ranks, key=lambda n: ranks[n])
    top_ig = max(range(len(ig_ranks)), key=lambda i: ig_ranks[i])
    result.update(
        igraph_pagerank_s=ig_pr,
        igraph_components_s=ig_cc,
        same_components=len(ig_comps) == len(comps),
        same_top_pagerank=index[top_nx] == top_ig,
    )
    return result
