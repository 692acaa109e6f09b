"""CSV in the neo4j-admin import layout: one node file per label, one relationship file per
type, typed headers (``id:ID``, ``:LABEL``, ``sources:string[]``, ``:START_ID`` ...)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register

__all__ = ["ARRAY_DELIMITER", "CsvExporter", "import_command"]

ARRAY_DELIMITER = "|"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        return "string[]"
    return "string"


def _columns(rows: list[dict[str, Any]], fixed: tuple[str, ...]) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for row in rows:
        for key, value in row.items():
            if key in fixed or value is None:
                continue
            kind = _kind(value)
            old = kinds.get(key)
            kinds[key] = kind if old in (None, kind) else (
                "double" if {old, kind} == {"long", "double"} else "string")
    return dict(sorted(kinds.items()))


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        items = value if isinstance(value, list) else [value]
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, ",") for v in items)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def import_command(folder: Path, node_files: list[str], rel_files: list[str]) -> str:
    """The neo4j-admin (5.x) command that imports the folder into a new database."""
    parts = ["neo4j-admin database import full", f"--array-delimiter='{ARRAY_DELIMITER}'",
             "--multiline-fields=true"]
    parts += [f"--nodes={folder / name}" for name in node_files]
    parts += [f"--relationships={folder / name}" for name in rel_files]
    return " \\\n  ".join(parts) + " \\\n  neo4j\n"


@register
class CsvExporter(Exporter):
    """A folder: ``nodes_<Label>.csv``, ``relationships_<TYPE>.csv`` and ``import.sh``."""

    name = "csv"
    description = "CSV folder in the neo4j-admin import layout."
    suffix = ""
    is_folder = True

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.edge_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def write_node(self, node: ExportNode) -> None:
        self.node_rows[node.label].append(
            {"id": node.id, **node.properties, "display_name": node.name, "source_urls": node.source_urls}
        )

    def write_edge(self, edge: ExportEdge) -> None:
        self.edge_rows[edge.type].append(
            {":START_ID": edge.start, ":END_ID": edge.end, "id": edge.id, **edge.properties,
             "source_urls": edge.source_urls}
        )

    def _write(self, name: str, fixed: dict[str, str], rows: list[dict[str, Any]],
               extra: dict[str, str]) -> None:
        kinds = _columns(rows, tuple(fixed))
        header = list(fixed.values()) + list(extra.values()) + [
            key if kind == "string" else f"{key}:{kind}" for key, kind in kinds.items()]
        with (self.target / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in rows:
                writer.writerow([row[k] for k in fixed] + list(extra)
                                + [_cell(row.get(k), kind) for k, kind in kinds.items()])

    def finalize(self) -> None:
        self.target.mkdir(parents=True, exist_ok=True)
        node_files, rel_files = [], []
        for label, rows in sorted(self.node_rows.items()):
            node_files.append(f"nodes_{label}.csv")
            self._write(node_files[-1], {"id": "id:ID"}, rows, {label: ":LABEL"})
        for rel_type, rows in sorted(self.edge_rows.items()):
            rel_files.append(f"relationships_{rel_type}.csv")
            fixed = {":START_ID": ":START_ID", ":END_ID": ":END_ID"}
            self._write(rel_files[-1], fixed, rows, {rel_type: ":TYPE"})
        script = "#!/bin/sh\n# Import into an empty database (stop Neo4j first).\n"
        (self.target / "import.sh").write_text(
            script + import_command(Path("."), node_files, rel_files), "utf-8")
