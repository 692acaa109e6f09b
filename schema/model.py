"""The data model, read once from ``model.yaml``: the single source of truth."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from enforcegraph.schema.errors import SchemaError

__all__ = ["LabelSpec", "Model", "PropertySpec", "RelationshipSpec", "load_model"]

COMMON_NODE_PROPERTIES = ("id", "label", "sources")
COMMON_REL_PROPERTIES = ("type", "from", "to", "key", "sources")
MERGE_RULES = ("union", "prefer")


@dataclass(frozen=True)
class PropertySpec:
    """One property: its name, type expression, whether required, and its description."""

    name: str
    type: str
    required: bool = False
    description: str = ""
    merge_rule: str = ""  # as written in model.yaml; see ``merge``

    @property
    def merge(self) -> str:
        """How the values sources assert become the one the graph shows: ``union`` (every
        item of every source, lists), ``prefer`` (the value of the source of highest
        priority, then the first seen; the others stay on record)."""
        return self.merge_rule or ("union" if self.is_list else "prefer")

    @property
    def kind(self) -> str:
        """The base type name: ``string``, ``enum``, ``list`` ..."""
        return self.type.split(":", 1)[0]

    @property
    def enum_name(self) -> str | None:
        """For ``enum:X`` and ``list:X`` types, the enum's name."""
        head, _, tail = self.type.partition(":")
        return tail if head in ("enum", "list") and tail else None

    @property
    def is_list(self) -> bool:
        """True for list-valued properties."""
        return self.type.startswith("list:") or self.type in ("strings", "texts", "ids")


@dataclass(frozen=True)
class LabelSpec:
    """A node label."""

    name: str
    prefix: str
    description: str
    properties: dict[str, PropertySpec]
    name_properties: tuple[str, ...]
    # free text searched beside the names (full-text search: graph/store/fulltext.py)
    text_properties: tuple[str, ...] = ()
    colour: str = "#666666"  # how exports draw it (GEXF viz:color), as #rrggbb

    @property
    def requires_sources(self) -> bool:
        """Every label but Source needs at least one source."""
        return self.name != "Source"


@dataclass(frozen=True)
class RelationshipSpec:
    """A relationship type with its allowed endpoint labels and properties."""

    name: str
    description: str
    from_labels: frozenset[str]
    to_labels: frozenset[str]
    properties: dict[str, PropertySpec]


@dataclass(frozen=True)
class Model:
    """The whole schema, immutable."""

    types: dict[str, dict[str, Any]]
    enums: dict[str, tuple[str, ...]]
    labels: dict[str, LabelSpec]
    relationships: dict[str, RelationshipSpec]
    prefixes: dict[str, str] = field(default_factory=dict)
    source_priority: dict[str, int] = field(default_factory=dict)

    def priority(self, dataset: str) -> int:
        """The priority of a dataset's word (``prefer`` merges): by its name, else by the
        name before the first ``:`` (``extract:<url>``, ``FORMAT:FILE``) or the longest
        listed name that begins it (``gdpr-fines`` for ``gdpr-fines-tsv``), else ``default``.

        >>> model = load_model()
        >>> [model.priority(d) for d in ("resolve", "gdpr-fines-tsv:f.tsv", "clearview")]
        [100, 40, 50]
        """
        table = self.source_priority
        if dataset in table:
            return table[dataset]
        head = dataset.split(":", 1)[0]
        starts = [k for k in table if head == k or head.startswith(k + "-")]
        return table[max(starts, key=len)] if starts else table.get("default", 0)

    def properties_of(self, label_or_type: str) -> dict[str, PropertySpec]:
        """The properties of a label or a relationship type."""
        if label_or_type in self.labels:
            return self.labels[label_or_type].properties
        return self.relationship(label_or_type).properties

    def label(self, name: str) -> LabelSpec:
        """The label called ``name``; SchemaError if unknown."""
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(f"unknown label {name!r}") from None

    def relationship(self, name: str) -> RelationshipSpec:
        """The relationship type called ``name``; SchemaError if unknown."""
        try:
            return self.relationships[name]
        except KeyError:
            raise SchemaError(f"unknown relationship type {name!r}") from None

    def label_for_id(self, node_id: str) -> str | None:
        """The label whose prefix an id carries."""
        return self.prefixes.get(node_id.split(":", 1)[0])


def _properties(raw: dict[str, Any]) -> dict[str, PropertySpec]:
    return {
        name: PropertySpec(
            name=name,
            type=str(spec["type"]),
            required=bool(spec.get("required", False)),
            description=str(spec.get("description", "")),
            merge_rule=str(spec.get("merge", "")),
        )
        for name, spec in raw.items()
    }


def _check(model: Model) -> None:
    known = set(model.types) | {"enum", "list"}
    specs = [p for lab in model.labels.values() for p in lab.properties.values()]
    specs += [p for rel in model.relationships.values() for p in rel.properties.values()]
    for prop in specs:
        if prop.kind not in known:
            raise SchemaError(f"property {prop.name!r} has unknown type {prop.type!r}")
        if prop.kind in ("enum", "list") and prop.enum_name not in model.enums:
            raise SchemaError(f"property {prop.name!r} names unknown enum {prop.type!r}")
        if prop.merge not in MERGE_RULES or (prop.merge == "union") != prop.is_list:
            raise SchemaError(f"property {prop.name!r}: merge {prop.merge!r} does not fit {prop.type!r}")
    for spec in model.labels.values():
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", spec.colour):
            raise SchemaError(f"{spec.name}: colour {spec.colour!r} is not #rrggbb")
        for name in (*spec.name_properties, *spec.text_properties):
            if name not in spec.properties:
                raise SchemaError(f"{spec.name} searches unknown property {name!r}")
    for rel in model.relationships.values():
        unknown = (rel.from_labels | rel.to_labels) - set(model.labels)
        if unknown:
            raise SchemaError(f"relationship {rel.name} names unknown labels {sorted(unknown)}")


def model_from_dict(raw: dict[str, Any]) -> Model:
    """Build and check a Model from the parsed YAML."""
    shared_rel_props = _properties(raw.get("relationship_properties", {}))
    labels = {
        name: LabelSpec(
            name=name,
            prefix=str(spec["prefix"]),
            description=str(spec.get("description", "")),
            properties=_properties(spec.get("properties", {})),
            name_properties=tuple(spec.get("name_properties", [])),
            text_properties=tuple(spec.get("text_properties", [])),
            colour=str(spec.get("colour", "#666666")),
        )
        for name, spec in raw["labels"].items()
    }
    relationships = {
        name: RelationshipSpec(
            name=name,
            description=str(spec.get("description", "")),
            from_labels=frozenset(spec["from"]),
            to_labels=frozenset(spec["to"]),
            properties={**shared_rel_props, **_properties(spec.get("properties", {}))},
        )
        for name, spec in raw["relationships"].items()
    }
    model = Model(
        types=dict(raw["types"]),
        enums={name: tuple(values) for name, values in raw["enums"].items()},
        labels=labels,
        relationships=relationships,
        prefixes={spec.prefix: name for name, spec in labels.items()},
        source_priority={str(k): int(v) for k, v in raw.get("source_priority", {}).items()},
    )
    _check(model)
    return model


@cache
def load_model() -> Model:
    """The packaged model (cached: read once per process)."""
    text = resources.files("enforcegraph.schema").joinpath("model.yaml").read_text("utf-8")
    return model_from_dict(yaml.safe_load(text))
