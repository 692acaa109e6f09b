"""The data model, defined once (``model.yaml``), with validation and ids."""

from enforcegraph.schema.errors import (
    EnforcegraphError,
    FieldError,
    InvalidData,
    NotFound,
    SchemaError,
    StoreError,
    StoreUnavailable,
)
from enforcegraph.schema.model import Model, load_model
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = [
    "Batch",
    "EnforcegraphError",
    "FieldError",
    "InvalidData",
    "Model",
    "NodeRecord",
    "NotFound",
    "Origin",
    "RelationshipRecord",
    "SchemaError",
    "StoreError",
    "StoreUnavailable",
    "load_model",
]
