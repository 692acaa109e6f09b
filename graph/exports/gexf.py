"""GEXF 1.3 (Gephi, NetworkX), written directly: typed attributes, edge ``kind`` =
relationship type (so parallel relationships of different types stay apart), and how to
draw each node in the ``viz`` namespace (http://gexf.net/1.3/viz, as Gephi, NetworkX and
the format's primer read it): its label's colour from schema/model.yaml, a size (a
sanction by its amount in EUR, any other node by its number of relationships) and a
position (a seeded spring layout up to :data:`LAYOUT_MAX_NODES` nodes; past it rings
around the best connected node, each node one ring out from where it was reached: a
spring layout costs seconds at a thousand nodes, rings a few milliseconds).

The node's label (its type) is the attribute ``type``: ``label`` is GEXF's own attribute
for a node's name, and a second ``label`` would overwrite the name in NetworkX.

The official 1.3 XSD files declare ``color``, ``position`` and ``size`` in the main GEXF
namespace (their generator let the viz module inherit it), unlike the primer; the tests
validate the document against them with the viz elements moved to that namespace, and
read it back with NetworkX.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register
from enforcegraph.schema.model import load_model

__all__ = ["GEXF_NAMESPACE", "LAYOUT_MAX_NODES", "VIZ_NAMESPACE", "GexfExporter"]

GEXF_NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
LAYOUT_MAX_NODES = 300  # a spring layout up to this many nodes (0.15 s); rings beyond
_SEED = 7
_SCALE = 1000.0  # positions span about -1000..1000


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        return "liststring"
    return "string"


def _merge(old: str | None, new: str) -> str:
    if old is None or old == new:
        return new
    if {old, new} == {"long", "double"}:
        return "double"
    return "string"


def _text(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "liststring":
        return json.dumps([str(v) for v in value], ensure_ascii=False)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if kind == "double":
        return repr(float(value))
    return str(value)


class _Attributes:
    """Attribute declarations of one class (node or edge), typed from the values seen."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}

    def see(self, props: dict[str, Any]) -> None:
        for key, value in props.items():
            if value is not None:
                self.types[key] = _merge(self.types.get(key), _type_of(value))

    def declare(self, parent: ET.Element, cls: str) -> dict[str, str]:
        element = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
        ids = {}
        for index, (title, kind) in enumerate(sorted(self.types.items())):
            ids[title] = f"{cls[0]}{index}"
            ET.SubElement(element, "attribute", {"id": ids[title], "title": title, "type": kind})
        return ids

    def values(self, parent: ET.Element, props: dict[str, Any], ids: dict[str, str]) -> None:
        present = [(k, v) for k, v in sorted(props.items()) if v is not None]
        if not present:
            return
        element = ET.SubElement(parent, "attvalues")
        for key, value in present:
            ET.SubElement(element, "attvalue",
                          {"for": ids[key], "value": _text(value, self.types[key])})


