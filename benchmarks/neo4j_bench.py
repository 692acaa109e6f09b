"""The Neo4j backend: load against bare ``UNWIND ... CREATE``, headline against hand Cypher.

A real Neo4j Community server (graph.testing.Neo4jTestServer) is started for the size.
The floor loads the same synthetic batches first, with the store's own ``CREATE``
statements (graph/backends/cypher.py) into the same labels and constraints but nothing
else (no validation, no read of existing records, no merge); the database is then
cleared and the store loads it through ``upsert``. Both time only the writes.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from benchmarks.stats import spread, time_calls
from enforcegraph.graph.backends import cypher
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.schema.records import Batch

__all__ = ["HAND_CYPHER", "neo4j_size"]

_VALID = "({0}.valid_from IS NULL OR {0}.valid_from <= d.date) AND ({0}.valid_to IS NULL OR {0}.valid_to >= d.date)"
# Written by hand for full ISO dates (the synthetic data has no partial dates).
HAND_CYPHER = f"""
MATCH (d:Decision)-[:IMPOSES]->(s:Sanction)
WHERE EXISTS {{ MATCH (:Regulator)-[:ISSUED]->(d) }}
WITH d, s, COLLECT {{ MATCH (s)-[:AGAINST]->(t) RETURN t }} AS bs,
     COLLECT {{ MATCH (d)-[:AGAINST]->(t) RETURN t }} AS bd
UNWIND CASE WHEN size(bs) > 0 THEN bs ELSE bd END AS f
WITH d, s, f WHERE f:Company AND NOT EXISTS {{
  MATCH (f)-[e:HAS_ESTABLISHMENT]->(j:Jurisdiction) WHERE {_VALID.format("e")}
    AND (j.code = 'EU' OR EXISTS {{ MATCH (j)-[m:MEMBER_OF]->(u:Jurisdiction {{code: 'EU'}})
                                    WHERE {_VALID.format("m")} }}) }}
"""
_PAGE = HAND_CYPHER + "RETURN s.id AS sid, d.id AS did, f.id AS fid ORDER BY d.date, sid, fid LIMIT 100"
_COUNT = HAND_CYPHER + "RETURN count(*) AS n"


def _floor_batch(store: Neo4jStore, batch: Batch) -> float:
    """Create a batch's records with bare UNWIND ... CREATE in one transaction; seconds."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in batch.nodes:
        nodes[node.label].append(store._stored_node(node.id, node.label, node.properties))
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in batch.relationships:
        props = {**rel.properties, "id": rel.id, "key": rel.key}
        rels[rel.type].append({"start": rel.start, "end": rel.end, "props": props})
    size = store.batch_size

    def work(tx: Any) -> None:
        for label, rows in nodes.items():
            for start in range(0, len(rows), size):
                tx.run(cypher.create_nodes(store.model, label), rows=rows[start:start + size]).consume()
        for rel_type, rows in rels.items():
            query = cypher.create_relationships(store.model, rel_type)
            for start in range(0, len(rows), size):
                tx.run(query, rows=rows[start:start + size]).consume()

    begin = time.perf_counter()
    with store._driver.session(database=store.database) as session:
        session.execute_write(work)
    return time.perf_counter() - begin


# Firms per batch, so one transaction: the test server's heap (-Xmx1g) caps a transaction
# at 70% of it (dbms.memory.transaction.total.max), which a 20k-firm batch exceeds.
NEO4J_CHUNK_FIRMS = 2_000


def _load(store: Neo4jStore, firms: int, seed: int, floor: bool) -> dict[str, float]:
    records, seconds = 0, 0.0
    config = SynthConfig(firms=firms, seed=seed, chunk_firms=NEO4J_CHUNK_FIRMS)
    for batch in synth_batches(config):
        if floor:
            seconds += _floor_batch(store, batch)
        else:
            start = time.perf_counter()
            store.upsert(batch)
            seconds += time.perf_counter() - start
        records += len(batch)
    return {"records": float(records), "seconds": seconds, "rps": records / seconds}


def _hand(store: Neo4jStore, query: str) -> list[Any]:
    with store._driver.session(database=store.database) as session:
        return [tuple(record.values()) for record in session.run(query)]


def neo4j_size(firms: int, seed: int, repeats: int, headline_repeats: int,
               count_repeats: int) -> dict[str, Any]:
    """Every Neo4j figure at one size (a fresh server); an ``error`` entry if it fails."""
    try:
        from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer
    except ImportError as exc:
        return {"error": f"no Neo4j test server: {exc}"}
    try:
        with Neo4jTestServer() as server:
            settings = Settings(backend="neo4j", neo4j_uri=server.uri, neo4j_password="")
            store = Neo4jStore.from_settings(settings)
            try:
                return _measure(store, firms, seed, repeats, headline_repeats, count_repeats)
            finally:
                store.close()
    except Exception as exc:  # report, do not lose the embedded figures
        return {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}


def _measure(store: Neo4jStore, firms: int, seed: int, repeats: int, headline_repeats: int,
             count_repeats: int) -> dict[str, Any]:
    loads, floors = [], []
    store.clear()
    _load(store, 500, seed + 1, floor=True)  # warm the JVM up before anything is timed
    store.clear()
    _load(store, 500, seed + 1, floor=False)
    for _ in range(repeats):
        store.clear()
        store.ping()
        store.stats()  # constraints and indexes exist before either load
        floors.append(_load(store, firms, seed, floor=True))
        store.clear()
        loads.append(_load(store, firms, seed, floor=False))
    traversals = store.traversals()
    page = traversals.sanctions_without_eu_establishment(limit=100)
    count = traversals.count_sanctions_without_eu_establishment()
    expected = [(r["sanction"]["id"], r["decision"]["id"], r["firm"]["id"]) for r in page]
    headline = {
        "count": count,
        "page": time_calls(lambda: traversals.sanctions_without_eu_establishment(limit=100),
                           headline_repeats, warmup=0),
        "count_timing": time_calls(traversals.count_sanctions_without_eu_establishment,
                                   count_repeats, warmup=0),
        "same_answer": _hand(store, _PAGE) == expected and _hand(store, _COUNT)[0][0] == count,
        "floor_page": time_calls(lambda: _hand(store, _PAGE), headline_repeats, warmup=0),
        "floor_count": time_calls(lambda: _hand(store, _COUNT), count_repeats, warmup=0),
    }
    return {
        "records": loads[0]["records"],
        "load_rps": spread([x["rps"] for x in loads]),
        "floor_rps": spread([x["rps"] for x in floors]),
        "ratio": spread([a["rps"] / b["rps"] for a, b in zip(loads, floors, strict=True)]),
        "headline": headline,
    }
