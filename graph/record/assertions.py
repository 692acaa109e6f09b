"""Assertions: one source's word about one entity or relationship, value by value.

An assertion is keyed by the id the source used (``source_id``) and the dataset it came
from; ``subject`` is the canonical id it lands on (the same, unless a judgement merged
the source's id into another). Its ``values`` are what the dataset says now, each with
the day it was first said (``since``, where later than the assertion's ``first_seen``);
``sources`` are the Source nodes the dataset cites for it. Reloading a dataset replaces
the values it gives again, adds the list items it adds, and keeps the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from enforcegraph.schema.ids import relationship_id
from enforcegraph.schema.model import Model
from enforcegraph.schema.records import NodeRecord, RelationshipRecord

__all__ = [
    "Assertion",
    "merge_assertion",
    "node_assertion",
    "parse_relationship_id",
    "relationship_assertion",
    "relationship_subject",
]

Canonical = Callable[[str], str]


@dataclass(frozen=True)
class Assertion:
    """What ``dataset`` says about ``source_id`` (landing on ``subject``)."""

    source_id: str
    dataset: str
    subject: str
    label: str  # node label, or relationship type
    values: dict[str, Any]
    sources: tuple[str, ...] = ()
    first_seen: str = ""
    last_seen: str = ""
    since: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        """``(source_id, dataset)``: one row per source id and dataset."""
        return self.source_id, self.dataset

    @property
    def is_relationship(self) -> bool:
        """True when the subject is a relationship id."""
        return "->" in self.source_id

    def seen(self, name: str) -> str:
        """The day the value of ``name`` was first said."""
        return self.since.get(name, self.first_seen)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "subject": self.subject, "source_id": self.source_id, "dataset": self.dataset,
            "label": self.label, "values": self.values, "sources": list(self.sources),
            "first_seen": self.first_seen, "last_seen": self.last_seen, "since": self.since,
        }


def parse_relationship_id(rel_id: str) -> tuple[str, str, str, str]:
    """``(type, start, end, key)`` of a relationship id.

    >>> parse_relationship_id("ISSUED:regulator:fr-cnil->decision:x#2")
    ('ISSUED', 'regulator:fr-cnil', 'decision:x', '2')
    """
    rel_type, _, rest = rel_id.partition(":")
    start, _, tail = rest.partition("->")
    end, _, key = tail.partition("#")
    return rel_type, start, end, key


def relationship_subject(source_id: str, canonical: Canonical) -> str:
    """The canonical id of a relationship the source gave as ``source_id``."""
    rel_type, start, end, key = parse_relationship_id(source_id)
    return relationship_id(rel_type, canonical(start), canonical(end), key)


def _split(properties: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    values = {k: v for k, v in properties.items() if v is not None and k != "sources"}
    return values, tuple(properties.get("sources") or ())


def node_assertion(record: NodeRecord, dataset: str, canonical: Canonical, day: str) -> Assertion:
    """A node record as an assertion of ``dataset`` on ``day``."""
    values, sources = _split(record.properties)
    said_by = record.origin.dataset or dataset
    return Assertion(record.id, said_by, canonical(record.id), record.label, values, sources, day, day)


def relationship_assertion(
    record: RelationshipRecord, dataset: str, canonical: Canonical, day: str
) -> Assertion:
    """A relationship record as an assertion of ``dataset`` on ``day``."""
    values, sources = _split(record.properties)
    source_id = record.id
    return Assertion(
        source_id, record.origin.dataset or dataset, relationship_subject(source_id, canonical),
        record.type, values, sources, day, day,
    )


def _union(old: Iterable[Any], new: Iterable[Any]) -> list[Any]:
    items = list(old)
    items += [item for item in new if item not in items]
    return items


def merge_assertion(model: Model, old: Assertion | None, new: Assertion) -> Assertion:
    """``new`` said again over what the same dataset said before (``old``).

    Values it gives again replace the old ones (list properties add their new items);
    values it does not give stay; a changed value is dated ``since`` the new day.
    """
    if old is None:
        return new
    specs = model.properties_of(new.label)
    values = dict(old.values)
    since = dict(old.since)
    for name, value in new.values.items():
        spec = specs.get(name)
        unioned = spec is not None and spec.merge == "union" and isinstance(value, list)
        merged = _union(values.get(name) or [], value) if unioned else value
        if values.get(name) != merged:
            values[name] = merged
            if new.first_seen > old.first_seen:
                since[name] = new.first_seen
    return replace(
        old, subject=new.subject, label=new.label, values=values,
        sources=tuple(_union(old.sources, new.sources)), since=since,
        last_seen=max(old.last_seen, new.last_seen),
    )
