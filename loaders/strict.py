"""JSON and YAML read strictly: a key given twice in one object is an error, not "the
last one wins"; YAML anchors and aliases (which can multiply a small file) are refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["DuplicateKey", "StrictYamlLoader", "YamlAlias", "duplicate_keys", "loads_json"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class _Duplicated(dict[str, Any]):
    """An object in which some keys were given more than once (the first value is kept)."""

    duplicated: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    again: list[str] = []
    for key, value in pairs:
        if key in found:
            again.append(key)
        else:
            found[key] = value
    if not again:
        return found
    marked = _Duplicated(found)
    marked.duplicated = again
    return marked


def loads_json(text: str | bytes) -> Any:
    """``json.loads``; objects with a repeated key are marked for :func:`duplicate_keys`."""
    return json.loads(text, object_pairs_hook=_pairs)


def duplicate_keys(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path of the object, key) for every key repeated in data read by :func:`loads_json`;
    paths look like ``nodes[3].identifiers``."""
    if isinstance(data, dict):
        if isinstance(data, _Duplicated):
            for key in data.duplicated:
                yield path, key
        for key, value in data.items():
            if isinstance(value, dict | list):
                yield from duplicate_keys(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict | list):
                yield from duplicate_keys(item, f"{path}[{index}]")


@dataclass
class DuplicateKey(Exception):
    """A mapping key given twice in a YAML document."""

    key: str
    line: int


@dataclass
class YamlAlias(Exception):
    """A YAML alias (``*name``), which strict documents do not accept."""

    line: int


class StrictYamlLoader(_BaseLoader):  # type: ignore[misc]
    """The safe loader (C-accelerated when available), refusing repeated keys and aliases."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """As the safe loader's; a node met a second time is an alias."""
        if node in self.constructed_objects:
            raise YamlAlias(node.start_mark.line + 1)
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        """As the safe loader's, after checking no key is given twice."""
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE or not isinstance(key_node, yaml.ScalarNode):
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise DuplicateKey(str(key_node.value), key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep)
