"""PageRank and weakly connected components on a synthetic graph of >= 1M edges: NetworkX
(what ``enforcegraph analyze`` runs) against python-igraph on the same edges, same run.

    .venv/bin/python -m benchmarks.analytics_bench [--nodes 250000 --edges 1200000] [--no-append]

Appends a dated section (machine, versions, timings, agreement of the results) to
benchmarks/RESULTS.md, outside the generated block that benchmarks.run rewrites.
Graph building is timed separately from the algorithms; each algorithm runs ``--repeats``
times and the best time counts.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import numpy as np

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def synthetic_edges(nodes: int, edges: int, seed: int) -> np.ndarray:
    """Directed edges with a skewed (Zipf-like) in-degree, no self-loops, no duplicates."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, nodes + 1) ** 0.8
    weights /= weights.sum()
    pairs = np.empty((0, 2), dtype=np.int64)
    while len(pairs) < edges:
        want = int((edges - len(pairs)) * 1.1) + 1000
        start = rng.integers(0, nodes, want)
        end = rng.choice(nodes, want, p=weights)
        batch = np.stack([start, end], axis=1)[start != end]
        pairs = np.unique(np.concatenate([pairs, batch]), axis=0)
    return pairs[rng.permutation(len(pairs))[:edges]]


def best(call: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Best wall time of ``repeats`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return min(times), result


def run(nodes: int, edges: int, seed: int, repeats: int) -> dict[str, Any]:
    """Build both graphs from the same edges, time both libraries, compare their answers."""
    pairs = synthetic_edges(nodes, edges, seed)
    build_nx, graph = best(lambda: _nx_graph(nodes, pairs), 1)
    build_ig, ig = best(lambda: igraph.Graph(n=nodes, edges=pairs.tolist(), directed=True), 1)
    pr_nx_t, pr_nx = best(lambda: nx.pagerank(graph, alpha=0.85, tol=1e-10), repeats)
    pr_ig_t, pr_ig = best(lambda: ig.pagerank(damping=0.85, directed=True), repeats)
    cc_nx_t, cc_nx = best(lambda: list(nx.weakly_connected_components(graph)), repeats)
    cc_ig_t, cc_ig = best(lambda: ig.connected_components(mode="weak"), repeats)
    ranks = np.array([pr_nx[i] for i in range(nodes)])
    return {
        "nodes": nodes, "edges": len(pairs), "seed": seed, "repeats": repeats,
        "build_nx": build_nx, "build_ig": build_ig,
        "pagerank_nx": pr_nx_t, "pagerank_ig": pr_ig_t,
        "wcc_nx": cc_nx_t, "wcc_ig": cc_ig_t,
        "pagerank_max_abs_diff": float(np.max(np.abs(ranks - np.array(pr_ig)))),
        "same_top_10": list(np.argsort(-ranks)[:10]) == list(np.argsort(-np.array(pr_ig))[:10]),
        "wcc_count": (len(cc_nx), len(cc_ig)),
        "wcc_largest": (max(map(len, cc_nx)), max(cc_ig.sizes())),
    }


def _nx_graph(nodes: int, pairs: np.ndarray) -> nx.DiGraph:
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(range(nodes))
    graph.add_edges_from(pairs.tolist())
    return graph


def markdown(result: dict[str, Any]) -> str:
    """The section appended to RESULTS.md."""
    r = result
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu = platform.processor() or platform.machine()
    lines = [
        "", f"## Analytics vs python-igraph ({when})", "",
        f"`python -m benchmarks.analytics_bench`: {r['nodes']:,} nodes, {r['edges']:,} directed "
        f"edges (seed {r['seed']}, Zipf-like in-degree), best of {r['repeats']} runs.",
        f"Machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end. Python {platform.python_version()}, "
        f"networkx {version('networkx')}, scipy {version('scipy')}, igraph {version('igraph')}.",
        "", "| step | NetworkX (s) | igraph (s) | NetworkX / igraph |", "|---|---|---|---|",
    ]
    for name, a, b in (("build graph", r["build_nx"], r["build_ig"]),
                       ("PageRank (alpha 0.85)", r["pagerank_nx"], r["pagerank_ig"]),
                       ("weakly connected components", r["wcc_nx"], r["wcc_ig"])):
        lines.append(f"| {name} | {a:.3f} | {b:.3f} | {a / b:.1f}x |")
    lines += [
        "",
        f"Same answers: PageRank max |difference| {r['pagerank_max_abs_diff']:.2e}, same top 10: "
        f"{r['same_top_10']}; components {r['wcc_count'][0]} vs {r['wcc_count'][1]}, largest "
        f"{r['wcc_largest'][0]:,} vs {r['wcc_largest'][1]:,}.", "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=250_000)
    parser.add_argument("--edges", type=int, default=1_200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-append", action="store_true", help="Print only.")
    args = parser.parse_args()
    text = markdown(run(args.nodes, args.edges, args.seed, args.repeats))
    print(text)
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
