"""The framework floor: a minimal strawberry app whose resolvers read a Python dict.

It answers the same two query texts as the benchmark sends to the real API (``node``
and the first page of ``sanctionsWithoutEuEstablishment``), from data the runner writes
to the JSON file named by ``BENCH_FLOOR_DATA``, with strawberry's parser and validation
caches. Served by uvicorn with the same workers, loop and HTTP parser as the API.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import strawberry
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, ValidationCache

__all__ = ["app"]

_DATA: dict[str, Any] = (
    json.loads(Path(os.environ["BENCH_FLOOR_DATA"]).read_text("utf-8"))
    if os.environ.get("BENCH_FLOOR_DATA")
    else {"nodes": {}, "page": []}
)


@strawberry.type
class Ref:
    id: strawberry.ID
    name: str | None = None
    date: str | None = None


@strawberry.type
class Entity:
    id: strawberry.ID
    label: str
    name: str


@strawberry.type
class Row:
    sanction: Ref
    decision: Ref
    firm: Ref
    regulator: Ref


@strawberry.type
class Edge:
    node: Row


@strawberry.type
class Connection:
    edges: list[Edge]


def _ref(value: dict[str, Any]) -> Ref:
    return Ref(id=strawberry.ID(value["id"]), name=value.get("name"), date=value.get("date"))


@strawberry.type
class Query:
    @strawberry.field
    def node(self, id: strawberry.ID) -> Entity | None:
        found = _DATA["nodes"].get(str(id))
        return None if found is None else Entity(id=id, label=found["label"], name=found["name"])

    @strawberry.field
    def sanctions_without_eu_establishment(self, first: int = 50) -> Connection:
        rows = _DATA["page"][:first]
        return Connection(edges=[Edge(node=Row(**{k: _ref(r[k]) for k in
                                                  ("sanction", "decision", "firm", "regulator")}))
                                 for r in rows])


schema = strawberry.Schema(query=Query, extensions=[ParserCache, ValidationCache])
app = GraphQL[None, None](schema, graphql_ide=None)
