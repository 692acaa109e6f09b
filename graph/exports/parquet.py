"""Parquet for data scientists: ``nodes.parquet`` and ``relationships.parquet`` in a folder,
one column per property (typed by Arrow), lists as list columns, source URLs on every row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register

__all__ = ["ParquetExporter"]


def _table(rows: list[dict[str, Any]], first: list[str]) -> pa.Table:
    columns = list(dict.fromkeys(first + sorted({k for row in rows for k in row})))
    data = {name: [row.get(name) for row in rows] for name in columns}
    arrays = {}
    for name, values in data.items():
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types: keep them as JSON text
            arrays[name] = pa.array([None if v is None else json.dumps(v) for v in values])
    return pa.table(arrays) if rows else pa.table({name: pa.array([], pa.string()) for name in first})


@register
class ParquetExporter(Exporter):
    """Two Parquet files in a folder."""

    name = "parquet"
    description = "Parquet folder: nodes.parquet and relationships.parquet (pyarrow)."
    suffix = ""
    is_folder = True

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.node_rows: list[dict[str, Any]] = []
        self.edge_rows: list[dict[str, Any]] = []

    def write_node(self, node: ExportNode) -> None:
        self.node_rows.append(node.row())

    def write_edge(self, edge: ExportEdge) -> None:
        self.edge_rows.append({"id": edge.id, "type": edge.type, "start": edge.start,
                               "end": edge.end, **edge.properties,
                               "source_urls": edge.source_urls})

    def finalize(self) -> None:
        self.target.mkdir(parents=True, exist_ok=True)
        pq.write_table(_table(self.node_rows, ["id", "label", "display_name"]),
                       self.target / "nodes.parquet")
        pq.write_table(_table(self.edge_rows, ["id", "type", "start", "end"]),
                       self.target / "relationships.parquet")
