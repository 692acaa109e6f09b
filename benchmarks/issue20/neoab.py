"""Neo4j load with the kept-count refresh off and on, alternately, in one process (starts the
Neo4j test server): records/s and the seconds the refresh took.

    python -m benchmarks.issue20.neoab FIRMS
"""

import sys
import time

from benchmarks.issue20.neocommon import load, test_server_store
from enforcegraph.graph.backends import neo4j_counts
from enforcegraph.graph.synth import SynthConfig, synth_batches

batches = list(synth_batches(SynthConfig(firms=int(sys.argv[1]), chunk_firms=1000)))
orig = neo4j_counts.refresh
spent = [0.0]


def timed(tx, notes):
    a = time.perf_counter()
    orig(tx, notes)
    spent[0] += time.perf_counter() - a


with test_server_store() as store:
    for mode in ("off", "on", "off", "on"):
        store.clear()
        neo4j_counts.refresh = timed if mode == "on" else (lambda tx, notes: None)
        spent[0] = 0.0
        n, wall, _cpu = load(store, batches)
        print(
            f"{mode}: {n} records {wall:.1f} s = {n / wall:.0f}/s; refresh {spent[0]:.1f} s",
            flush=True,
        )
