"""Each export format, opened by the tool that reads it, with provenance on every item."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pyarrow.parquet as pq
import pytest
from lxml import etree

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.exports import (
    EXPORTERS,
    export_graph,
    read_graphml,
    read_node_link,
)
from enforcegraph.graph.exports.base import ExportNode

URL = "https://example.org/decision-1"


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=lambda e: e[2]) == sorted(
        b.edges(keys=True, data=True), key=lambda e: e[2])


def test_registry_lists_the_formats() -> None:
    assert set(EXPORTERS) == {"graphml", "gexf", "nodelink", "csv", "cypher", "parquet", "ftm",
                              "ftm-statements"}


def test_graphml_read_by_igraph_and_round_trips(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    exporter = export_graph(rich_graph, "graphml", path)
    assert (exporter.nodes, exporter.edges) == (29, 30)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (29, 30)
    assert ig.is_directed()
    far = ig.vs.find(id="company:far-away")
    assert far["label"] == "Company" and json.loads(far["source_urls"]) == [URL]
    assert all(json.loads(e["source_urls"]) == [URL] for e in ig.es)
    assert sorted(set(ig.es["type"]))[:2] == ["AGAINST", "HAS_ESTABLISHMENT"]
    _same(read_graphml(path), rich_graph)


def test_nodelink_round_trips(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    export_graph(rich_graph, "nodelink", path)
    data = json.loads(path.read_text("utf-8"))
    assert all(item["source_urls"] == [URL] for item in data["nodes"] + data["edges"])
    _same(read_node_link(path), rich_graph)


def test_gexf_is_valid_13_and_keeps_parallel_edges(
    shared_data: Path, parallel_graph: nx.MultiDiGraph, rich_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    schema = etree.XMLSchema(etree.parse(str(shared_data / "gexf-1.3-xsd" / "gexf.xsd")))
    for name, graph in (("parallel", parallel_graph), ("rich", rich_graph)):
        path = tmp_path / f"{name}.gexf"
        export_graph(graph, "gexf", path)
        document = etree.parse(str(path))
        schema.assertValid(_viz_as_the_xsd_declares_it(document))
    ns = {"g": "http://gexf.net/1.3"}
    edges = etree.parse(str(tmp_path / "parallel.gexf")).findall(".//g:edge", ns)
    assert sorted(e.get("kind") for e in edges) == ["ABOUT", "MADE_BY"]
    assert {(e.get("source"), e.get("target")) for e in edges} == {("statement:x", "company:c")}
    titles = {a.get("id"): a.get("title") for a in document.findall(".//g:attribute", ns)}
    node = document.find(".//g:node[@id='company:far-away']", ns)
    assert node is not None and node.get("label") == "Far Away Analytics, Inc."
    values = {titles[v.get("for")]: v.get("value") for v in node.findall(".//g:attvalue", ns)}
    assert json.loads(values["source_urls"]) == [URL]
    assert values["type"] == "Company" and "label" not in values


def _viz_as_the_xsd_declares_it(document: Any) -> Any:
    """A copy with the viz elements in the main namespace: the official 1.3 XSD files
    declare them there (their viz module inherits it), while Gephi, NetworkX and the
    primer use http://gexf.net/1.3/viz, as the export does."""
    copy = etree.fromstring(etree.tostring(document))
    viz = copy.findall(".//{http://gexf.net/1.3/viz}*")
    assert {element.tag.split("}")[1] for element in viz} == {"color", "position", "size"}
    for element in viz:
        element.tag = "{http://gexf.net/1.3}" + element.tag.split("}")[1]
    etree.cleanup_namespaces(copy)
    return copy


