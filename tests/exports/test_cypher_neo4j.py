"""The Cypher script runs on the real test Neo4j and rebuilds the same graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from enforcegraph.graph.exports import export_graph

pytestmark = pytest.mark.neo4j


def _run_script(server: Any, path: Path) -> dict[str, Any]:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(server.uri, auth=server.auth) as driver, driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        lines = [line.removesuffix(";") for line in path.read_text("utf-8").splitlines()
                 if line and not line.startswith("//")]
        assert lines[0].startswith("CREATE CONSTRAINT")
        session.run(lines[0]).consume()  # type: ignore[arg-type]  # schema: its own transaction
        with session.begin_transaction() as tx:
            for line in lines[1:]:
                tx.run(line).consume()  # type: ignore[arg-type]
            tx.commit()
        nodes = session.run("MATCH (n:Entity) RETURN count(n) AS c").single()
        rels = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()
        labels = session.run(
            "MATCH (n:Entity) UNWIND labels(n) AS l WITH l WHERE l <> 'Entity' "
            "RETURN l, count(*) AS c ORDER BY l").data()
        types = session.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t").data()
        text = session.run("MATCH (s:Statement) RETURN s.text AS t, s.claims AS c").data()
        urls = session.run(
            "MATCH ()-[r]->() RETURN collect(DISTINCT r.source_urls) AS u").single()
        session.run("MATCH (n) DETACH DELETE n").consume()
    assert nodes is not None and rels is not None and urls is not None
    return {"nodes": nodes["c"], "rels": rels["c"], "labels": labels, "types": types,
            "text": text, "urls": urls["u"]}


def test_cypher_script_on_real_neo4j(neo4j_server: Any, rich_graph: nx.MultiDiGraph,
                                     parallel_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "rich.cypher"
    export_graph(rich_graph, "cypher", path)
    result = _run_script(neo4j_server, path)
    assert (result["nodes"], result["rels"]) == (29, 30)
    expected_labels: dict[str, int] = {}
    for _, label in rich_graph.nodes(data="label"):
        expected_labels[label] = expected_labels.get(label, 0) + 1
    assert {r["l"]: r["c"] for r in result["labels"]} == expected_labels
    assert result["urls"] == [["https://example.org/decision-1"]]

    tricky = tmp_path / "parallel.cypher"
    export_graph(parallel_graph, "cypher", tricky)
    result = _run_script(neo4j_server, tricky)
    assert (result["nodes"], result["rels"]) == (3, 2)
    assert [r["t"] for r in result["types"]] == ["ABOUT", "MADE_BY"]
    assert result["text"] == [{"t": parallel_graph.nodes["statement:x"]["text"], "c": ["a; b", "c"]}]
