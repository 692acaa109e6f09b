"""Load throughput into Neo4j: the store's upsert, a bare ``UNWIND ... CREATE``, one MERGE per row.

All three run in the same process against the same server and the same synthetic rows
(graph.synth; generating them is not timed), each into an emptied database that has the
store's constraints and indexes, after a warm-up on a small graph that plans every
statement once. The first two alternate ``--repeats`` times (2) and the fastest run of
each counts:

1. ``upsert``: ``Neo4jStore.upsert`` per batch: validation, a bulk read of what exists,
   merge, then batched ``UNWIND`` writes, one transaction per batch;
2. ``bare``: the same rows as the store writes them, with the store's ``UNWIND ...
   CREATE`` statements and nothing else (no validation, no read, no merge), one
   transaction per batch;
3. ``per-row``: one auto-commit ``MERGE`` query per row, the naive way, over the first
   ``--per-row`` rows (it is too slow for all of them; the rate is what is compared).

Run from the repository root: ``python -m benchmarks.neo4j_load`` (starts a Neo4j test
server from neo4j-launcher/) or ``--uri bolt://...`` for a running, empty database.
``--write`` records the result as its own section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from enforcegraph.graph.backends import cypher
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.schema.records import Batch

__all__ = ["LoadResult", "render_section", "run_benchmark", "write_section"]

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
START = "<!-- neo4j_load:start (python -m benchmarks.neo4j_load --write rewrites this part) -->"
END = "<!-- neo4j_load:end -->"
TARGETS = {"vs_bare": 0.5, "vs_per_row": 20.0}
_SECTION = re.compile(r"<!-- neo4j_load:start.*?-->.*?<!-- neo4j_load:end -->", re.S)


@dataclass
class LoadResult:
    """Rows and seconds of each way of loading, and the ratios of their rates."""

    nodes: int
    relationships: int
    upsert_seconds: float
    bare_seconds: float
    per_row_rows: int
    per_row_seconds: float
    server: str
    upsert_runs: list[float] = field(default_factory=list)
    bare_runs: list[float] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    @property
    def upsert_rate(self) -> float:
        return self.rows / self.upsert_seconds

    @property
    def bare_rate(self) -> float:
        return self.rows / self.bare_seconds

    @property
    def per_row_rate(self) -> float:
        return self.per_row_rows / self.per_row_seconds

    @property
    def vs_bare(self) -> float:
        return self.upsert_rate / self.bare_rate

    @property
    def vs_per_row(self) -> float:
        return self.upsert_rate / self.per_row_rate


def _stored_rows(store: Neo4jStore, batch: Batch) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The batch exactly as the store writes new records: nodes by label, relationships by type."""
    nodes: dict[str, list[Any]] = defaultdict(list)
    for node in batch.nodes:
        nodes[node.label].append(store._stored_node(node.id, node.label, node.properties))
    rels: dict[str, list[Any]] = defaultdict(list)
    for rel in batch.relationships:
        props = {**rel.properties, "id": rel.id, "key": rel.key}
        rels[rel.type].append({"start": rel.start, "end": rel.end, "props": props})
    return nodes, rels


def _bare_load(store: Neo4jStore, prepared: list[tuple[dict[str, list[Any]], dict[str, list[Any]]]]) -> float:
    size = store.batch_size
    started = time.perf_counter()
    for nodes, rels in prepared:
        def work(tx: Any, nodes: dict[str, list[Any]] = nodes, rels: dict[str, list[Any]] = rels) -> None:
            for label, rows in nodes.items():
                query = cypher.create_nodes(store.model, label)
                for start in range(0, len(rows), size):
                    tx.run(query, rows=rows[start : start + size]).consume()
            for rel_type, rows in rels.items():
                query = cypher.create_relationships(store.model, rel_type)
                for start in range(0, len(rows), size):
                    tx.run(query, rows=rows[start : start + size]).consume()

        store._write("the bare load", work)
    return time.perf_counter() - started