def test_gexf_reads_back_in_networkx_with_viz(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    from enforcegraph.schema.model import load_model

    path = tmp_path / "rich.gexf"
    export_graph(rich_graph, "gexf", path)
    again = nx.read_gexf(path)
    assert set(again.nodes) == set(rich_graph.nodes)
    assert again.number_of_edges() == rich_graph.number_of_edges()
    colours = {name: spec.colour for name, spec in load_model().labels.items()}
    sizes = {}
    for node, data in again.nodes(data=True):
        label = rich_graph.nodes[node]["label"]
        assert data["type"] == label  # the type is not a second "label"
        assert data["label"] == " ".join(str(data["label"]).split())  # the name, as written
        colour = data["viz"]["color"]
        assert "#{:02x}{:02x}{:02x}".format(colour["r"], colour["g"], colour["b"]) == colours[label]
        assert set(data["viz"]["position"]) >= {"x", "y"}
        sizes[node] = data["viz"]["size"]
    far = again.nodes["company:far-away"]
    assert far["label"] == "Far Away Analytics, Inc."
    fines = {n: rich_graph.nodes[n]["amount_eur"] for n in again
             if rich_graph.nodes[n].get("amount_eur")}
    assert len(set(fines.values())) >= 3
    ranked = sorted(fines, key=lambda n: (fines[n], sizes[n]))
    assert [sizes[n] for n in ranked] == sorted(sizes[n] for n in ranked)  # bigger fine, bigger
    positions = {n: (d["viz"]["position"]["x"], d["viz"]["position"]["y"])
                 for n, d in again.nodes(data=True)}
    assert len(set(positions.values())) == len(positions)  # laid out, not piled up
    export_graph(rich_graph, "gexf", tmp_path / "again.gexf")
    assert [d["viz"] for _, d in nx.read_gexf(tmp_path / "again.gexf").nodes(data=True)] == \
        [d["viz"] for _, d in again.nodes(data=True)]  # the same drawing every time


def test_a_large_gexf_is_drawn_in_rings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past LAYOUT_MAX_NODES no spring layout (seconds at a thousand nodes): rings round the
    best connected node, each node one ring further out than the node that reached it, a
    second part on rings of its own; every node at its own place; the same every time."""
    from enforcegraph.graph.exports import gexf

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a spring layout past the bound")

    hub = nx.star_graph(gexf.LAYOUT_MAX_NODES)  # the hub and LAYOUT_MAX_NODES leaves
    nx.add_path(hub, [5, "chain-1", "chain-2"])
    hub.add_edge("apart-a", "apart-b")
    hub.add_nodes_from(["source:1", "source:2"])  # no relationship: the outermost ring
    ids = sorted(str(n) for n in hub)
    edges = [(str(a), str(b)) for a, b in hub.edges()]
    monkeypatch.setattr(gexf.nx, "spring_layout", refuse)
    placed = gexf._layout(ids, edges)
    assert placed == gexf._layout(list(ids), list(edges))
    assert set(placed) == set(ids) and len(set(placed.values())) == len(ids)

    def radius(node: str) -> float:
        return round(math.hypot(*placed[node]), 6)

    assert radius("0") == 0.0
    assert 0 < radius("5") == radius("17") < radius("chain-1") < radius("chain-2")
    assert radius("chain-2") < radius("apart-a") < radius("apart-b") < radius("source:1")
    assert radius("source:1") == radius("source:2") == 1000.0


def test_csv_neo4j_admin_layout(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    export_graph(rich_graph, "csv", folder)
    node_rows = edge_rows = 0
    for path in sorted(folder.glob("nodes_*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        header = rows[0]
        assert header[:2] == ["id:ID", ":LABEL"]
        assert "source_urls:string[]" in header
        assert all(r[1] == path.stem.removeprefix("nodes_") for r in rows[1:])
        node_rows += len(rows) - 1
    for path in sorted(folder.glob("relationships_*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
        urls = rows[0].index("source_urls:string[]")
        assert all(r[urls] == URL for r in rows[1:])
        edge_rows += len(rows) - 1
    assert (node_rows, edge_rows) == (29, 30)
    sanction = list(csv.DictReader((folder / "nodes_Sanction.csv").open(encoding="utf-8")))
    assert {r["amount:long"] for r in sanction} >= {"7552800", "65000000"}
    assert "--nodes=nodes_Company.csv" in (folder / "import.sh").read_text("utf-8")


def test_parquet(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    export_graph(rich_graph, "parquet", folder)
    nodes = pq.read_table(folder / "nodes.parquet").to_pylist()
    edges = pq.read_table(folder / "relationships.parquet").to_pylist()
    assert (len(nodes), len(edges)) == (29, 30)
    assert all(row["source_urls"] == [URL] for row in nodes + edges)
    fines = {r["id"]: r for r in nodes if r["label"] == "Sanction"}
    assert fines["sanction:gb-1-fine"]["amount"] == 7552800
    assert fines["sanction:gb-1-fine"]["currency"] == "GBP"
    assert {(e["start"], e["end"]) for e in edges if e["type"] == "REPRESENTED_BY"} == {
        ("company:far-away", "company:pr-agency")}


def test_cypher_script_escapes(parallel_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.cypher"
    export_graph(parallel_graph, "cypher", path)
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 2 + 3 + 2  # comment, constraint, 3 labels, 2 types
    statement = next(line for line in lines if "SET n:Statement" in line)
    assert "'It\\'s \"fine\"\\\\ <ok>\\nline 2 — ü'" in statement


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_format_handles_an_empty_graph(fmt: str, tmp_path: Path) -> None:
    exporter = export_graph(nx.MultiDiGraph(), fmt, tmp_path / f"empty.{fmt}")
    assert (exporter.nodes, exporter.edges) == (0, 0)
    assert (tmp_path / f"empty.{fmt}").exists()


def test_export_node_name() -> None:
    assert ExportNode("decision:x", "Decision", {"ref": "SAN-1"}).name == "SAN-1"


def test_csv_round_trips_through_the_neo4j_csv_loader(
    rich_store: EmbeddedStore, rich_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    from enforcegraph.loaders.neo4jcsv import read_neo4j_csv

    folder = tmp_path / "csv"
    export_graph(rich_graph, "csv", folder)
    again = EmbeddedStore(tmp_path / "again.sqlite")
    try:
        again.upsert(read_neo4j_csv(folder))
        _same(again.to_networkx(), rich_graph)
    finally:
        again.close()
