"""Analytics (PageRank, weakly connected components) against python-igraph.

The enforcegraph side is what ``enforcegraph analyze`` runs: the numeric adjacency the
store keeps (``store.adjacency()``; built once per change of the store, so its build
is reported apart and not in the ratio), then ``pagerank`` and ``component_labels`` on
it. The floor is python-igraph's ``pagerank`` and ``connected_components`` on a graph
prebuilt from the same weighted network (conversion not timed). Both answers are
compared. PageRank is also timed at a tight tolerance, where it must give igraph's
numbers; plain NetworkX on the store's view is timed once, for reference, on graphs up
to ``networkx_max`` nodes.

igraph runs on one OpenMP thread (``OMP_NUM_THREADS=1`` unless set): our side is
single-threaded, and on a shared 2-core machine igraph's OpenMP threads spin while
waiting, which made its PageRank 10-100x slower and erratic here.
"""

from __future__ import annotations

import os
import time
from typing import Any

import networkx as nx
import numpy as np

from benchmarks.stats import spread
from enforcegraph.graph.analytics import graph_of
from enforcegraph.graph.analytics.centrality import pagerank
from enforcegraph.graph.analytics.communities import component_labels
from enforcegraph.graph.analytics.facts import entity_view, simple_undirected
from enforcegraph.graph.store.adjacency import Adjacency
from enforcegraph.graph.store.base import GraphStore

__all__ = ["TIGHT_TOL", "analytics_timings", "compare_with_igraph", "igraph_graph", "networkx_reference"]

TIGHT_TOL = 1e-12  # per node: stops when the L1 change is below nodes * 1e-12


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


def igraph_graph(adjacency: Adjacency) -> Any:
    """An undirected igraph graph of the same weighted network (vertex i is node i)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # read once, when igraph loads libgomp
    import igraph
    import scipy.sparse as sp

    upper = sp.triu(adjacency.matrix, k=1, format="coo")
    graph = igraph.Graph(n=len(adjacency), edges=np.column_stack([upper.row, upper.col]).tolist())
    graph.es["weight"] = upper.data.tolist()
    return graph


def compare_with_igraph(adjacency: Adjacency, repeats: int) -> dict[str, Any]:
    """Time ours and igraph's PageRank and components on the same network, same run."""
    graph = igraph_graph(adjacency)
    pr_time, ranks = _timed(lambda: pagerank(adjacency), repeats)
    tight_time, tight = _timed(lambda: pagerank(adjacency, tol=TIGHT_TOL, max_iter=10_000), repeats)
    cc_time, (count, labels) = _timed(lambda: component_labels(adjacency), repeats)
    ig_pr, ig_ranks = _timed(lambda: graph.pagerank(weights="weight"), repeats)
    ig_cc, ig_comps = _timed(lambda: graph.connected_components(mode="weak"), repeats)
    exact = np.asarray(ig_ranks)
    sizes = np.bincount(labels) if len(labels) else np.zeros(1, dtype=int)
    same_partition = bool(len(labels) == 0 or (
        len(ig_comps) == count
        and len(set(zip(labels.tolist(), ig_comps.membership, strict=True))) == count))
    return {
        "pagerank_s": pr_time,
        "pagerank_tight_s": tight_time,
        "components_s": cc_time,
        "components": count,
        "largest_component": int(sizes.max()),
        "igraph_pagerank_s": ig_pr,
        "igraph_components_s": ig_cc,
        "igraph_components": len(ig_comps),
        "igraph_largest_component": max(ig_comps.sizes(), default=0),
        "same_components": same_partition,
        "pagerank_max_abs_diff": float(np.max(np.abs(ranks - exact), initial=0.0)),
        "pagerank_tight_max_abs_diff": float(np.max(np.abs(tight - exact), initial=0.0)),
        "same_top_10": np.argsort(-ranks, kind="stable")[:10].tolist()
        == np.argsort(-exact, kind="stable")[:10].tolist(),
        "same_top_10_tight": np.argsort(-tight, kind="stable")[:10].tolist()
        == np.argsort(-exact, kind="stable")[:10].tolist(),
        "same_top_pagerank": int(np.argmax(ranks)) == int(np.argmax(exact)),
        "igraph_omp_threads": os.environ.get("OMP_NUM_THREADS"),
    }


def networkx_reference(store: GraphStore, adjacency: Adjacency) -> dict[str, Any]:
    """Plain NetworkX on the store's view, as before the adjacency: one run each."""
    start = time.perf_counter()
    view = graph_of(store)
    view_s = time.perf_counter() - start
    start = time.perf_counter()
    ranks = nx.pagerank(simple_undirected(entity_view(view)), weight="weight")
    pr_s = time.perf_counter() - start
    start = time.perf_counter()
    comps = list(nx.weakly_connected_components(entity_view(view)))
    cc_s = time.perf_counter() - start
    ours = pagerank(adjacency)
    return {
        "view_build_s": view_s,
        "pagerank_s": pr_s,
        "components_s": cc_s,
        "components": len(comps),
        "pagerank_max_abs_diff_vs_ours": max(
            (abs(ranks[n] - float(x)) for n, x in zip(adjacency.ids, ours, strict=True)),
            default=0.0),
    }


def analytics_timings(store: GraphStore, repeats: int,
                      networkx_max: int = 300_000) -> dict[str, Any]:
    """Seconds (median, min, max) for the kept adjacency's PageRank and components, igraph's,
    the adjacency's build, and plain NetworkX's for reference (up to ``networkx_max`` nodes)."""
    start = time.perf_counter()
    adjacency = store.adjacency()
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    kept = store.adjacency()
    result: dict[str, Any] = {
        "nodes": len(adjacency),
        "edges": adjacency.relationships,
        "pairs": adjacency.matrix.nnz // 2,
        "adjacency_build_s": build_s,
        "adjacency_kept_s": time.perf_counter() - start,
        "adjacency_is_kept": kept is adjacency,
    }
    try:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        import igraph  # noqa: F401  (the bench extra installs it)
    except ImportError:
        result["igraph"] = "not installed"
        result["pagerank_s"], _ = _timed(lambda: pagerank(adjacency), repeats)
        result["components_s"], _ = _timed(lambda: component_labels(adjacency), repeats)
    else:
        result.update(compare_with_igraph(adjacency, repeats))
    if len(adjacency) <= networkx_max:
        result["networkx"] = networkx_reference(store, adjacency)
    return result
