"""Format ``neo4j-csv``: nodes and relationships in the neo4j-admin import layout.

Reads what ``graph/exports/csv.py`` writes (``nodes_<Label>.csv``,
``relationships_<TYPE>.csv``) and the single-file variant (``nodes.csv``,
``relationships.csv``): ``:ID`` (or ``id:ID``), ``:LABEL`` and typed property columns
(``amount:double``, ``sources:string[]``); ``:START_ID``, ``:END_ID``, ``:TYPE`` and the
relationship ``id`` or ``key``. Columns the exporter derives (``source_urls``,
``display_name``, a ``name`` on labels without one, the relationship ``id``) are not
properties. An empty cell
is an absent property; arrays are split on the exporter's delimiter.

The files are read as a stream (:func:`stream_neo4j_csv`): batches of at most
``BATCH_RECORDS`` records, Source nodes first (every other record cites them), then the
other nodes, then the relationships; memory holds one batch.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from enforcegraph.loaders.base import BATCH_RECORDS, LoadFormat, fail, register_format
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.tabular import Row, iter_table
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.model import load_model
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["ARRAY_DELIMITER", "read_neo4j_csv", "stream_neo4j_csv"]

ARRAY_DELIMITER = "|"  # the exporter's (passed to neo4j-admin as --array-delimiter)
_TYPES = {"": "string", "string": "string", "string[]": "string[]", "float": "float",
          "double": "float", "int": "int", "long": "int", "boolean": "boolean"}
_NODE_SPECIAL = (":ID", ":LABEL")
_REL_SPECIAL = (":START_ID", ":END_ID", ":TYPE")
_DERIVED = frozenset({"source_urls", "display_name"})


def _parse(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind == "string[]":
        return text.split(ARRAY_DELIMITER)
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"not a boolean (true/false): {text!r}")
        return text.lower() == "true"
    if kind == "int":
        return int(text)
    if kind == "float":
        value = float(text) if any(c in text.lower() for c in ".ena") else int(text)
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"not a finite number: {text!r}")
        return value
    return text


def _columns(path: Path, header: list[str], special: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Column -> (property name or special name, type)."""
    columns: dict[str, tuple[str, str]] = {}
    for column in header:
        name, _, kind = column.partition(":")
        if f":{kind}" in special:
            columns[column] = (f":{kind}", "special")
        elif not name or kind not in _TYPES:
            raise fail(path, "line 1", column, "not a property column of the form name[:type]")
        else:
            columns[column] = (name, _TYPES[kind])
    present = {name for name, _ in columns.values()}
    missing = [s for s in special if s not in present]
    if missing:
        raise fail(path, "line 1", "header", f"missing columns {missing}")
    return columns


def _properties(path: Path, row: Row, columns: dict[str, tuple[str, str]], skip: set[str],
                errors: list[FieldError]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for column, (name, kind) in columns.items():
        if kind == "special" or name in skip or name in _DERIVED:
            continue
        try:
            value = _parse(row.cells[column], kind)
        except ValueError as exc:
            errors.append(FieldError(str(path), row.record, name, str(exc)))
            continue
        if value is not None:
            props[name] = value
    return props


def _read_nodes(path: Path, errors: list[FieldError], limits: InputLimits | None) -> Iterator[NodeRecord]:
    header, rows = iter_table(path, [], errors, delimiter=",", exact=False, limits=limits)
    columns = _columns(path, header, _NODE_SPECIAL)
    special = {name: column for column, (name, kind) in columns.items() if kind == "special"}
    labels = load_model().labels
    for row in rows:
        node_id, label = row.cells[special[":ID"]], row.cells[special[":LABEL"]]
        if ARRAY_DELIMITER in label or ";" in label:
            errors.append(FieldError(str(path), row.record, ":LABEL", f"one label expected, got {label!r}"))
        spec = labels.get(label)
        skip = {"name"} if spec is not None and "name" not in spec.properties else set()
        props = _properties(path, row, columns, skip, errors)
        yield NodeRecord(node_id, label, props, Origin(str(path), row.record))


def _key(rel_id: str, prefix: str) -> str:
    return rel_id[len(prefix) + 1:] if rel_id.startswith(prefix + "#") else ""


def _read_relationships(
    path: Path, errors: list[FieldError], limits: InputLimits | None
) -> Iterator[RelationshipRecord]:
    header, rows = iter_table(path, [], errors, delimiter=",", exact=False, limits=limits)
    columns = _columns(path, header, _REL_SPECIAL)
    special = {name: column for column, (name, kind) in columns.items() if kind == "special"}
    for row in rows:
        cells = row.cells
        start, end, rel_type = (cells[special[s]] for s in _REL_SPECIAL)
        props = _properties(path, row, columns, {"id", "key"}, errors)
        key = cells.get("key", "") or _key(cells.get("id", ""), f"{rel_type}:{start}->{end}")
        yield RelationshipRecord(rel_type, start, end, props, key, Origin(str(path), row.record))


def _files(path: Path) -> tuple[list[Path], list[Path]]:
    if not path.is_dir():
        siblings = [path.parent / "relationships.csv"] if path.name == "nodes.csv" else []
        return [path], [p for p in siblings if p.exists()]
    sources = sorted(path.glob("nodes_Source.csv"))  # first: the others cite them
    nodes = sources + sorted(path.glob("nodes.csv")) + sorted(set(path.glob("nodes_*.csv")) - set(sources))
    rels = sorted(path.glob("relationships.csv")) + sorted(path.glob("relationships_*.csv"))
    if not nodes:
        raise fail(path, "-", "nodes", "no nodes.csv or nodes_<Label>.csv in the folder")
    return nodes, rels


def stream_neo4j_csv(path: Path, limits: InputLimits | None = None,
                     size: int = BATCH_RECORDS) -> Iterator[Batch]:
    """A folder of node and relationship files, or one nodes file (each read within
    ``limits``), in batches of at most ``size`` records. After a bad row no batch follows:
    the files are read to their end and every bad row is raised at once (InvalidData)."""
    nodes, rels = _files(path)
    errors: list[FieldError] = []
    records: list[Iterator[NodeRecord | RelationshipRecord]] = [
        *(_read_nodes(file, errors, limits) for file in nodes),
        *(_read_relationships(file, errors, limits) for file in rels),
    ]
    batch = Batch()
    for source in records:
        while chunk := list(islice(source, size - len(batch))):
            for record in chunk:
                if isinstance(record, NodeRecord):
                    batch.nodes.append(record)
                else:
                    batch.relationships.append(record)
            if errors:
                batch = Batch()  # nothing more is written; the rest is read for its errors
            elif len(batch) >= size:
                yield batch
                batch = Batch()
    if errors:
        raise InvalidData(errors)
    if len(batch):
        yield batch


def read_neo4j_csv(path: Path, limits: InputLimits | None = None) -> Batch:
    """The whole of :func:`stream_neo4j_csv` in one batch."""
    whole = Batch()
    for batch in stream_neo4j_csv(path, limits):
        whole.extend(batch)
    return whole


register_format(
    LoadFormat(
        name="neo4j-csv",
        description="Nodes and relationships in the neo4j-admin import layout (a folder, or a nodes file).",
        suffixes=("nodes.csv",),
        read=read_neo4j_csv,
        stream=stream_neo4j_csv,
        folders=True,
    )
)
