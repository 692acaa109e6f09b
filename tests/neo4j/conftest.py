"""Fixtures of the Neo4j backend tests: a second server with authentication on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

PASSWORD = "enforcegraph-test-secret"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def auth_server() -> Iterator[Any]:
    """A Neo4j test server with auth on (user neo4j, PASSWORD); never skipped in CI."""
    if os.environ.get("ENFORCEGRAPH_SKIP_NEO4J") == "1" and not IN_CI:
        pytest.skip("ENFORCEGRAPH_SKIP_NEO4J=1 (never honoured in CI)")
    from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer

    server = Neo4jTestServer(password=PASSWORD)
    try:
        server.start(timeout=300)
    except Exception as exc:  # required, like the main server: fail, never skip
        pytest.fail(f"the Neo4j test server with auth could not start: {exc}")
    yield server
    server.close()


@pytest.fixture(scope="session")
def password() -> str:
    """The auth server's password."""
    return PASSWORD


@pytest.fixture
def cli() -> Any:
    """Run the CLI in-process: ``cli(args, env)`` -> click's Result (stdout, stderr apart)."""
    from click.testing import CliRunner

    from enforcegraph.graph.cli import main

    def invoke(args: list[str], env: dict[str, str]) -> Any:
        clean = {k: None for k in os.environ if k.startswith("ENFORCEGRAPH_")}
        return CliRunner().invoke(main, args, env={**clean, **env}, catch_exceptions=False)

    return invoke
