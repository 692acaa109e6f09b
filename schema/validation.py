"""Validate a batch against the model, reporting every error at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from enforcegraph.schema.batchcheck import batch_ok
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.ids import ID_PATTERN
from enforcegraph.schema.model import Model, PropertySpec
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord
from enforcegraph.schema.types import compiled, control_character, value_checker

__all__ = ["LabelLookup", "validate_batch"]

LabelLookup = Callable[[Iterable[str]], dict[str, str]]
"""Given ids, return ``{id: label}`` for those that already exist in the store."""


def _err(origin: Origin, fld: str, message: str) -> FieldError:
    return FieldError(origin.file, origin.record, fld, message)


def _check_properties(
    model: Model,
    specs: dict[str, PropertySpec],
    props: dict[str, Any],
    origin: Origin,
    what: str,
) -> list[FieldError]:
    errors = []
    checkers, required = compiled(model, specs, value_checker)
    for name, value in props.items():
        if name == "sources":
            continue
        check = checkers.get(name)
        if check is None:
            errors.append(_err(origin, name, f"unknown property for {what}"))
        elif value is not None and (problem := check(value)):
            errors.append(_err(origin, name, problem))
    for name in required:
        if props.get(name) in (None, "", []):
            errors.append(_err(origin, name, f"required for {what}"))
    return errors


def _check_sources(
    sources: Any, origin: Origin, required: bool, labels: dict[str, str]
) -> list[FieldError]:
    if sources in (None, []):
        return [_err(origin, "sources", "at least one source is required")] if required else []
    if not isinstance(sources, list):
        return [_err(origin, "sources", "expected a list of Source ids")]
    errors = []
    for source in sources:
        label = labels.get(source) if isinstance(source, str) else None
        if label != "Source":
            problem = "is not a Source" if label else "does not exist"
            errors.append(_err(origin, "sources", f"{source!r} {problem}"))
    return errors


def _check_node(model: Model, node: NodeRecord, labels: dict[str, str]) -> list[FieldError]:
    spec = model.labels.get(node.label)
    if spec is None:
        return [_err(node.origin, "label", f"unknown label {node.label!r}")]
    errors = []
    match = ID_PATTERN.match(node.id) if isinstance(node.id, str) else None
    if not match or match.group(1) != spec.prefix:
        errors.append(
            _err(node.origin, "id", f"{node.id!r} is not an id of the form {spec.prefix}:slug")
        )
    errors += _check_properties(model, spec.properties, node.properties, node.origin, node.label)
    sources = node.properties.get("sources")
    return errors + _check_sources(sources, node.origin, spec.requires_sources, labels)


def _check_relationship(
    model: Model, rel: RelationshipRecord, labels: dict[str, str]
) -> list[FieldError]:
    spec = model.relationships.get(rel.type)
    if spec is None:
        return [_err(rel.origin, "type", f"unknown relationship type {rel.type!r}")]
    errors = []
    for end_field, node_id, allowed in (
        ("from", rel.start, spec.from_labels),
        ("to", rel.end, spec.to_labels),
    ):
        label = labels.get(node_id) if isinstance(node_id, str) else None
        if label is None:
            errors.append(_err(rel.origin, end_field, f"no node with id {node_id!r}"))
        elif label not in allowed:
            errors.append(
                _err(
                    rel.origin,
                    end_field,
                    f"{rel.type} cannot {'start at' if end_field == 'from' else 'end at'} "
                    f"a {label} (allowed: {', '.join(sorted(allowed))})",
                )
            )
    if isinstance(rel.key, str) and (problem := control_character(rel.key)):
        errors.append(_err(rel.origin, "key", problem))
    what = f"relationship {rel.type}"
    errors += _check_properties(model, spec.properties, rel.properties, rel.origin, what)
    return errors + _check_sources(rel.properties.get("sources"), rel.origin, True, labels)


def _source_ids(groups: list[dict[str, Any]]) -> set[str]:
    """The string items of every ``sources`` value (the ids the source checks look up)."""
    held = [sources for props in groups if (sources := props.get("sources"))]
    try:
        found = set(chain.from_iterable(held))
    except TypeError:  # unhashable items: only strings are looked up
        found = {item for sources in held for item in sources if isinstance(item, str)}
    return {item for item in found if isinstance(item, str)}


def validate_batch(model: Model, batch: Batch, lookup: LabelLookup) -> None:
    """Raise :class:`InvalidData` listing every error in ``batch``; return if it is valid.

    References (relationship ends, sources) may point at nodes of the same batch or at
    nodes already in the store, found through ``lookup``.
    """
    labels: dict[str, str] = {node.id: node.label for node in batch.nodes}
    rels = batch.relationships
    try:
        wanted = {rel.start for rel in rels} | {rel.end for rel in rels}
    except TypeError:  # an unhashable end: reported as no such node
        wanted = {end for rel in rels for end in (rel.start, rel.end) if isinstance(end, str)}
    wanted |= _source_ids([*(r.properties for r in rels), *(n.properties for n in batch.nodes)])
    missing = wanted - labels.keys()
    if missing:
        labels.update(lookup(missing))
    if batch_ok(model, batch, labels):
        return
    errors: list[FieldError] = []
    for node in batch.nodes:
        errors += _check_node(model, node, labels)
    for rel in batch.relationships:
        errors += _check_relationship(model, rel, labels)
    if errors:
        raise InvalidData(errors)
