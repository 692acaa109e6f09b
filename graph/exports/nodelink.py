"""Node-link JSON (d3, NetworkX ``node_link_graph``), with source URLs on every item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register

__all__ = ["NodeLinkExporter", "read_node_link"]


@register
class NodeLinkExporter(Exporter):
    """``{"directed", "multigraph", "graph", "nodes", "edges"}`` as NetworkX writes it."""

    name = "nodelink"
    description = "Node-link JSON (d3, NetworkX)."
    suffix = ".json"

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.node_rows: list[dict[str, Any]] = []
        self.edge_rows: list[dict[str, Any]] = []

    def write_node(self, node: ExportNode) -> None:
        self.node_rows.append(node.row())

    def write_edge(self, edge: ExportEdge) -> None:
        self.edge_rows.append({"source": edge.start, "target": edge.end, "key": edge.id,
                               "type": edge.type, **edge.properties,
                               "source_urls": edge.source_urls})

    def finalize(self) -> None:
        data = {"directed": True, "multigraph": True, "graph": {"generator": "enforcegraph"},
                "nodes": self.node_rows, "edges": self.edge_rows}
        self.target.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def read_node_link(path: Path, *, derived: bool = False) -> nx.MultiDiGraph:
    """Read a node-link export back (``display_name`` and ``source_urls`` dropped unless ``derived``)."""
    data = json.loads(Path(path).read_text("utf-8"))
    graph: nx.MultiDiGraph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    if not derived:
        for _, attrs in graph.nodes(data=True):
            attrs.pop("display_name", None)
            attrs.pop("source_urls", None)
        for _, _, attrs in graph.edges(data=True):
            attrs.pop("source_urls", None)
    return graph
