"""Validate a batch against the model, reporting every error at once."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.ids import ID_PATTERN
from enforcegraph.schema.model import Model, PropertySpec
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord
from enforcegraph.schema.types import value_checker

__all__ = ["LabelLookup", "validate_batch"]

LabelLookup = Callable[[Iterable[str]], dict[str, str]]
"""Given ids, return ``{id: label}`` for those that already exist in the store."""


def _err(origin: Origin, fld: str, message: str) -> FieldError:
    return FieldError(origin.file, origin.record, fld, message)


Checker = Callable[[Any], str | None]
_COMPILED: dict[int, tuple[dict[str, PropertySpec], dict[str, Checker], tuple[str, ...]]] = {}


def _compiled(model: Model, specs: dict[str, PropertySpec]) -> tuple[dict[str, Checker], tuple[str, ...]]:
    """Value checkers and required names of a (model-owned, immutable) spec table, cached."""
    cached = _COMPILED.get(id(specs))
    if cached is None or cached[0] is not specs:
        checkers = {name: value_checker(model, spec) for name, spec in specs.items()}
        required = tuple(name for name, spec in specs.items() if spec.required)
        cached = (specs, checkers, required)
        _COMPILED[id(specs)] = cached
    return cached[1], cached[2]


def _check_properties(
    model: Model,
    specs: dict[str, PropertySpec],
    props: dict[str, Any],
    origin: Origin,
    what: str,
) -> list[FieldError]:
    errors = []
    checkers, required = _compiled(model, specs)
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
        label = labels.get(node_id)
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


def _sources_ok(
    groups: Iterable[dict[str, Any]], required: bool, labels: dict[str, str]
) -> bool:
    """Whether ``_check_sources`` finds nothing wrong in any of these property maps."""
    ids: set[Any] = set()
    for props in groups:
        sources = props.get("sources")
        if sources is None or sources == []:
            if required:
                return False
        elif not isinstance(sources, list):
            return False
        else:
            try:
                ids.update(sources)
            except TypeError:
                return False
    return all(isinstance(i, str) and labels.get(i) == "Source" for i in ids)


def _properties_ok(
    model: Model, specs: dict[str, PropertySpec], groups: list[dict[str, Any]]
) -> bool:
    """Whether ``_check_properties`` finds nothing wrong, checked property by property
    over all records of one label or type (each distinct value once)."""
    checkers, required = _compiled(model, specs)
    names: set[str] = set().union(*groups)
    names.discard("sources")
    if not names <= checkers.keys():
        return False
    for name in required:
        if any(props.get(name) in (None, "", []) for props in groups):
            return False
    for name in names:
        values = [props[name] for props in groups if name in props]
        # each distinct value once (1 and True stay apart); unhashable values all checked
        with contextlib.suppress(TypeError):
            values = [value for _, value in {(type(value), value) for value in values}]
        check = checkers[name]
        if any(value is not None and check(value) for value in values):
            return False
    return True


def _batch_ok(model: Model, batch: Batch, labels: dict[str, str]) -> bool:
    """A fast, column-wise yes: True only if the per-record checks would find no error."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in batch.nodes:
        spec = model.labels.get(node.label)
        match = ID_PATTERN.match(node.id) if spec is not None and isinstance(node.id, str) else None
        if spec is None or not match or match.group(1) != spec.prefix:
            return False
        by_label.setdefault(node.label, []).append(node.properties)
    for label, groups in by_label.items():
        spec = model.labels[label]
        if not _properties_ok(model, spec.properties, groups):
            return False
        if not _sources_ok(groups, spec.requires_sources, labels):
            return False
    by_type: dict[str, list[dict[str, Any]]] = {}
    for rel in batch.relationships:
        rel_spec = model.relationships.get(rel.type)
        if (
            rel_spec is None
            or labels.get(rel.start) not in rel_spec.from_labels
            or labels.get(rel.end) not in rel_spec.to_labels
        ):
            return False
        by_type.setdefault(rel.type, []).append(rel.properties)
    return all(
        _properties_ok(model, model.relationships[rel_type].properties, groups)
        and _sources_ok(groups, True, labels)
        for rel_type, groups in by_type.items()
    )


def validate_batch(model: Model, batch: Batch, lookup: LabelLookup) -> None:
    """Raise :class:`InvalidData` listing every error in ``batch``; return if it is valid.

    References (relationship ends, sources) may point at nodes of the same batch or at
    nodes already in the store, found through ``lookup``.
    """
    labels: dict[str, str] = {node.id: node.label for node in batch.nodes}
    rels = batch.relationships
    wanted = {rel.start for rel in rels} | {rel.end for rel in rels}
    wanted |= _source_ids([*(r.properties for r in rels), *(n.properties for n in batch.nodes)])
    missing = wanted - labels.keys()
    if missing:
        labels.update(lookup(missing))
    if _batch_ok(model, batch, labels):
        return
    errors: list[FieldError] = []
    for node in batch.nodes:
        errors += _check_node(model, node, labels)
    for rel in batch.relationships:
        errors += _check_relationship(model, rel, labels)
    if errors:
        raise InvalidData(errors)
