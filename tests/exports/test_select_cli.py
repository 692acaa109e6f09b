"""Subgraph selection (ego network, traversal result, filtered view) and the export command."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.graph.exports.select import (
    ego_selection,
    filtered_selection,
    traversal_selection,
)


def test_ego_selection_keeps_cited_sources(rich_store: EmbeddedStore) -> None:
    graph = ego_selection(rich_store, "Far Away Analytics", depth=1)
    labels = nx.get_node_attributes(graph, "label")
    assert labels["company:far-away"] == "Company"
    assert sorted(n for n, lab in labels.items() if lab == "Decision") == [
        "decision:fr-1", "decision:gb-1", "decision:it-1"]
    assert labels["source:example-1"] == "Source"
    assert "regulator:fr-dpa" not in graph  # two steps away


def test_traversal_selection_links_its_answer(rich_store: EmbeddedStore) -> None:
    graph = traversal_selection(rich_store, "cross-border-cases")
    assert {"company:far-away", "regulator:it-dpa", "decision:it-1"} <= set(graph)
    assert graph.has_edge("decision:it-1", "company:far-away")
    assert "jurisdiction:us" not in graph


def test_filtered_selection(rich_store: EmbeddedStore) -> None:
    graph = filtered_selection(rich_store, ["Regulator", "Decision"], ["ISSUED"])
    assert set(nx.get_node_attributes(graph, "label").values()) == {"Regulator", "Decision", "Source"}
    assert {t for _, _, t in graph.edges(data="type")} == {"ISSUED"}


def test_export_command(rich_store: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "ego.json"
    result = CliRunner().invoke(
        main, ["--db", str(rich_store.path), "export", "nodelink", "--of", "company:far-away",
               "--depth", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert {n["id"] for n in data["nodes"]} >= {"company:far-away", "company:pr-agency"}
    assert all(e["source_urls"] for e in data["edges"])
    bad = CliRunner().invoke(main, ["--db", str(rich_store.path), "export", "gexf", "--of", "x",
                                    "--traversal", "cross-border-cases"])
    assert bad.exit_code != 0
