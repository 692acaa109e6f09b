"""A Cypher script (cypher-shell, Neo4j Browser) that rebuilds the graph offline.

A file format, so values are written as escaped literals (one statement per line);
the store's own queries stay parameterised in graph/backends/cypher.py. The shape matches
the Neo4j backend: every node is ``:Entity:<Label> {id}``, every relationship has ``id``
and ``key``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register

__all__ = ["CypherExporter", "literal", "statements"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    r"""A Cypher literal for a property value.

    >>> print(literal("it's"), literal([1, 2.5]), literal(True))
    'it\'s' [1, 2.5] true
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to Cypher")
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return _string(str(value))


def _name(name: str) -> str:
    return name if _NAME.match(name) else "`" + name.replace("`", "``") + "`"


def _map(props: dict[str, Any]) -> str:
    pairs = [f"{_name(k)}: {literal(v)}" for k, v in sorted(props.items()) if v is not None]
    return "{" + ", ".join(pairs) + "}"


def _node_row(node: ExportNode) -> str:
    props = {**node.properties, "source_urls": node.source_urls}
    return f"{{id: {literal(node.id)}, props: {_map(props)}}}"


def _edge_row(edge: ExportEdge) -> str:
    key = edge.id.split("#", 1)[1] if "#" in edge.id else ""
    props = {**edge.properties, "key": key, "source_urls": edge.source_urls}
    return (f"{{id: {literal(edge.id)}, start: {literal(edge.start)}, end: {literal(edge.end)}, "
            f"props: {_map(props)}}}")


def statements(label_or_type: str, rows: list[str], *, nodes: bool) -> str:
    """One statement merging a batch of rows (literal maps) of one label or type."""
    head = "UNWIND [" + ", ".join(rows) + "] AS row "
    if nodes:
        return head + f"MERGE (n:Entity {{id: row.id}}) SET n:{_name(label_or_type)} SET n += row.props;"
    return head + (
        "MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
        f"MERGE (a)-[r:{_name(label_or_type)} {{id: row.id}}]->(b) SET r += row.props;"
    )


@register
class CypherExporter(Exporter):
    """A uniqueness constraint on ``Entity.id``, then one ``UNWIND ... MERGE`` statement per
    line for each batch of nodes of one label and of relationships of one type."""

    name = "cypher"
    description = "Cypher script (cypher-shell), idempotent MERGE statements."
    suffix = ".cypher"
    batch = 200

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.node_rows: dict[str, list[str]] = defaultdict(list)
        self.edge_rows: dict[str, list[str]] = defaultdict(list)

    def write_node(self, node: ExportNode) -> None:
        self.node_rows[node.label].append(_node_row(node))

    def write_edge(self, edge: ExportEdge) -> None:
        self.edge_rows[edge.type].append(_edge_row(edge))

    def finalize(self) -> None:
        with self.target.open("w", encoding="utf-8") as handle:
            handle.write("// enforcegraph export: run with cypher-shell -f FILE\n")
            handle.write("CREATE CONSTRAINT entity_id IF NOT EXISTS "
                         "FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n")
            for groups, nodes in ((self.node_rows, True), (self.edge_rows, False)):
                for name, rows in sorted(groups.items()):
                    for first in range(0, len(rows), self.batch):
                        chunk = rows[first : first + self.batch]
                        handle.write(statements(name, chunk, nodes=nodes) + "\n")
