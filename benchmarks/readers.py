"""Read latency with 8 reader threads while a writer loads (issue 21, item 7).

    python -m benchmarks.readers --firms 100000            # builds the store in --work
    python -m benchmarks.readers --db graph.sqlite --firms 100000 --duration 20

The store holds ``--firms`` synthetic firms (``enforcegraph synth``). Eight threads in
this process read as the API's dataloaders do (a page of 20 firms by id, one firm's
relationships, a page of firms, the first headline page), each a store call
timed on its own, while another process (as ``enforcegraph load`` beside ``serve``)
upserts new synthetic firms, 2,000 firms (~19,000 records) a transaction. Three runs:

- ``pool``: the store as shipped: each reading thread on a read connection of its own;
- ``one lock``: the same reads made to take turns behind one lock, as they did on the
  one shared connection before (the floor this work removes: one slow read holds up all);
- ``pool, no writer``: the readers alone, for reference.

Prints p50 / p99 / max in ms and reads/s for each; ``--json`` writes them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from benchmarks.stats import percentile
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.synth import SynthConfig, synth_batches

__all__ = ["main"]

CHUNK_FIRMS = 2_000


def build(db: Path, firms: int) -> None:
    """The store of ``firms`` synthetic firms, as ``enforcegraph synth --load`` makes it."""
    command = str(Path(sys.executable).with_name("enforcegraph"))
    subprocess.run([command, "--db", str(db), "synth",
                    "--firms", str(firms), "--load"], check=True, stdout=subprocess.DEVNULL)


def write(db: str, firms: int, stop: Any, written: Any, more: int = 0,
          log: str | None = None, chunk: int = CHUNK_FIRMS) -> None:
    """Upsert the synthetic firms after the first ``firms``, ``chunk`` firms a transaction,
    until told to stop (``more``: the next ``more`` firms, then stop). ``log``: one JSON line per transaction (records,
    wall and CPU seconds, how long it held the write lock: BEGIN IMMEDIATE to the end of
    COMMIT, the full-text flush and kept counts included, and the COMMIT statement's own
    share)."""
    store = EmbeddedStore(db)
    marks: dict[str, float] = {}

    def trace(statement: str) -> None:  # when each statement starts, on the writer's connection
        if statement.startswith(("BEGIN", "COMMIT")):
            marks[statement.split()[0]] = time.perf_counter()

    store._conn.set_trace_callback(trace)
    config = SynthConfig(firms=firms + more if more else firms * 4, chunk_firms=chunk)
    batches = synth_batches(config)
    store.upsert(next(batches))  # the shared nodes of the larger graph (more agencies)
    out = open(log, "a", encoding="utf-8") if log else None  # noqa: SIM115
    try:
        for number, batch in enumerate(batches):
            if number * chunk < firms:
                continue
            if stop.is_set():
                break
            wall, cpu = time.perf_counter(), time.process_time()
            store.upsert(batch)
            done = time.perf_counter()
            records = len(batch)
            written.value += records
            if out is not None:
                out.write(json.dumps({
                    "batch": number, "records": records, "at": time.time(),
                    "wall_s": done - wall, "cpu_s": time.process_time() - cpu,
                    "lock_ms": (done - marks.get("BEGIN", wall)) * 1000,
                    "commit_ms": (done - marks.get("COMMIT", done)) * 1000}) + "\n")
                out.flush()
    finally:
        if out is not None:
            out.close()
        store.close()


def reads(store: EmbeddedStore, firms: int, rng: random.Random) -> list[Callable[[], object]]:
    """One of each kind of read the API makes."""
    ids = [f"company:synth-{rng.randrange(firms)}" for _ in range(20)]
    return [
        lambda: store.get_many(ids),
        lambda: store.relationships_of([ids[0]]),
        lambda: store.find("Company", limit=20, offset=rng.randrange(1000)),
        lambda: store.traversals().sanctions_without_eu_establishment(limit=20),
    ]


def run(db: Path, firms: int, seconds: float, *, threads: int, serial: bool,
        writer: bool) -> dict[str, Any]:
    """Read for ``seconds`` on ``threads`` threads; latencies of every call."""
    store = EmbeddedStore(db, read_only=True)
    turn: AbstractContextManager[Any] = threading.Lock() if serial else nullcontext()
    latencies: list[list[float]] = [[] for _ in range(threads)]
    stop = threading.Event()

    def reader(index: int) -> None:
        rng = random.Random(index)
        while not stop.is_set():
            for call in reads(store, firms, rng):
                began = time.perf_counter()
                with turn:
                    call()
                latencies[index].append(time.perf_counter() - began)

    context = multiprocessing.get_context("spawn")
    halt, written = context.Event(), context.Value("q", 0)
    process = context.Process(target=write, args=(str(db), firms, halt, written)) if writer else None
    if process is not None:
        process.start()
        time.sleep(2)  # the writer is importing and reading its first batch by now
    workers = [threading.Thread(target=reader, args=(i,)) for i in range(threads)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    if process is not None:
        halt.set()
        process.join()
    store.close()
    every = sorted(x * 1000 for found in latencies for x in found)
    return {"reads": len(every), "reads_per_s": len(every) / elapsed,
            "p50_ms": percentile(every, 0.50), "p99_ms": percentile(every, 0.99),
            "max_ms": every[-1], "records_written": int(written.value),
            "written_per_s": written.value / elapsed}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="a store of --firms synthetic firms (built when missing)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/enforcegraph-readers"))
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    db = args.db or args.work / f"readers-{args.firms}.sqlite"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db, args.firms)
    results: dict[str, Any] = {"firms": args.firms, "threads": args.threads, "seconds": args.duration}
    for name, serial, writer in (("pool", False, True), ("one lock", True, True),
                                 ("pool, no writer", False, False)):
        # each run starts from the same store: the writer's firms are new every time
        copy = db.with_name(db.stem + "-run.sqlite")
        subprocess.run([sys.executable, "-c", "import sqlite3,sys; s=sqlite3.connect(sys.argv[1]); "
                        "d=sqlite3.connect(sys.argv[2]); s.backup(d); d.close(); s.close()",
                        str(db), str(copy)], check=True)
        results[name] = run(copy, args.firms, args.duration, threads=args.threads, serial=serial,
                            writer=writer)
        row = results[name]
        print(f"{name:16} reads/s {row['reads_per_s']:8.0f}  p50 {row['p50_ms']:7.2f} ms  "
              f"p99 {row['p99_ms']:8.2f} ms  max {row['max_ms']:8.1f} ms  "
              f"writer {row['written_per_s']:7.0f} records/s", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
