"""What the indexes on the kept properties (graph/backends/sqlpropindexes.py) and the
kept headline rows' country index (``hl_c``) cost the embedded load: FIRMS synthetic firms
loaded into a new store in 2,000-firm transactions, alternately without them (the layout
before them: dropped right after the store is created) and with them, CPU seconds of this
process and wall seconds.

    python benchmarks/issue20/indexab.py FIRMS [ROUNDS]
"""

import sys
import tempfile
import time

from enforcegraph.graph.backends import sqlpropindexes
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.synth import SynthConfig, synth_batches

firms = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
batches = list(synth_batches(SynthConfig(firms=firms, chunk_firms=2000)))
records = sum(len(b.nodes) + len(b.relationships) for b in batches)
for number in range(2 * rounds):
    indexed = number % 2 == 1
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(f"{folder}/s.sqlite")
        if not indexed:
            names = [row[0] for row in store._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND (name LIKE ? "
                "OR name = 'hl_c')", (sqlpropindexes.PREFIX + "%",))]
            for name in names:
                store._conn.execute(f"DROP INDEX {name}")
        t0, c0 = time.time(), time.process_time()
        for batch in batches:
            store.upsert(batch)
        cpu, wall = time.process_time() - c0, time.time() - t0
        store.close()
    print(f"{'indexed' if indexed else 'without'}: {records} records, {cpu:.2f} s CPU "
          f"({records / cpu:,.0f}/CPU-s), {wall:.1f} s wall ({records / wall:,.0f}/s)",
          flush=True)
