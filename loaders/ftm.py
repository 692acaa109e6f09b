"""Format ``ftm``: FollowTheMoney entities as JSON lines (OpenSanctions, Aleph).

Mapped by ``schema/ftm_mapping.yaml`` (see docs/ftm-mapping.md): legal entities and
people become Company and Person nodes, Sanction entities Sanction nodes AGAINST their
entity, Representation and Directorship edges REPRESENTED_BY and OFFICER_OF. Every entity
needs a ``sourceUrl`` (or ``publisherUrl``); an edge without one takes its ends' sources.
Schemata the model cannot hold (Address, Ownership ...) are listed in the quality report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enforcegraph.loaders.base import LoadFormat, register_format
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.quality import QualityReport, ReportedBatch
from enforcegraph.loaders.sources import source_id
from enforcegraph.loaders.strict import duplicate_keys, loads_json
from enforcegraph.loaders.tabular import decode_text
from enforcegraph.schema.codes import COUNTRY_CODES
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.ftmmap import from_ftm_id, mapping
from enforcegraph.schema.ids import ID_PATTERN
from enforcegraph.schema.records import NodeRecord, Origin, RelationshipRecord

__all__ = ["read_ftm"]

LIST_PROPERTIES = frozenset({"aliases", "identifiers"})


@dataclass
class _Entity:
    line: int
    id: str
    schema: str
    properties: dict[str, list[str]]

    @property
    def record(self) -> str:
        return f"line {self.line}"

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.properties.get(name) or []:
                if value.strip():
                    return value.strip()
        return None


def _parse_lines(path: Path, errors: list[FieldError], limits: InputLimits | None) -> list[_Entity]:
    entities: list[_Entity] = []
    for number, line in enumerate(decode_text(path, limits=limits).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = loads_json(line)
        except json.JSONDecodeError as exc:
            errors.append(FieldError(str(path), where, "-", f"invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        except RecursionError:
            errors.append(FieldError(str(path), where, "-", "invalid JSON: nested too deeply"))
            continue
        repeated = [f"{inner}.{key}" if inner else key for inner, key in duplicate_keys(data)]
        for key in repeated:
            errors.append(FieldError(str(path), where, key, "duplicate key (given twice in one object)"))
        if repeated:
            continue
        if not isinstance(data, dict):
            errors.append(FieldError(str(path), where, "-", "an FtM entity is a JSON object"))
            continue
        props = data.get("properties", {})
        bad = [f for f in ("id", "schema") if not isinstance(data.get(f), str) or not data[f]]
        if not isinstance(props, dict) or any(not isinstance(v, list) for v in props.values()):
            bad.append("properties")
        for fld in bad:
            errors.append(FieldError(str(path), where, fld, "required (id and schema strings, "
                                     "properties an object of lists)"))
        if not bad:
            clean = {k: [str(v) for v in values] for k, values in props.items()}
            entities.append(_Entity(number, data["id"], data["schema"], clean))
    return entities


class _Reader:
    """Maps parsed entities to records."""

    def __init__(self, path: Path, entities: list[_Entity]) -> None:
        self.path = path
        self.table = mapping()["import"]
        self.entities = entities
        self.errors: list[FieldError] = []
        self.report = QualityReport(str(path), "ftm", rows_read=len(entities))
        self.batch = ReportedBatch(report=self.report)
        self.ids: dict[str, str] = {}
        self.sources: dict[str, list[str]] = {}
        self.urls: dict[str, str] = {}

    def error(self, entity: _Entity, fld: str, message: str) -> None:
        self.errors.append(FieldError(str(self.path), entity.record, fld, message))

    def origin(self, entity: _Entity) -> Origin:
        return Origin(str(self.path), entity.record)

    def own_sources(self, entity: _Entity) -> list[str]:
        urls = [u.strip() for u in (entity.properties.get("sourceUrl") or entity.properties.get("publisherUrl") or [])
                if u.strip().startswith(("http://", "https://"))]
        for url in urls:
            self.urls.setdefault(source_id(url), url)
        return list(dict.fromkeys(source_id(u) for u in urls))

    def label_of(self, entity: _Entity) -> str | None:
        if entity.schema in self.table["nodes"]:
            return str(self.table["nodes"][entity.schema]["label"])
        if entity.schema == "Sanction":
            return str(self.table["sanction"]["label"])
        return None

    def classify(self) -> None:
        known = {*self.table["nodes"], *self.table["edges"], "Sanction", *self.table["not_loaded"]}
        for entity in self.entities:
            if entity.schema not in known:
                self.error(entity, "schema", f"unknown or unsupported FtM schema {entity.schema!r}")
                continue
            label = self.label_of(entity)
            if label is not None:
                self.ids[entity.id] = from_ftm_id(entity.id, label)
                self.sources[entity.id] = self.own_sources(entity)
            elif entity.schema in self.table["not_loaded"]:
                self.report.hold_back(entity.record, "schema", "schema-not-in-model",
                                      f"{entity.schema} {entity.id}: our model has no place for it")

    def ref(self, entity: _Entity, fld: str) -> str | None:
        target = entity.first(fld)
        if target is None:
            self.error(entity, fld, "required")
            return None
        if target in self.ids:
            return self.ids[target]
        head, _, tail = target.partition("-")
        if ID_PATTERN.match(f"{head}:{tail}"):
            return f"{head}:{tail}"  # one of ours, already in the store
        self.error(entity, fld, f"refers to {target!r}, which is neither in the file nor one of our ids")
        return None

    def node(self, entity: _Entity) -> None:
        label = self.label_of(entity)
        node_id = self.ids.get(entity.id)
        if label is None or node_id is None:
            return
        sources = self.sources[entity.id]
        if not sources:
            self.error(entity, "sourceUrl", "no sourceUrl or publisherUrl: every fact needs a source")
        if entity.schema == "Sanction":
            self.sanction(entity, node_id, sources)
            return
        props: dict[str, Any] = {"sources": sources}
        kind = self.table["nodes"][entity.schema].get("kind")
        if kind:
            props["kind"] = kind
        for ftm_name, ours in self.table["properties"][label].items():
            for value in entity.properties.get(ftm_name) or []:
                self.put(props, ours, value.strip())
        idents = [f"{scheme}:{v}" for name, scheme in self.table["identifiers"].items()
                  for v in entity.properties.get(name) or [] if v.strip()]
        if idents and label == "Company":
            props["identifiers"] = idents
        if "name" not in props:
            self.error(entity, "name", "required")
        if props.get("aliases") and "name" in props:
            props["aliases"] = [a for a in props["aliases"] if a != props["name"]] or None
        self.batch.nodes.append(NodeRecord(node_id, label, {k: v for k, v in props.items() if v}, self.origin(entity)))

    @staticmethod
    def put(props: dict[str, Any], name: str, value: str) -> None:
        if not value:
            return
        if name == "country":
            value = value.upper()
            if value not in COUNTRY_CODES:
                return
        if name in LIST_PROPERTIES:
            props.setdefault(name, [])
            if value not in props[name]:
                props[name].append(value)
        elif name not in props:
            props[name] = value

    def sanction(self, entity: _Entity, node_id: str, sources: list[str]) -> None:
        spec = self.table["sanction"]
        parts = [f"{name}: {', '.join(entity.properties[name])}" for name in spec["description"]
                 if entity.properties.get(name)]
        props: dict[str, Any] = {"kind": spec["kind"], "sources": sources,
                                 "description": "FtM Sanction. " + "; ".join(parts)}
        self.batch.nodes.append(NodeRecord(node_id, "Sanction", props, self.origin(entity)))
        for target in entity.properties.get(spec["entity"]) or []:
            end = self.ids.get(target) or self.ref(_Entity(entity.line, entity.id, entity.schema,
                                                           {"entity": [target]}), "entity")
            if end:
                self.batch.relationships.append(
                    RelationshipRecord("AGAINST", node_id, end, {"sources": sources}, "", self.origin(entity)))
        if not entity.properties.get(spec["entity"]):
            self.error(entity, "entity", "required")

    def edge(self, entity: _Entity) -> None:
        spec = self.table["edges"].get(entity.schema)
        if spec is None:
            return
        start, end = self.ref(entity, spec["start"]), self.ref(entity, spec["end"])
        if start is None or end is None:
            return
        role = entity.first("role")
        mapped = self.representation_role(role) if spec["type"] == "REPRESENTED_BY" else role or "director"
        if mapped is None:
            self.report.hold_back(entity.record, "role", "role-not-in-model",
                                  f"Representation role {role!r} is none of pr, art27_representative, counsel")
            return
        sources = self.own_sources(entity)
        if not sources:
            ends = [entity.first(spec["start"]), entity.first(spec["end"])]
            sources = list(dict.fromkeys(s for e in ends for s in self.sources.get(e or "", [])))
        if not sources:
            self.error(entity, "sourceUrl", "no sourceUrl, and its ends have none")
        props: dict[str, Any] = {"sources": sources, "role": mapped}
        self.batch.relationships.append(
            RelationshipRecord(spec["type"], start, end, props, "", self.origin(entity)))

    def representation_role(self, role: str | None) -> str | None:
        text = (role or "").lower()
        for words, ours in self.table["representation_roles"].items():
            if words in text.split() or (" " in words and words in text):
                return str(ours)
        return None

    def run(self) -> ReportedBatch:
        self.classify()
        for entity in self.entities:
            self.node(entity)
        for entity in self.entities:
            self.edge(entity)
        for sid, url in sorted(self.urls.items()):
            self.batch.nodes.append(NodeRecord(sid, "Source", {"url": url}, Origin(str(self.path), "sourceUrl")))
        if self.errors:
            raise InvalidData(self.errors)
        self.report.rows_loaded = len(self.entities) - len(self.report.held_back)
        return self.batch


def read_ftm(path: Path, limits: InputLimits | None = None) -> ReportedBatch:
    """Read FtM JSON lines (within ``limits``); InvalidData names file, line and field of
    every problem."""
    errors: list[FieldError] = []
    entities = _parse_lines(path, errors, limits)
    if errors:
        raise InvalidData(errors)
    return _Reader(path, entities).run()


register_format(
    LoadFormat(
        name="ftm",
        description="FollowTheMoney entities as JSON lines (OpenSanctions, Aleph).",
        suffixes=(".ftm.json", ".ftm.jsonl", ".ijson"),
        read=read_ftm,
    )
)