@register
class GexfExporter(Exporter):
    """GEXF 1.3, valid against the official XSD; Gephi opens it."""

    name = "gexf"
    description = "GEXF 1.3 (Gephi)."
    suffix = ".gexf"

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.node_rows: list[tuple[str, str, dict[str, Any]]] = []
        self.edge_rows: list[tuple[ExportEdge, dict[str, Any]]] = []
        self.node_attrs = _Attributes()
        self.edge_attrs = _Attributes()

    def write_node(self, node: ExportNode) -> None:
        props = {"type": node.label, **node.properties, "source_urls": node.source_urls}
        self.node_attrs.see(props)
        self.node_rows.append((node.id, node.name, props))

    def write_edge(self, edge: ExportEdge) -> None:
        props = {"type": edge.type, **edge.properties, "source_urls": edge.source_urls}
        self.edge_attrs.see(props)
        self.edge_rows.append((edge, props))

    def finalize(self) -> None:
        root = ET.Element("gexf", {
            "xmlns": GEXF_NAMESPACE, "xmlns:viz": VIZ_NAMESPACE, "xmlns:xsi": _XSI,
            "version": "1.3",
            "xsi:schemaLocation": f"{GEXF_NAMESPACE} http://gexf.net/1.3/gexf.xsd",
        })
        meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.today().isoformat()})
        ET.SubElement(meta, "creator").text = "enforcegraph"
        ET.SubElement(meta, "description").text = (
            "Enforcement graph; source_urls on every node and edge give provenance."
        )
        draw = self._drawing()
        graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
        node_ids = self.node_attrs.declare(graph, "node")
        edge_ids = self.edge_attrs.declare(graph, "edge")
        nodes = ET.SubElement(graph, "nodes", {"count": str(len(self.node_rows))})
        for node_id, name, props in self.node_rows:
            element = ET.SubElement(nodes, "node", {"id": node_id, "label": " ".join(name.split())})
            self.node_attrs.values(element, props, node_ids)
            colour, size, (x, y) = draw[node_id]
            ET.SubElement(element, "viz:color", {"r": str(int(colour[1:3], 16)),
                                                 "g": str(int(colour[3:5], 16)),
                                                 "b": str(int(colour[5:7], 16))})
            ET.SubElement(element, "viz:position", {"x": f"{x:.2f}", "y": f"{y:.2f}",
                                                    "z": "0.0"})
            ET.SubElement(element, "viz:size", {"value": f"{size:.2f}"})
        edges = ET.SubElement(graph, "edges", {"count": str(len(self.edge_rows))})
        for edge, props in self.edge_rows:
            element = ET.SubElement(edges, "edge", {
                "id": edge.id, "source": edge.start, "target": edge.end,
                "label": edge.type, "kind": edge.type,
            })
            self.edge_attrs.values(element, props, edge_ids)
        tree = ET.ElementTree(root)
        ET.indent(tree)
        tree.write(self.target, encoding="UTF-8", xml_declaration=True)

    def _drawing(self) -> dict[str, tuple[str, float, tuple[float, float]]]:
        """Node id -> (colour, size, position)."""
        labels = load_model().labels
        ids = [node_id for node_id, _, _ in self.node_rows]
        degree: Counter[str] = Counter()
        for edge, _ in self.edge_rows:
            degree[edge.start] += 1
            degree[edge.end] += 1
        places = _layout(ids, [(e.start, e.end) for e, _ in self.edge_rows])
        out = {}
        for node_id, _, props in self.node_rows:
            spec = labels.get(str(props.get("type")))
            colour = spec.colour if spec else "#666666"
            amount = props.get("amount_eur")
            if props.get("type") == "Sanction" and isinstance(amount, int | float) and amount > 0:
                size = 8.0 + 4.0 * math.log10(1.0 + float(amount) / 1000.0)
            else:
                size = 8.0 + 4.0 * math.log10(1.0 + degree[node_id])
            out[node_id] = (colour, size, places[node_id])
        return out


def _layout(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions: a seeded spring layout, or rings for large graphs (same input, same
    output)."""
    if not ids:
        return {}
    if len(ids) <= LAYOUT_MAX_NODES:
        graph: nx.Graph = nx.Graph()
        graph.add_nodes_from(ids)
        graph.add_edges_from((a, b) for a, b in edges if a in graph and b in graph)
        placed = nx.spring_layout(graph, seed=_SEED, scale=_SCALE)
        return {node: (float(placed[node][0]), float(placed[node][1])) for node in ids}
    return _rings(ids, edges)


def _rings(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Concentric rings, in time linear in the graph: the best connected node (fewest id
    on a tie) at the centre, the nodes it reaches breadth first one ring further out each
    step, each ring ordered by where its nodes' parents sit; a part it does not reach
    starts on the next ring from its own best connected node; nodes with no relationship
    (the Sources an export carries) share the outermost ring."""
    near: dict[str, set[str]] = {node: set() for node in ids}
    for a, b in edges:
        if a in near and b in near and a != b:
            near[a].add(b)
            near[b].add(a)
    by_degree = sorted(ids, key=lambda node: (-len(near[node]), node))
    placed: set[str] = set()
    rings: list[list[str]] = []
    slot: dict[str, float] = {}  # a node's place around its ring, 0..1
    alone = [node for node in by_degree if not near[node]]
    for start in by_degree:
        if start in placed or not near[start]:
            continue
        placed.add(start)
        level = [start]
        while level:  # each level a ring of its own
            rings.append(level)
            slot.update((node, index / len(level)) for index, node in enumerate(level))
            reached: list[tuple[float, str]] = []
            for node in level:
                for other in near[node] - placed:
                    placed.add(other)
                    reached.append((slot[node], other))
            level = [node for _, node in sorted(reached)]
    if alone:
        rings.append(alone)
    outer = max(1, len(rings) - 1)
    out = {}
    for depth, ring in enumerate(rings):
        radius = _SCALE * depth / outer
        for index, node in enumerate(ring):
            angle = 2 * math.pi * index / len(ring)
            out[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return out
