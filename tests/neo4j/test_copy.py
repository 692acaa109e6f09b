"""``enforcegraph copy --to neo4j``, then the same answers from both backends through the CLI."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.commands.copy import copy_graph
from enforcegraph.loaders.base import read_batch

pytestmark = pytest.mark.neo4j
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(neo4j_server: Any, tmp_path: Path) -> dict[str, str]:
    return {"ENFORCEGRAPH_DB": str(tmp_path / "graph.sqlite"),
            "ENFORCEGRAPH_NEO4J_URI": neo4j_server.uri}


def test_load_copy_query_gives_the_embedded_answer(cli: Any, env: dict[str, str]) -> None:
    assert cli(["load", "clearview"], env).exit_code == 0
    first = cli(["copy", "--to", "neo4j", "--replace"], env)
    assert first.exit_code == 0, first.stderr
    assert re.search(r"copied (\d+) nodes and (\d+) relationships", first.stdout)
    assert "0 unchanged; relationships" in first.stdout and "verified" in first.stdout
    again = cli(["copy", "--to", "neo4j"], env)
    assert again.exit_code == 0, again.stderr
    assert "nodes 0 created, 0 updated" in again.stdout
    assert "relationships 0 created, 0 updated" in again.stdout
    query = ["query", "sanctions-without-eu-establishment", "--json"]
    embedded = cli(query, env)
    neo4j = cli(["--backend", "neo4j", *query], env)
    assert embedded.exit_code == neo4j.exit_code == 0, neo4j.stderr
    assert neo4j.stdout == embedded.stdout
    rows = json.loads(neo4j.stdout)
    assert rows and {row["firm"]["id"] for row in rows} >= {"company:clearview-ai"}
    stats = ["stats", "--json"]
    assert cli(["--backend", "neo4j", *stats], env).stdout == cli(stats, env).stdout


def test_copy_reports_what_else_the_target_holds(neo4j_server: Any, tmp_path: Path) -> None:
    target = Neo4jStore(neo4j_server.uri)
    target.clear()
    mini = read_batch(REPO / "tests" / "fixtures" / "mini.yaml")
    extra = read_batch(REPO / "tests" / "store" / "edge_cases.yaml")
    target.upsert(extra)
    with EmbeddedStore(tmp_path / "graph.sqlite") as source:
        source.upsert(mini)
        report = copy_graph(source, target, batch_size=7)
        assert report.summary.nodes_created + report.summary.nodes_updated + \
            report.summary.nodes_unchanged == 20
        assert report.summary.relationships_created + report.summary.relationships_updated == 18
        assert report.extra_nodes == target.stats().total_nodes - 20 > 0
        again = copy_graph(source, target, batch_size=1000)
        assert again.summary.changed is False
    target.close()


def test_documented_one_shot_load_is_a_valid_command(cli: Any, env: dict[str, str]) -> None:
    """The docker compose one-shot load of docs/neo4j.md and docker-compose.yml runs as written."""
    commands = set()
    for doc in (REPO / "docs" / "neo4j.md", REPO / "docker-compose.yml"):
        for match in re.finditer(r"docker compose run --rm api (enforcegraph [^\n`]+)", doc.read_text()):
            commands.add(match.group(1).strip())
    assert commands, "no documented one-shot load"
    for command in sorted(commands):
        args = shlex.split(command)[1:]
        assert "--backend" in args and args.index("--backend") < args.index("load"), command
        result = cli(args, env)
        assert result.exit_code == 0, (command, result.stderr)
        assert "clearview:" in result.stdout


def test_copy_keeps_the_record_and_the_judgements(neo4j_server: Any, tmp_path: Path) -> None:
    """What each dataset said (and when), and the judgements, cross to Neo4j unchanged."""
    from enforcegraph.graph.record.judgements import Judgement
    from enforcegraph.schema.records import Batch, NodeRecord

    target = Neo4jStore(neo4j_server.uri)
    target.clear()
    with EmbeddedStore(tmp_path / "graph.sqlite") as source:
        source.today = lambda: "2025-01-02"  # type: ignore[method-assign]
        source.upsert(read_batch(REPO / "tests" / "fixtures" / "mini.yaml"))
        source.upsert(Batch(nodes=[NodeRecord("company:dup", "Company", {
            "name": "Local Donnees", "sources": ["source:example-1"]})], dataset="other"))
        source.judge(Judgement("company:local", "company:dup", "same", "t", "2025-01-03T00:00:00"))
        copy_graph(source, target, batch_size=5)
        ids = [n.id for n in source.iter_nodes()] + [r.id for r in source.iter_relationships()]
        assert target.records(ids) == source.records(ids)
        assert target.judgements() == source.judgements()
        assert target.get("company:dup") is None
        assert "Local Donnees" in target.get("company:local").get("aliases")  # type: ignore[union-attr]
    target.close()
