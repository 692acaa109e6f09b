"""What keeping the counts by property value costs the embedded load: FIRMS synthetic
firms loaded into a new store, alternately with the value counts kept and with their
notes and refresh switched off (the rest unchanged), CPU seconds of this process.

    python benchmarks/issue20/keepab.py FIRMS [ROUNDS]
"""

import sys
import tempfile
import time

from enforcegraph.graph.backends import sqlpropcounts
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.synth import SynthConfig, synth_batches

firms = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
batches = list(synth_batches(SynthConfig(firms=firms, chunk_firms=5000)))
records = sum(len(b.nodes) + len(b.relationships) for b in batches)
note, refresh = sqlpropcounts.note, sqlpropcounts.refresh
for number in range(2 * rounds):
    kept = number % 2 == 1
    sqlpropcounts.note = note if kept else (lambda conn, ids, stored=True: None)
    sqlpropcounts.refresh = refresh if kept else (lambda conn: None)
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(f"{folder}/s.sqlite")
        t0, c0 = time.time(), time.process_time()
        for batch in batches:
            store.upsert(batch)
        cpu, wall = time.process_time() - c0, time.time() - t0
        store.close()
    print(f"{'kept' if kept else 'off '}: {records} records, {cpu:.2f} s CPU "
          f"({records / cpu:,.0f}/CPU-s), {wall:.1f} s wall", flush=True)
