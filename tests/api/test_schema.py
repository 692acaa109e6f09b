"""The checked-in SDL matches the code; everything is described; enums come from the model."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from enforcegraph.api.enums import pascal
from enforcegraph.api.schema import build_schema, list_field_name, sdl
from enforcegraph.schema.model import load_model

REPO = Path(__file__).resolve().parent.parent.parent
SDL_FILE = REPO / "api" / "schema.graphql"


def test_checked_in_sdl_matches_the_code() -> None:
    assert SDL_FILE.read_text("utf-8") == sdl(), (
        "api/schema.graphql is stale: run `python -m enforcegraph.api.schema --write`"
    )


def _own_types() -> list[object]:
    schema = build_schema()._schema
    return [t for name, t in schema.type_map.items() if not name.startswith("__")]


def test_every_type_field_and_argument_has_a_description() -> None:
    missing = []
    for named in _own_types():
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            if not named.description:
                missing.append(named.name)
            for field_name, field in named.fields.items():
                if not field.description:
                    missing.append(f"{named.name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{named.name}.{field_name}({arg_name})")
        elif isinstance(named, GraphQLEnumType) and not named.description:
            missing.append(named.name)
    assert not missing, f"undescribed: {missing}"


def test_enums_and_types_derive_from_the_model() -> None:
    model = load_model()
    schema = build_schema()._schema
    for name, values in model.enums.items():
        enum_type = schema.get_type(pascal(name))
        assert isinstance(enum_type, GraphQLEnumType), name
        assert {v.value for v in enum_type.values.values()} == set(values)
    query = schema.query_type
    assert query is not None
    for label, spec in model.labels.items():
        node_type = schema.get_type(label)
        assert isinstance(node_type, GraphQLObjectType), label
        assert "Entity" in [i.name for i in node_type.interfaces]
        camel = {"".join(p.title() if i else p for i, p in enumerate(n.split("_")))
                 for n in spec.properties if n not in ("name",)}
        assert camel <= set(node_type.fields), (label, camel - set(node_type.fields))
        assert list_field_name(label) in query.fields
    assert schema.mutation_type is None and schema.subscription_type is None
