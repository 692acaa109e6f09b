"""Neo4j load with the kept-count refresh off and on, alternately, in one process (starts the
Neo4j test server): records/s and the seconds the refresh took.

    python benchmarks/issue20/neoab.py FIRMS
"""

import sys
import time

from enforcegraph.graph.backends import neo4j_counts
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer

batches = list(synth_batches(SynthConfig(firms=int(sys.argv[1]), chunk_firms=1000)))
n = sum(len(b.nodes) + len(b.relationships) for b in batches)
server = Neo4jTestServer()
server.start(timeout=300)
orig = neo4j_counts.refresh
spent = [0.0]


def timed(tx, notes):
    a = time.perf_counter()
    orig(tx, notes)
    spent[0] += time.perf_counter() - a


try:
    store = Neo4jStore.from_settings(
        Settings(backend="neo4j", neo4j_uri=server.uri, neo4j_password="")
    )
    for mode in ("off", "on", "off", "on"):
        store.clear()
        neo4j_counts.refresh = timed if mode == "on" else (lambda tx, notes: None)
        spent[0] = 0.0
        t0 = time.perf_counter()
        for b in batches:
            store.upsert(b)
        wall = time.perf_counter() - t0
        print(
            f"{mode}: {n} records {wall:.1f} s = {n / wall:.0f}/s; refresh {spent[0]:.1f} s",
            flush=True,
        )
    store.close()
finally:
    server.close()
