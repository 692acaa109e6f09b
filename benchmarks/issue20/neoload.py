"""Load N synthetic firms into a running Neo4j through the store's own write path.

    python -m benchmarks.issue20.neoload URI FIRMS [--skip BATCHES] [--pid-file HOME/jvm.pid]

``Neo4jStore.upsert`` per synthetic batch (graph.synth, seed 1, 20,000 firms a batch as
the embedded 1M build): validation, a bulk read of what exists, batched ``UNWIND``
writes and the kept headline rows, one transaction per batch. Prints one line per batch
(records, wall and CPU seconds of this process and of the server's JVM), so a run can be
followed with ``tail -f`` and resumed with ``--skip`` (upserts are idempotent).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.synth import SynthConfig, synth_batches


def jvm_cpu_seconds(pid: int | None) -> float:
    """User plus system CPU seconds of process ``pid`` (0 when unknown)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("uri")
    parser.add_argument("firms", type=int)
    parser.add_argument("--skip", type=int, default=0, help="batches already loaded")
    parser.add_argument("--chunk-firms", type=int, default=20_000)
    parser.add_argument("--pid-file", type=Path)
    args = parser.parse_args(argv)
    pid = int(args.pid_file.read_text()) if args.pid_file else None
    store = Neo4jStore(args.uri, batch_size=10_000)
    n = 0
    t0, c0, j0 = time.time(), time.process_time(), jvm_cpu_seconds(pid)
    config = SynthConfig(firms=args.firms, chunk_firms=args.chunk_firms)
    for i, batch in enumerate(synth_batches(config)):
        if i < args.skip:
            continue
        b0 = time.time()
        store.upsert(batch)
        n += len(batch.nodes) + len(batch.relationships)
        wall = time.time() - t0
        print(f"BATCH {i} {n} records {wall:.0f} s wall (batch {time.time() - b0:.1f} s), "
              f"CPU {time.process_time() - c0:.0f} s client, {jvm_cpu_seconds(pid) - j0:.0f} s "
              f"server; {n / wall:.0f} records/s; load {os.getloadavg()[0]:.1f}", flush=True)
    wall, cpu, jcpu = time.time() - t0, time.process_time() - c0, jvm_cpu_seconds(pid) - j0
    print(f"LOAD {n} records in {wall:.1f} s wall ({n / wall:.0f}/s), CPU {cpu:.1f} s client, "
          f"{jcpu:.1f} s server", flush=True)
    store.close()


if __name__ == "__main__":
    main()
