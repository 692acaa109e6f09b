"""A fast, column-wise yes for a whole batch: True only if the per-record checks of
:mod:`enforcegraph.schema.validation` would find no error.

Records are grouped by label or type and each property is checked as a column (each
distinct value once, strings in C-level passes), ids a label at a time with one regular
expression. A False says nothing more than "check record by record": it may be a stricter
answer than those checks give, never a looser one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from contextlib import suppress
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Any

from enforcegraph.schema.ids import SLUG
from enforcegraph.schema.model import Model, PropertySpec
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord
from enforcegraph.schema.types import column_checker, compiled, control_character

__all__ = ["batch_ok"]

_SOURCE_LIST_TYPES = frozenset({list, type(None)})


@cache
def _ids_pattern(prefix: str) -> re.Pattern[str]:
    """Newline-separated ids, each ``prefix:slug``."""
    one = f"{re.escape(prefix)}:{SLUG}"
    return re.compile(f"{one}(?:\n{one})*")


def _ids_ok(prefix: str, ids: list[Any]) -> bool:
    """Every id is a string of the form ``prefix:slug``."""
    try:
        joined = "\n".join(ids)
    except TypeError:
        return False
    return _ids_pattern(prefix).fullmatch(joined) is not None


def _properties_ok(model: Model, specs: dict[str, PropertySpec], groups: list[dict[str, Any]]) -> bool:
    """Known properties only, required ones present and non-empty, every value valid."""
    checks, required = compiled(model, specs, column_checker)
    names: set[str] = set().union(*groups)
    names.discard("sources")
    if not names <= checks.keys():
        return False
    for name in required:
        values = [props.get(name) for props in groups]
        if None in values or "" in values or [] in values:
            return False
    for name in names:
        column: Collection[Any] = [value for props in groups if (value := props.get(name)) is not None]
        if len(set(map(type, column))) == 1:  # one type: equal values get the same answer
            with suppress(TypeError):  # unhashable values (lists) are all checked
                column = set(column)
        if not checks[name](column):
            return False
    return True


def _sources_ok(groups: list[dict[str, Any]], required: bool, labels: dict[str, str]) -> bool:
    """Every ``sources`` is a list (non-empty when ``required``) of Source ids."""
    lists = [props.get("sources") for props in groups]
    if required and (None in lists or [] in lists):
        return False
    if not set(map(type, lists)) <= _SOURCE_LIST_TYPES:
        return False
    try:
        ids = set(chain.from_iterable(filter(None, lists)))
    except TypeError:
        return False
    return all(isinstance(i, str) and labels.get(i) == "Source" for i in ids)


def _grouped(records: list[Any], key: str) -> dict[Any, list[Any]] | None:
    """Records by the value of attribute ``key``; None if a value is unhashable."""
    groups: defaultdict[Any, list[Any]] = defaultdict(list)
    try:
        for record, value in zip(records, map(attrgetter(key), records), strict=True):
            groups[value].append(record)
    except TypeError:
        return None
    return groups


def _nodes_ok(model: Model, nodes: list[NodeRecord], labels: dict[str, str]) -> bool:
    by_label = _grouped(nodes, "label")
    if by_label is None:
        return False
    for label, group in by_label.items():
        spec = model.labels.get(label)
        if spec is None or not _ids_ok(spec.prefix, [node.id for node in group]):
            return False
        props = [node.properties for node in group]
        if not (_properties_ok(model, spec.properties, props)
                and _sources_ok(props, spec.requires_sources, labels)):
            return False
    return True


def _keys_ok(keys: list[Any]) -> bool:
    """Every relationship key is a string without control characters."""
    try:
        return control_character("".join(keys)) is None
    except TypeError:
        return False


def _relationships_ok(model: Model, rels: list[RelationshipRecord], labels: dict[str, str]) -> bool:
    by_type = _grouped(rels, "type")
    if by_type is None:
        return False
    for rel_type, group in by_type.items():
        spec = model.relationships.get(rel_type)
        if spec is None:
            return False
        try:
            ends_ok = (set(map(labels.get, {rel.start for rel in group})) <= spec.from_labels
                       and set(map(labels.get, {rel.end for rel in group})) <= spec.to_labels)
        except TypeError:  # an unhashable end
            return False
        if not ends_ok or not _keys_ok([rel.key for rel in group]):
            return False
        props = [rel.properties for rel in group]
        if not (_properties_ok(model, spec.properties, props) and _sources_ok(props, True, labels)):
            return False
    return True


def batch_ok(model: Model, batch: Batch, labels: dict[str, str]) -> bool:
    """True only if no record of ``batch`` has an error; ``labels`` maps every id the
    batch refers to (its own nodes, relationship ends, sources) to its label, if known."""
    return _nodes_ok(model, batch.nodes, labels) and _relationships_ok(model, batch.relationships, labels)
