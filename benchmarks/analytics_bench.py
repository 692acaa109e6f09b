"""PageRank and weakly connected components on a synthetic graph of >= 1M relationships:
what ``enforcegraph analyze`` runs (the adjacency the embedded store keeps, SciPy) against
python-igraph on a graph prebuilt from the same network, same run.

    .venv/bin/python -m benchmarks.analytics_bench [--nodes 250000 --edges 1200000]
        [--db PATH] [--networkx] [--no-append]

The synthetic edges (Zipf-like in-degree) are loaded as firms and ``REPRESENTED_BY``
relationships into an embedded store (``--db`` keeps the store for the next run). The
store's adjacency is built once and kept, so its build is reported apart; PageRank and
components are timed on it ``--repeats`` times (best counts), igraph's likewise.
``--networkx`` also times plain NetworkX on the store's view once, for reference.
Appends a dated section to benchmarks/RESULTS.md, outside the generated block.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.analytics import TIGHT_TOL, compare_with_igraph, igraph_graph, networkx_reference
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SOURCE = "source:analytics-bench"
BATCH = 100_000


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


def _firm(number: int) -> str:
    return f"company:n{number:07d}"


def _batches(nodes: int, pairs: np.ndarray) -> Iterator[Batch]:
    sourced = {"sources": [SOURCE]}
    yield Batch(nodes=[NodeRecord(SOURCE, "Source", {"url": "https://bench.enforcegraph.invalid/",
                                                     "title": "Synthetic analytics benchmark"})])
    for first in range(0, nodes, BATCH):
        yield Batch(nodes=[NodeRecord(_firm(i), "Company", {"name": f"Firm {i}", **sourced})
                           for i in range(first, min(nodes, first + BATCH))])
    for first in range(0, len(pairs), BATCH):
        yield Batch(relationships=[
            RelationshipRecord("REPRESENTED_BY", _firm(a), _firm(b), {"role": "counsel", **sourced})
            for a, b in pairs[first:first + BATCH].tolist()])


def run(nodes: int, edges: int, seed: int, repeats: int, db: Path, networkx: bool) -> dict[str, Any]:
    """Load (or reuse) the store, build its adjacency, time ours and igraph's, compare."""
    pairs = synthetic_edges(nodes, edges, seed)
    store = EmbeddedStore(db)
    load_s = None
    if store.stats().total_relationships != len(pairs):
        store.clear()
        started = time.perf_counter()
        for batch in _batches(nodes, pairs):
            store.upsert(batch)
        load_s = time.perf_counter() - started
    started = time.perf_counter()
    adjacency = store.adjacency()
    build_s = time.perf_counter() - started
    if len(adjacency) != nodes or adjacency.relationships != len(pairs):
        raise RuntimeError(f"{db} does not hold this graph; remove it or use another --db")
    started = time.perf_counter()
    igraph_graph(adjacency)
    build_ig = time.perf_counter() - started
    result: dict[str, Any] = {
        "nodes": nodes, "edges": len(pairs), "pairs": adjacency.matrix.nnz // 2, "seed": seed,
        "repeats": repeats, "load_s": load_s, "adjacency_build_s": build_s,
        "igraph_build_s": build_ig, **compare_with_igraph(adjacency, repeats),
    }
    if networkx:
        result["networkx"] = networkx_reference(store, adjacency)
    store.close()
    return result


def markdown(result: dict[str, Any]) -> str:
    """The section appended to RESULTS.md."""
    r = result
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu = platform.processor() or platform.machine()
    loaded = "reused" if r["load_s"] is None else f"loaded in {r['load_s']:.0f} s"
    lines = [
        "", f"## Analytics vs python-igraph, store adjacency ({when})", "",
        f"`python -m benchmarks.analytics_bench`: {r['nodes']:,} firms, {r['edges']:,} "
        f"relationships ({r['pairs']:,} linked pairs; seed {r['seed']}, Zipf-like in-degree) in "
        f"an embedded store ({loaded}); best of {r['repeats']} runs. Ours: the adjacency the "
        "store keeps and SciPy (what `enforcegraph analyze` runs); igraph: the same weighted "
        "undirected network, prebuilt.",
        f"Machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end. Python {platform.python_version()}, "
        f"networkx {version('networkx')}, scipy {version('scipy')}, igraph {version('igraph')}.",
        "", "| step | enforcegraph (s) | igraph (s) | enforcegraph / igraph |", "|---|---|---|---|",
        f"| build (once per change of the store; not in the ratio) | {r['adjacency_build_s']:.3f} "
        f"| {r['igraph_build_s']:.3f} | - |",
    ]
    for name, ours, theirs in (
        ("PageRank (alpha 0.85, NetworkX's tolerance)", "pagerank_s", "igraph_pagerank_s"),
        (f"PageRank (tolerance {TIGHT_TOL:g} per node)", "pagerank_tight_s", "igraph_pagerank_s"),
        ("weakly connected components", "components_s", "igraph_components_s"),
    ):
        a, b = r[ours]["min"], r[theirs]["min"]
        lines.append(f"| {name} | {a:.3f} | {b:.3f} | {a / b:.2f}x |")
    lines += [
        "",
        f"Same answers: PageRank max |difference| {r['pagerank_max_abs_diff']:.2e} at NetworkX's "
        f"tolerance (same top 10: {r['same_top_10']}), {r['pagerank_tight_max_abs_diff']:.2e} "
        f"tight (same top 10: {r['same_top_10_tight']}); components {r['components']} vs "
        f"{r['igraph_components']}, largest {r['largest_component']:,} vs "
        f"{r['igraph_largest_component']:,}, same partition: {r['same_components']}.",
    ]
    ref = r.get("networkx")
    if ref:
        lines.append(
            f"Plain NetworkX on the store's view, once: view {ref['view_build_s']:.1f} s, PageRank "
            f"{ref['pagerank_s']:.2f} s (max |difference| from ours "
            f"{ref['pagerank_max_abs_diff_vs_ours']:.1e}), WCC {ref['components_s']:.2f} s.")
    return "\n".join([*lines, ""])


def main() -> None:
    """Run and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=250_000)
    parser.add_argument("--edges", type=int, default=1_200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", type=Path, help="Store to load or reuse (default: a temporary one).")
    parser.add_argument("--networkx", action="store_true", help="Also time plain NetworkX once.")
    parser.add_argument("--no-append", action="store_true", help="Print only.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "graph.sqlite"
        result = run(args.nodes, args.edges, args.seed, args.repeats, db, args.networkx)
    text = markdown(result)
    print(text)
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
