"""A benchmark-only Neo4j 5.26 (neo4j-launcher) with a kept home folder and more memory.

    python -m benchmarks.issue20.neoserve HOME PORT [--heap 4g] [--pagecache 6g]

Runs until killed (SIGTERM/SIGINT stop Neo4j cleanly); writes HOME/jvm.pid so the
loader and the benchmarks can read the server's CPU time. The tests' server (1 GiB heap,
64 MiB page cache) is not affected: the sizes travel as JVM flags of this run only.
"""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path

from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("port", type=int)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="6g")
    parser.add_argument("--tx-timeout-minutes", type=int, default=60)
    args = parser.parse_args(argv)
    args.home.mkdir(parents=True, exist_ok=True)
    server = Neo4jTestServer(
        port=args.port,
        home=args.home,
        jvm_args=[f"-Xms{args.heap}", f"-Xmx{args.heap}",
                  f"-Denforcegraph.pagecache={args.pagecache}",
                  f"-Denforcegraph.txTimeoutMinutes={args.tx_timeout_minutes}"],
    )
    server.start(timeout=600)
    (args.home / "jvm.pid").write_text(f"{server.pid}\n")
    print(f"READY {server.uri} pid {server.pid}", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    while not done.wait(5):
        if not server.running:
            print(server.tail(), flush=True)
            raise SystemExit("Neo4j exited")
    server.stop(timeout=300)
    print("STOPPED", flush=True)


if __name__ == "__main__":
    main()
