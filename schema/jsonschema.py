"""A JSON Schema for case files, derived from the model."""

from __future__ import annotations

from typing import Any

from enforcegraph.schema.model import Model, PropertySpec

__all__ = ["case_file_json_schema"]

_FORMATS: dict[str, dict[str, Any]] = {
    "string": {"type": "string", "minLength": 1},
    "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    "country": {"type": "string", "pattern": "^([A-Z]{2}|EEA)$"},
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    "amount": {"type": "number", "minimum": 0},
    "fraction": {"type": "number", "minimum": 0, "maximum": 1},
    "url": {"type": "string", "format": "uri", "pattern": "^https?://"},
    "bool": {"type": "boolean"},
    "int": {"type": "integer"},
    "id": {"type": "string", "pattern": "^[a-z]+:[a-z0-9][a-z0-9._~-]*$"},
}


def _property_schema(model: Model, prop: PropertySpec) -> dict[str, Any]:
    if prop.kind == "enum":
        schema: dict[str, Any] = {"enum": list(model.enums[prop.enum_name or ""])}
    elif prop.kind == "list":
        schema = {"type": "array", "items": {"enum": list(model.enums[prop.enum_name or ""])}}
    elif prop.is_list:
        inner = str(model.types[prop.type].get("of", "string"))
        inner_kind = str(model.types.get(inner, {"kind": inner})["kind"])
        schema = {"type": "array", "items": _FORMATS[inner_kind]}
    else:
        schema = dict(_FORMATS[str(model.types[prop.type]["kind"])])
    if prop.description:
        schema["description"] = prop.description
    return schema


def case_file_json_schema(model: Model) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a case file: nodes and relationships."""
    sources = {"type": "array", "items": _FORMATS["id"], "minItems": 1}
    node_variants = []
    for label in model.labels.values():
        props = {name: _property_schema(model, p) for name, p in label.properties.items()}
        props["id"] = {"type": "string", "pattern": f"^{label.prefix}:[a-z0-9][a-z0-9._~-]*$"}
        props["label"] = {"const": label.name}
        required = ["id", "label", *[n for n, p in label.properties.items() if p.required]]
        if label.requires_sources:
            props["sources"] = sources
            required.append("sources")
        node_variants.append(
            {
                "title": label.name,
                "description": label.description,
                "type": "object",
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        )
    rel_variants = []
    for rel in model.relationships.values():
        props = {name: _property_schema(model, p) for name, p in rel.properties.items()}
        props.update(
            type={"const": rel.name},
            sources=sources,
            key={"type": "string"},
            **{"from": _FORMATS["id"], "to": _FORMATS["id"]},
        )
        required = ["type", "from", "to", "sources"]
        required += [n for n, p in rel.properties.items() if p.required]
        rel_variants.append(
            {
                "title": rel.name,
                "description": f"{rel.description} ({'|'.join(sorted(rel.from_labels))} -> "
                f"{'|'.join(sorted(rel.to_labels))})",
                "type": "object",
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "enforcegraph case file",
        "type": "object",
        "properties": {
            "dataset": {"type": "string"},
            "description": {"type": "string"},
            "requires": {"type": "array", "items": {"type": "string"}},
            "nodes": {"type": "array", "items": {"oneOf": node_variants}},
            "relationships": {"type": "array", "items": {"oneOf": rel_variants}},
        },
        "additionalProperties": False,
    }
