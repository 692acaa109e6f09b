"""GEXF 1.3 (Gephi), written directly: typed attributes, edge ``kind`` = relationship type,
so parallel relationships of different types stay apart."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register

__all__ = ["GEXF_NAMESPACE", "GexfExporter"]

GEXF_NAMESPACE = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


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
        props = {"label": node.label, **node.properties, "source_urls": node.source_urls}
        self.node_attrs.see(props)
        self.node_rows.append((node.id, node.name, props))

    def write_edge(self, edge: ExportEdge) -> None:
        props = {"type": edge.type, **edge.properties, "source_urls": edge.source_urls}
        self.edge_attrs.see(props)
        self.edge_rows.append((edge, props))

    def finalize(self) -> None:
        root = ET.Element("gexf", {
            "xmlns": GEXF_NAMESPACE, "xmlns:xsi": _XSI, "version": "1.3",
            "xsi:schemaLocation": f"{GEXF_NAMESPACE} http://gexf.net/1.3/gexf.xsd",
        })
        meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.today().isoformat()})
        ET.SubElement(meta, "creator").text = "enforcegraph"
        ET.SubElement(meta, "description").text = (
            "Enforcement graph; source_urls on every node and edge give provenance."
        )
        graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
        node_ids = self.node_attrs.declare(graph, "node")
        edge_ids = self.edge_attrs.declare(graph, "edge")
        nodes = ET.SubElement(graph, "nodes", {"count": str(len(self.node_rows))})
        for node_id, name, props in self.node_rows:
            element = ET.SubElement(nodes, "node", {"id": node_id, "label": " ".join(name.split())})
            self.node_attrs.values(element, props, node_ids)
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
