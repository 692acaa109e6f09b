"""A Cypher script (cypher-shell, Neo4j Browser) that rebuilds the graph offline.

A file format, so values are written as escaped literals (one statement per line);
the store's own queries stay parameterised in graph/store/cypher.py. The shape matches
the Neo4j backend: every node is ``:Entity:<Label> {id}``, every relationship has ``id``
and ``key``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import IO, Any

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


def statements(item: ExportNode | ExportEdge) -> str:
    """The statement that merges one node or relationship."""
    if isinstance(item, ExportNode):
        props = {**item.properties, "source_urls": item.source_urls}
        return (f"MERGE (n:Entity {{id: {literal(item.id)}}}) SET n:{_name(item.label)} "
                f"SET n += {_map(props)};")
    key = item.id.split("#", 1)[1] if "#" in item.id else ""
    props = {**item.properties, "key": key, "source_urls": item.source_urls}
    return (f"MATCH (a:Entity {{id: {literal(item.start)}}}) "
            f"MATCH (b:Entity {{id: {literal(item.end)}}}) "
            f"MERGE (a)-[r:{_name(item.type)} {{id: {literal(item.id)}}}]->(b) "
            f"SET r += {_map(props)};")


@register
class CypherExporter(Exporter):
    """One ``MERGE`` statement per line, after a uniqueness constraint on ``Entity.id``."""

    name = "cypher"
    description = "Cypher script (cypher-shell), idempotent MERGE statements."
    suffix = ".cypher"

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self._handle: IO[str] | None = None

    def _out(self) -> IO[str]:
        if self._handle is None:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.target.open("w", encoding="utf-8")
            self._handle.write("// enforcegraph export: run with cypher-shell -f FILE\n")
            self._handle.write("CREATE CONSTRAINT entity_id IF NOT EXISTS "
                               "FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n")
        return self._handle

    def write_node(self, node: ExportNode) -> None:
        self._out().write(statements(node) + "\n")

    def write_edge(self, edge: ExportEdge) -> None:
        self._out().write(statements(edge) + "\n")

    def finalize(self) -> None:
        self._out().close()
        self._handle = None
