"""Self-check of the Neo4j test server: start, write, restart, crash, recover, read back.

Run with any Python that has the official `neo4j` driver:
    python neo4j-launcher/smoke.py
Prints timings and the JVM's resident memory; exits non-zero on any failure.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

from neo4j import GraphDatabase

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "neo4j_server", HERE.parent / "graph" / "testing" / "neo4j_server.py"
)
assert _spec is not None and _spec.loader is not None
neo4j_server = importlib.util.module_from_spec(_spec)
sys.modules["neo4j_server"] = neo4j_server
_spec.loader.exec_module(neo4j_server)
Neo4jTestServer = neo4j_server.Neo4jTestServer


def rss_mib(pid: int | None) -> float:
    assert pid is not None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def timed_start(server: Neo4jTestServer, label: str) -> None:
    began = time.monotonic()
    server.start()
    print(f"{label}: ready in {time.monotonic() - began:.1f}s, RSS {rss_mib(server.pid):.0f} MiB")


def main() -> None:
    began = time.monotonic()
    Neo4jTestServer().build()
    print(f"build (no-op when up to date): {time.monotonic() - began:.1f}s")

    for password in (None, "smoke-test-pw"):
        with Neo4jTestServer(password=password) as _probe:
            pass  # start via the context manager, then close
        server = Neo4jTestServer(password=password)
        timed_start(server, f"start (auth {'on' if password else 'off'})")
        try:
            uri, auth = server.uri, server.auth
            with GraphDatabase.driver(uri, auth=auth) as driver:
                driver.verify_connectivity()
                records, _, _ = driver.execute_query("CREATE (n:T {x: 1}) RETURN n.x AS x")
                assert records[0]["x"] == 1, records
                driver.execute_query(
                    "CREATE CONSTRAINT t_x IF NOT EXISTS FOR (n:T) REQUIRE n.x IS UNIQUE"
                )
                driver.execute_query(
                    "CREATE CONSTRAINT t_x IF NOT EXISTS FOR (n:T) REQUIRE n.x IS UNIQUE"
                )
                driver.execute_query("UNWIND range(2, 20001) AS i CREATE (:T {x: i})")
                print(f"  after 20k nodes: RSS {rss_mib(server.pid):.0f} MiB")

                began = time.monotonic()
                server.restart()
                print(f"  restart: {time.monotonic() - began:.1f}s, same uri: {server.uri == uri}")
                assert server.uri == uri
                # The same driver must recover once the server is back.
                records, _, _ = driver.execute_query("MATCH (n:T) RETURN count(n) AS c")
                assert records[0]["c"] == 20001, records

                server.kill()
                began = time.monotonic()
                server.start()
                print(f"  after SIGKILL, start with recovery: {time.monotonic() - began:.1f}s")
            with GraphDatabase.driver(server.uri, auth=auth) as driver:
                records, _, _ = driver.execute_query("MATCH (n:T {x: 1}) RETURN n.x AS x")
                assert [r["x"] for r in records] == [1], records
                records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
                assert [r["name"] for r in records] == ["t_x"], records
                records, _, _ = driver.execute_query("MATCH (n:T) RETURN count(n) AS c")
                assert records[0]["c"] == 20001, records
            home = server.home
        finally:
            server.close()
        assert not server.running and not home.exists(), "close() must remove the temp home"
    print("smoke: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
