"""What the hand-run Neo4j scripts of this folder share: the test server with a cleared
store on it, a synthetic load through ``Neo4jStore.upsert``, and a PROFILE printed as lines.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer
from enforcegraph.schema.records import Batch

__all__ = ["load", "plan_lines", "test_server_store"]


@contextmanager
def test_server_store() -> Iterator[Neo4jStore]:
    """A Neo4j test server (started here, stopped at the end) and a cleared store on it."""
    server = Neo4jTestServer()
    server.start(timeout=300)
    try:
        store = Neo4jStore.from_settings(
            Settings(backend="neo4j", neo4j_uri=server.uri, neo4j_password=""))
        try:
            store.clear()
            yield store
        finally:
            store.close()
    finally:
        server.close()


def load(store: Neo4jStore, batches: Iterable[Batch]) -> tuple[int, float, float]:
    """Upsert ``batches``: records written, wall seconds, this process's CPU seconds."""
    records = 0
    t0, c0 = time.time(), time.process_time()
    for batch in batches:
        store.upsert(batch)
        records += len(batch.nodes) + len(batch.relationships)
    return records, time.time() - t0, time.process_time() - c0


def plan_lines(plan: dict[str, Any] | None, depth: int = 0) -> list[str]:
    """A PROFILE's operators, one indented line each with its rows and db hits."""
    if not plan:
        return []
    args = plan.get("args", {})
    details = " ".join(str(args.get("Details", "")).split())[:140]
    lines = [f"{'  ' * depth}{str(plan['operatorType']).split('@')[0]} {details} "
             f"(rows {plan.get('rows')}, db hits {plan.get('dbHits')})"]
    for child in plan.get("children", []):
        lines += plan_lines(child, depth + 1)
    return lines
