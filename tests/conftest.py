"""Shared fixtures: a fresh store per test on every backend, the real Neo4j, shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.base import GraphStore

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BACKENDS = ["embedded", "neo4j"]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (tests may read it; the product never does)."""
    if not SHARED_DATA.exists():
        pytest.fail(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """tests/fixtures."""
    return FIXTURES


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Any]:
    """The real Neo4j Community server, started once per run from Maven artifacts.

    It never skips in CI: a server that cannot start fails every test that needs it.
    Outside CI, ENFORCEGRAPH_SKIP_NEO4J=1 skips those tests for a quick local run.
    """
    if os.environ.get("ENFORCEGRAPH_SKIP_NEO4J") == "1" and not IN_CI:
        pytest.skip("ENFORCEGRAPH_SKIP_NEO4J=1 (never honoured in CI)")
    from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer

    server = Neo4jTestServer()
    try:
        server.start(timeout=300)
    except Exception as exc:  # the server is required: fail loudly, never skip
        pytest.fail(f"the Neo4j test server could not start: {exc}")
    yield server
    server.close()


def _neo4j_store(server: Any) -> GraphStore:
    from enforcegraph.graph.backends.neo4j import Neo4jStore
    from enforcegraph.graph.settings import Settings

    settings = Settings(backend="neo4j", neo4j_uri=server.uri, neo4j_password="")
    store = Neo4jStore.from_settings(settings)
    store.clear()
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of each backend."""
    if request.param == "embedded":
        opened: GraphStore = EmbeddedStore(tmp_path / "graph.sqlite")
    else:
        opened = _neo4j_store(request.getfixturevalue("neo4j_server"))
    yield opened
    opened.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A fresh embedded store (for backend-only tests)."""
    opened = EmbeddedStore(tmp_path / "graph.sqlite")
    yield opened
    opened.close()
