"""Streamed HTTP exports of the whole graph or a subgraph: GraphML and node-link JSON.

A small writer of its own (graph/exports had no writers when this was built); each format
is a generator of text chunks over nodes and relationships, so nothing is held whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from enforcegraph.graph.store.base import Node, Relationship
from enforcegraph.schema.model import Model, PropertySpec

__all__ = ["FORMATS", "ExportFormat", "graphml_chunks", "node_link_chunks"]

Chunks = Iterator[str]
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_TYPES = {"amount": "double", "int": "long", "bool": "boolean"}


@dataclass(frozen=True)
class ExportFormat:
    """A format served at /export/{name}."""

    name: str
    media_type: str
    suffix: str
    write: Callable[[Model, Iterable[Node], Iterable[Relationship]], Chunks]


def _xml(value: Any) -> str:
    return escape(_XML_BAD.sub("", value if isinstance(value, str) else _json(value)))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _key_types(specs: Iterable[PropertySpec]) -> dict[str, str]:
    """Property name -> GraphML type (string when labels disagree or for lists)."""
    types: dict[str, str] = {}
    for spec in specs:
        kind = "string" if spec.is_list else _GRAPHML_TYPES.get(spec.kind, "string")
        types[spec.name] = kind if types.get(spec.name, kind) == kind else "string"
    return types


def _graphml_value(kind: str, value: Any) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    return _xml(value)


def graphml_chunks(
    model: Model, nodes: Iterable[Node], relationships: Iterable[Relationship]
) -> Chunks:
    """GraphML 1.0 with one key per model property (lists as JSON text)."""
    node_keys = _key_types(p for label in model.labels.values() for p in label.properties.values())
    node_keys["sources"] = "string"
    edge_keys = _key_types(p for rel in model.relationships.values() for p in rel.properties.values())
    edge_keys["sources"] = "string"
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
        '<key id="type" for="edge" attr.name="type" attr.type="string"/>\n'
        '<key id="key" for="edge" attr.name="key" attr.type="string"/>\n'
    )
    for prefix, target, keys in (("n_", "node", node_keys), ("e_", "edge", edge_keys)):
        yield "".join(
            f'<key id="{prefix}{name}" for="{target}" attr.name="{name}" attr.type="{kind}"/>\n'
            for name, kind in sorted(keys.items())
        )
    yield '<graph id="enforcegraph" edgedefault="directed">\n'
    for node in nodes:
        data = "".join(
            f'<data key="n_{k}">{_graphml_value(node_keys[k], v)}</data>'
            for k, v in sorted(node.properties.items()) if k in node_keys and v is not None
        )
        yield f'<node id={quoteattr(node.id)}><data key="label">{node.label}</data>{data}</node>\n'
    for rel in relationships:
        data = "".join(
            f'<data key="e_{k}">{_graphml_value(edge_keys[k], v)}</data>'
            for k, v in sorted(rel.properties.items()) if k in edge_keys and v is not None
        )
        yield (
            f"<edge id={quoteattr(rel.id)} source={quoteattr(rel.start)} "
            f'target={quoteattr(rel.end)}><data key="type">{rel.type}</data>'
            f'<data key="key">{_xml(rel.key)}</data>{data}</edge>\n'
        )
    yield "</graph>\n</graphml>\n"


def node_link_chunks(
    model: Model, nodes: Iterable[Node], relationships: Iterable[Relationship]
) -> Chunks:
    """Node-link JSON as NetworkX reads it (``json_graph.node_link_graph(data, edges="edges")``)."""
    yield '{"directed":true,"multigraph":true,"graph":{"name":"enforcegraph"},"nodes":['
    for i, node in enumerate(nodes):
        yield ("," if i else "") + _json({"id": node.id, "label": node.label, **node.properties})
    yield '],"edges":['
    for i, rel in enumerate(relationships):
        item = {**rel.properties, "source": rel.start, "target": rel.end, "key": rel.id,
                "type": rel.type, "rel_key": rel.key}
        yield ("," if i else "") + _json(item)
    yield "]}\n"


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("graphml", "application/graphml+xml", "graphml", graphml_chunks),
        ExportFormat("json", "application/json", "json", node_link_chunks),
    )
}
