"""Curated case files (YAML or JSON): nodes and relationships, each with its sources."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from enforcegraph.loaders.base import LoadFormat, fail, register_format
from enforcegraph.loaders.limits import InputLimits, read_input
from enforcegraph.loaders.strict import (
    DuplicateKey,
    StrictYamlLoader,
    YamlAlias,
    duplicate_keys,
    loads_json,
)
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["CaseFile", "parse_case_file", "read_case_file"]

_REL_KEYS = ("type", "from", "to", "key")
_RECORD = re.compile(r"((?:nodes|relationships)\[\d+\])\.?(.*)")


class CaseFile:
    """A parsed case file: its header and its records with their line numbers."""

    def __init__(self, path: Path, header: dict[str, Any], batch: Batch) -> None:
        self.path = path
        self.header = header
        self.batch = batch

    @property
    def requires(self) -> list[str]:
        """Names of the datasets this one builds on."""
        return [str(r) for r in self.header.get("requires") or []]


def _decode(path: Path, limits: InputLimits | None) -> str:
    data = read_input(path, limits)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(path, f"line {line}", "-", f"not UTF-8 text ({exc.reason})") from None


def _yaml_records(path: Path, text: str) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The document and, for ``nodes`` and ``relationships``, each item's line."""
    try:
        root = yaml.compose(text, Loader=StrictYamlLoader)
        data = yaml.load(text, Loader=StrictYamlLoader)
    except DuplicateKey as exc:
        raise fail(path, f"line {exc.line}", exc.key, "duplicate key (given twice in one mapping)") from None
    except YamlAlias as exc:
        raise fail(path, f"line {exc.line}", "-",
                   "YAML anchors and aliases (&name, *name) are not accepted: repeat the value") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "line ?"
        raise fail(path, where, "-", f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    lines: dict[str, list[int]] = {"nodes": [], "relationships": []}
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if key_node.value in lines and isinstance(value_node, yaml.SequenceNode):
                lines[key_node.value] = [item.start_mark.line + 1 for item in value_node.value]
    return data, lines


def _json_records(path: Path, text: str) -> tuple[dict[str, Any], dict[str, list[int]]]:
    try:
        data = loads_json(text)
    except json.JSONDecodeError as exc:
        raise fail(path, f"line {exc.lineno}", "-", f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise fail(path, "-", "-", "invalid JSON: nested too deeply") from None
    errors = []
    for where, key in duplicate_keys(data):
        found = _RECORD.match(where)
        record, inner = (found.group(1), found.group(2)) if found else ("line 1", where)
        field = f"{inner}.{key}" if inner else key
        errors.append(FieldError(str(path), record, field, "duplicate key (given twice in one object)"))
    if errors:
        raise InvalidData(errors)
    return data, {}


def parse_case_file(path: Path, limits: InputLimits | None = None) -> CaseFile:
    """Parse a case file; structural problems raise InvalidData naming file, line, field."""
    text = _decode(path, limits)
    is_json = path.suffix.lower() == ".json"
    data, lines = (_json_records if is_json else _yaml_records)(path, text)
    if not isinstance(data, dict):
        raise fail(path, "line 1", "-", "a case file is a mapping with nodes and relationships")
    errors: list[FieldError] = []
    batch = Batch()

    def origin(section: str, index: int) -> Origin:
        numbers = lines.get(section) or []
        where = f"line {numbers[index]}" if index < len(numbers) else f"{section}[{index}]"
        return Origin(str(path), where)

    for index, item in enumerate(data.get("nodes") or []):
        where = origin("nodes", index)
        if not isinstance(item, dict):
            errors.append(FieldError(where.file, where.record, "-", "a node is a mapping"))
            continue
        props = {k: v for k, v in item.items() if k not in ("id", "label")}
        for required in ("id", "label"):
            if not item.get(required):
                errors.append(FieldError(where.file, where.record, required, "required"))
        batch.nodes.append(
            NodeRecord(str(item.get("id", "")), str(item.get("label", "")), props, where)
        )
    for index, item in enumerate(data.get("relationships") or []):
        where = origin("relationships", index)
        if not isinstance(item, dict):
            errors.append(FieldError(where.file, where.record, "-", "a relationship is a mapping"))
            continue
        for required in ("type", "from", "to"):
            if not item.get(required):
                errors.append(FieldError(where.file, where.record, required, "required"))
        props = {k: v for k, v in item.items() if k not in _REL_KEYS}
        batch.relationships.append(
            RelationshipRecord(
                str(item.get("type", "")),
                str(item.get("from", "")),
                str(item.get("to", "")),
                props,
                str(item.get("key") or ""),
                where,
            )
        )
    unknown = set(data) - {"dataset", "description", "requires", "nodes", "relationships"}
    for key in sorted(unknown):
        errors.append(FieldError(str(path), "line 1", key, "unknown top-level key"))
    if errors:
        raise InvalidData(errors)
    header = {k: v for k, v in data.items() if k not in ("nodes", "relationships")}
    return CaseFile(path, header, batch)


def read_case_file(path: Path, limits: InputLimits | None = None) -> Batch:
    """The records of one case file."""
    return parse_case_file(path, limits).batch


register_format(
    LoadFormat(
        name="casefile",
        description="Curated case file (YAML or JSON) of nodes and relationships with sources.",
        suffixes=(".yaml", ".yml", ".json"),
        read=read_case_file,
    )
)
