"""What keeping the counts by property value costs a Neo4j load: FIRMS synthetic firms
loaded into the test server, cleared between runs, alternately with the value counts off
(their reads and refresh switched off) and on; wall seconds (the server's work included).

    python -m benchmarks.issue20.neokeepab FIRMS [ROUNDS]
"""

import sys
from collections.abc import Iterable
from typing import Any

from benchmarks.issue20.neocommon import load, test_server_store
from enforcegraph.graph.backends import neo4j_filtered_counts
from enforcegraph.graph.backends.neo4j_filtered_counts import ValueNotingRows
from enforcegraph.graph.synth import SynthConfig, synth_batches

firms = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
batches = list(synth_batches(SynthConfig(firms=firms, chunk_firms=1000)))
records = sum(len(b.nodes) + len(b.relationships) for b in batches)
refresh, note_stored = neo4j_filtered_counts.refresh, ValueNotingRows.note_stored


def off_refresh(tx: Any, rows: Any) -> None:
    return None


def off_note(self: ValueNotingRows, ids: Iterable[str]) -> None:
    return None


with test_server_store() as store:
    for number in range(2 * rounds):
        kept = number % 2 == 1
        neo4j_filtered_counts.refresh = refresh if kept else off_refresh  # type: ignore[assignment]
        ValueNotingRows.note_stored = note_stored if kept else off_note  # type: ignore[method-assign]
        store.clear()
        records, wall, cpu = load(store, batches)
        print(f"{'kept' if kept else 'off '}: {records} records in {wall:.1f} s wall "
              f"({records / wall:.0f}/s), {cpu:.1f} s client CPU", flush=True)