def _per_row_load(store: Neo4jStore, batches: list[Batch], limit: int) -> tuple[int, float]:
    """One MERGE query (its own transaction) per row, nodes first; rows and seconds."""
    nodes = [n for b in batches for n in b.nodes][: limit // 2]
    present = {n.id for n in nodes}
    rels = [r for b in batches for r in b.relationships if r.start in present and r.end in present]
    rels = rels[: limit - len(nodes)]
    started = time.perf_counter()
    with store._driver.session(database=store.database) as session:
        for node in nodes:
            props = store._stored_node(node.id, node.label, node.properties)
            session.run(cypher.merge_node_row(store.model, node.label), id=node.id,
                        props=props).consume()
        for rel in rels:
            props = {**rel.properties, "id": rel.id, "key": rel.key}
            session.run(cypher.merge_relationship_row(store.model, rel.type), start=rel.start,
                        end=rel.end, id=rel.id, props=props).consume()
    return len(nodes) + len(rels), time.perf_counter() - started


def _warm_up(store: Neo4jStore) -> None:
    """Plan every statement once (a small graph, all three ways), so no timed run pays for it."""
    batches = list(synth_batches(SynthConfig(firms=200, seed=99)))
    store.clear()
    for batch in batches:
        store.upsert(batch)
    store.clear()
    _bare_load(store, [_stored_rows(store, batch) for batch in batches])
    store.clear()
    _per_row_load(store, batches, 200)
    store.clear()


def run_benchmark(
    store: Neo4jStore, firms: int, per_row: int, server: str = "", repeats: int = 2
) -> LoadResult:
    """Load the synthetic graph of ``firms`` firms the three ways; the database ends empty.

    The upsert and bare loads alternate ``repeats`` times and the fastest run of each
    counts, so that a burst of other work on the machine does not decide the ratio.
    """
    _warm_up(store)
    batches = list(synth_batches(SynthConfig(firms=firms, chunk_firms=2_000)))
    nodes = sum(len(b.nodes) for b in batches)
    rels = sum(len(b.relationships) for b in batches)
    prepared = [_stored_rows(store, batch) for batch in batches]
    upserts, bares = [], []
    for _ in range(max(repeats, 1)):
        store.clear()
        started = time.perf_counter()
        for batch in batches:
            store.upsert(batch)
        upserts.append(time.perf_counter() - started)
        stats = store.stats()
        if (stats.total_nodes, stats.total_relationships) != (nodes, rels):
            raise RuntimeError(f"upsert stored {stats.total_nodes}/{stats.total_relationships}, "
                               f"expected {nodes}/{rels}")
        store.clear()
        bares.append(_bare_load(store, prepared))
        if store.stats().total_nodes != nodes:
            raise RuntimeError("the bare load stored a different number of nodes")
    store.clear()
    per_row_rows, per_row_seconds = _per_row_load(store, batches, per_row)
    store.clear()
    return LoadResult(nodes, rels, min(upserts), min(bares), per_row_rows, per_row_seconds,
                      server, upserts, bares)


def render_section(result: LoadResult) -> str:
    """The RESULTS.md section: three rates and two ratios, with the targets."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    met = {name: getattr(result, name) >= target for name, target in TARGETS.items()}
    lines = [
        START,
        f"## Neo4j load throughput ({when})",
        "",
        f"`python -m benchmarks.neo4j_load`: synthetic graph (graph.synth) of {result.nodes:,} "
        f"nodes and {result.relationships:,} relationships into {result.server or 'Neo4j'}; "
        f"per-row MERGE over the first {result.per_row_rows:,} rows. Upsert and bare loads "
        f"alternated {len(result.upsert_runs)} times; the fastest of each counts "
        f"(upsert runs: {', '.join(f'{t:.1f}' for t in result.upsert_runs)} s; bare runs: "
        f"{', '.join(f'{t:.1f}' for t in result.bare_runs)} s).",
        f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load:.1f} at the end. Python {platform.python_version()}.",
        "",
        "| way | rows | seconds | rows/s |",
        "|---|---|---|---|",
        f"| store upsert (validate, read, merge, UNWIND) | {result.rows:,} | "
        f"{result.upsert_seconds:.2f} | {result.upsert_rate:,.0f} |",
        f"| bare UNWIND ... CREATE | {result.rows:,} | {result.bare_seconds:.2f} | "
        f"{result.bare_rate:,.0f} |",
        f"| one MERGE per row | {result.per_row_rows:,} | {result.per_row_seconds:.2f} | "
        f"{result.per_row_rate:,.0f} |",
        "",
        f"- upsert / bare UNWIND: **{result.vs_bare:.2f}x** (target >= {TARGETS['vs_bare']}x: "
        f"{'met' if met['vs_bare'] else 'missed'})",
        f"- upsert / MERGE per row: **{result.vs_per_row:.1f}x** (target >= "
        f"{TARGETS['vs_per_row']:.0f}x: {'met' if met['vs_per_row'] else 'missed'})",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace this benchmark's section of RESULTS.md (or append it); leave the rest alone."""
    text = path.read_text("utf-8") if path.exists() else "# enforcegraph benchmark results\n"
    old = _SECTION.search(text)
    if old:
        text = text[: old.start()] + section.rstrip("\n") + text[old.end() :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, "utf-8")


@contextmanager
def _server(uri: str | None, password: str) -> Iterator[tuple[str, str]]:
    if uri:
        yield uri, "Neo4j at " + uri
        return
    from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer

    server = Neo4jTestServer()
    server.start(timeout=300)
    try:
        yield server.uri, "Neo4j Community 5.26 (neo4j-launcher, 1 GiB heap, 64 MiB page cache)"
    finally:
        server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--firms", type=int, default=35_000,
                        help="synthetic firms (35000 gives 100,931 nodes and 229,870 relationships)")
    parser.add_argument("--per-row", type=int, default=5_000, help="rows loaded one MERGE at a time")
    parser.add_argument("--repeats", type=int, default=2, help="alternating upsert and bare runs")
    parser.add_argument("--uri", help="a running Neo4j (its database is emptied!)")
    parser.add_argument("--password", default=os.environ.get("ENFORCEGRAPH_NEO4J_PASSWORD", ""))
    parser.add_argument("--write", action="store_true", help="record the result in RESULTS.md")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the results file to write")
    args = parser.parse_args(argv)
    with _server(args.uri, args.password) as (uri, server):
        store = Neo4jStore(uri, password=args.password)
        try:
            result = run_benchmark(store, args.firms, args.per_row, server, args.repeats)
        finally:
            store.close()
    section = render_section(result)
    print(section)
    print({**asdict(result), "vs_bare": result.vs_bare, "vs_per_row": result.vs_per_row})
    if args.write:
        write_section(section, args.results)


if __name__ == "__main__":
    main()
