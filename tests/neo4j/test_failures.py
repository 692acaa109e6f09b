"""Neo4j down, wrong password, unknown database: one clear error; recovery after a restart."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.settings import Settings
from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.errors import StoreError, StoreUnavailable

pytestmark = pytest.mark.neo4j
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def one_error_line(result: Any) -> str:
    """The CLI failed with exactly one line on stderr and nothing on stdout."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert result.stdout == ""
    return str(lines[0])


def test_neo4j_down(cli: Any, tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    store = Neo4jStore(uri)
    with pytest.raises(StoreUnavailable, match=f"cannot reach Neo4j at {uri}"):
        store.ping()
    with pytest.raises(StoreUnavailable):
        store.stats()
    store.close()
    env = {"ENFORCEGRAPH_NEO4J_URI": uri, "ENFORCEGRAPH_DB": str(tmp_path / "g.sqlite")}
    for args in (["--backend", "neo4j", "stats"], ["--backend", "neo4j", "load", str(MINI)],
                 ["--backend", "neo4j", "query", "cross-border-cases"]):
        line = one_error_line(cli(args, env))
        assert line.startswith(f"error: cannot reach Neo4j at {uri}") and "is it running?" in line


def test_wrong_password(auth_server: Any, password: str, cli: Any) -> None:
    store = Neo4jStore(auth_server.uri, password="not-the-password")
    with pytest.raises(StoreUnavailable, match="refused the credentials of user 'neo4j'"):
        store.ping()
    store.close()
    env = {"ENFORCEGRAPH_NEO4J_URI": auth_server.uri, "ENFORCEGRAPH_NEO4J_PASSWORD": "wrong-again"}
    line = one_error_line(cli(["--backend", "neo4j", "stats"], env))
    assert "refused the credentials" in line and "wrong-again" not in line
    good = Neo4jStore.from_settings(
        Settings(backend="neo4j", neo4j_uri=auth_server.uri, neo4j_password=password)
    )
    good.ping()
    good.close()


def test_unknown_database(neo4j_server: Any, cli: Any) -> None:
    store = Neo4jStore(neo4j_server.uri, database="nosuchdb")
    with pytest.raises(StoreUnavailable, match="has no database 'nosuchdb'"):
        store.stats()
    store.close()
    env = {"ENFORCEGRAPH_NEO4J_URI": neo4j_server.uri, "ENFORCEGRAPH_NEO4J_DATABASE": "nosuchdb"}
    line = one_error_line(cli(["--backend", "neo4j", "stats"], env))
    assert line == (
        f"error: Neo4j at {neo4j_server.uri} has no database 'nosuchdb' "
        "(check ENFORCEGRAPH_NEO4J_DATABASE)"
    )


def test_bad_uri(cli: Any) -> None:
    with pytest.raises(StoreError, match="must be a bolt:// or neo4j:// URI"):
        Neo4jStore("http://localhost:7474")
    line = one_error_line(cli(["--backend", "neo4j", "--neo4j-uri", "localhost", "stats"], {}))
    assert "must be a bolt:// or neo4j:// URI" in line


def test_recovers_after_restart(auth_server: Any, password: str) -> None:
    store = Neo4jStore(auth_server.uri, password=password, retry_seconds=1.0)
    store.clear()
    store.upsert(read_batch(MINI))
    before = store.stats()
    auth_server.stop()  # Neo4j goes away while the store holds pooled connections
    with pytest.raises(StoreUnavailable):
        store.ping()
    with pytest.raises(StoreUnavailable):
        store.get("company:local")
    auth_server.start()  # the same port and data, as server.restart() does
    store.ping()
    assert store.stats() == before
    node = store.get("company:local")
    assert node is not None and node.get("country") == "FR"
    assert store.traversals().run("cross-border-cases")[0]["firm"]["id"] == "company:far-away"
    store.close()
