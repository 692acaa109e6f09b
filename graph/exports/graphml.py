"""GraphML (igraph, yEd, Cytoscape): lists are stored as JSON text and named in the header."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, plain, register

__all__ = ["GraphMLExporter", "read_graphml"]

DERIVED = ("display_name", "source_urls")


def _flat(props: dict[str, Any], lists: set[str]) -> dict[str, Any]:
    out = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, list):
            lists.add(key)
        out[key] = plain(value)
    return out


@register
class GraphMLExporter(Exporter):
    """GraphML via NetworkX; node ``label`` is the schema label, edges keep id and ``type``."""

    name = "graphml"
    description = "GraphML (igraph, yEd, Cytoscape)."
    suffix = ".graphml"

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.lists: set[str] = set()

    def write_node(self, node: ExportNode) -> None:
        attrs = {**node.properties, "display_name": node.name, "source_urls": node.source_urls}
        self.graph.add_node(node.id, label=node.label, **_flat(attrs, self.lists))

    def write_edge(self, edge: ExportEdge) -> None:
        attrs = {**edge.properties, "source_urls": edge.source_urls}
        self.graph.add_edge(edge.start, edge.end, key=edge.id, type=edge.type,
                            **_flat(attrs, self.lists))

    def finalize(self) -> None:
        self.graph.graph["list_attributes"] = json.dumps(sorted(self.lists))
        nx.write_graphml(self.graph, self.target, infer_numeric_types=True)


def read_graphml(path: Path, *, derived: bool = False) -> nx.MultiDiGraph:
    """Read an enforcegraph GraphML file back into the store's NetworkX shape.

    List attributes are decoded; the derived ``display_name`` and ``source_urls`` are dropped
    unless ``derived`` is true.
    """
    graph: nx.MultiDiGraph = nx.read_graphml(path, force_multigraph=True)
    lists = set(json.loads(graph.graph.pop("list_attributes", "[]")))
    drop = () if derived else DERIVED
    for _, attrs in graph.nodes(data=True):
        _restore(attrs, lists, drop)
    for _, _, attrs in graph.edges(data=True):
        attrs.pop("id", None)
        _restore(attrs, lists, drop)
    return graph


def _restore(attrs: dict[str, Any], lists: set[str], drop: tuple[str, ...]) -> None:
    for key in list(attrs):
        if key in drop:
            del attrs[key]
        elif key in lists and isinstance(attrs[key], str):
            attrs[key] = json.loads(attrs[key])
