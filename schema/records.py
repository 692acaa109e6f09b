"""Records: what every loader produces and every store accepts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from enforcegraph.schema.ids import relationship_id

__all__ = ["Batch", "NodeRecord", "Origin", "RelationshipRecord"]


@dataclass(frozen=True)
class Origin:
    """Where a record came from: a file and a line or record number, and the dataset
    whose word it is when that differs from its batch's (a required dataset's records)."""

    file: str = "<input>"
    record: str = "record ?"
    dataset: str = ""


@dataclass
class NodeRecord:
    """A node to upsert. ``properties`` holds everything but id and label."""

    id: str
    label: str
    properties: dict[str, Any]
    origin: Origin = field(default_factory=Origin)

    @property
    def sources(self) -> list[str]:
        """Ids of the Source nodes supporting this node."""
        return list(self.properties.get("sources") or [])


@dataclass
class RelationshipRecord:
    """A relationship to upsert. ``properties`` holds everything but type, ends and key."""

    type: str
    start: str
    end: str
    properties: dict[str, Any]
    key: str = ""
    origin: Origin = field(default_factory=Origin)

    @property
    def id(self) -> str:
        """Deterministic id from type, endpoints and key."""
        return relationship_id(self.type, self.start, self.end, self.key)

    @property
    def sources(self) -> list[str]:
        """Ids of the Source nodes supporting this relationship."""
        return list(self.properties.get("sources") or [])


@dataclass
class Batch:
    """Nodes and relationships loaded together, all or nothing, as what ``dataset`` says
    (a bundled dataset's name, or ``FORMAT:FILE`` for a file a user gives)."""

    nodes: list[NodeRecord] = field(default_factory=list)
    relationships: list[RelationshipRecord] = field(default_factory=list)
    dataset: str = ""

    def extend(self, other: Batch) -> None:
        """Append another batch's records."""
        self.nodes.extend(other.nodes)
        self.relationships.extend(other.relationships)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.relationships)
