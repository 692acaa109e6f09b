"""GraphQL enums generated from the model's enums (model.yaml is the one source of truth)."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from enforcegraph.schema.model import load_model

__all__ = [
    "ENUMS",
    "Direction",
    "Label",
    "RelationshipType",
    "SortDirection",
    "enum_type",
    "enum_value",
    "new_enum",
    "pascal",
]


def pascal(name: str) -> str:
    """``decision_kind`` -> ``DecisionKind``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


# enum.Enum's functional form, typed loosely (mypy only accepts literal arguments).
new_enum: Any = enum.Enum


def _build(name: str, values: tuple[str, ...]) -> Any:
    members = {value.upper(): value for value in values}
    python_enum = new_enum(pascal(name), members)
    return strawberry.enum(python_enum, description=f"Values of `{name}` in the data model.")


ENUMS: dict[str, Any] = {
    name: _build(name, values) for name, values in load_model().enums.items()
}


_MODEL = load_model()
_LABELS = new_enum("Label", {name: name for name in _MODEL.labels})
_REL_TYPES = new_enum("RelationshipType", {name: name for name in _MODEL.relationships})
Label: Any = strawberry.enum(_LABELS, description="Node labels of the data model.")
RelationshipType: Any = strawberry.enum(
    _REL_TYPES, description="Relationship types of the data model."
)


def enum_type(name: str) -> Any:
    """The strawberry enum for a model enum."""
    return ENUMS[name]


def enum_value(name: str, value: Any) -> Any:
    """A stored value as a member of its enum (None stays None)."""
    if value is None:
        return None
    return ENUMS[name](value)


@strawberry.enum(description="Which way along relationships: OUT from this node, IN to it, or BOTH.")
class Direction(enum.Enum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


@strawberry.enum(description="Sort order: ASC (smallest first) or DESC.")
class SortDirection(enum.Enum):
    ASC = "asc"
    DESC = "desc"
