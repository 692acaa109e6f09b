"""The plan executor (api/execution.py) answers exactly as strawberry's own executor does:
the same data, the same errors (messages, paths, locations), with plans really in use."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from enforcegraph.api.context import make_context
from enforcegraph.api.execution import PlanCache, PlanExecutor, executor_class
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.loaders.datasets import dataset_batch, is_dataset

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"

# Queries over the bundled data: plain selections, resolvers among them, fragments,
# aliases, __typename, directives, several operations in one document.
API_QUERIES: list[tuple[str, dict[str, Any] | None, str | None]] = [
    ("""{ sanctionsWithoutEuEstablishment(first: 60) { totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { sourceUrls
            sanction { __typename id label name kind amount currency amountEur }
            decision { id date ref status }
            firm { id name country }
            regulator { id name country } } }
          nodes { firm { id } } } }""", None, None),
    ("""{ sanctionsWithoutEuEstablishment(first: 30) { edges { node {
            articles { id name } decision { id regulator { id name } } firm { id } } } } }""",
     None, None),
    ("""query($id: ID!) { node(id: $id) { __typename id label name
          ... on Company { country aliases relationships { id type fromId toId validFrom
                           from { id name } to { __typename id } } } } }""",
     {"id": "company:clearview-ai"}, None),
    ("""fragment Named on Entity { id name label }
        query Two($first: Int) { companies(first: $first) { totalCount
          edges { cursor node { ...Named renamed: name properties } } }
          decisions(first: 5) { nodes { ...Named date } } }
        query One { regulators(first: 3) { nodes { ...Named } } }""",
     {"first": 25}, "Two"),
    ("""fragment Named on Entity { id name label }
        query Two($first: Int) { companies(first: $first) { nodes { ...Named } } }
        query One { regulators(first: 3) { nodes { ...Named } } }""", None, "One"),
    ("""query($with: Boolean!) { companies(first: 10) { nodes { id
          name @include(if: $with) country @skip(if: $with) } } }""", {"with": True}, None),
    ("""query($with: Boolean!) { companies(first: 10) { nodes { id
          name @include(if: $with) country @skip(if: $with) } } }""", {"with": False}, None),
    ("""{ nodes(ids: ["company:clearview-ai", "company:nobody", "regulator:fr-cnil"]) {
          id name ... on Regulator { country } } }""", None, None),
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("execution") / "graph.sqlite")
    store.upsert(parse_case_file(MINI).batch)
    for name in ("clearview", "reference-cases"):
        if is_dataset(name):
            store.upsert(dataset_batch(name))
    yield store
    store.close()


def _run(schema: strawberry.Schema, query: str, variables: dict[str, Any] | None = None,
         operation: str | None = None, context: Any = None) -> tuple[Any, list[Any]]:
    result = asyncio.run(schema.execute(query, variable_values=variables,
                                        operation_name=operation, context_value=context))
    return result.data, [error.formatted for error in result.errors or []]


def _plans(schema: strawberry.Schema) -> PlanCache:
    executor = schema.execution_context_class
    assert isinstance(executor, type) and issubclass(executor, PlanExecutor)
    return cast(type[PlanExecutor], executor).plans


@pytest.mark.parametrize(("query", "variables", "operation"), API_QUERIES)
def test_the_api_answers_as_strawberrys_executor(
    loaded: EmbeddedStore, query: str, variables: dict[str, Any] | None, operation: str | None
) -> None:
    settings = Settings(response_cache_bytes=0)
    planned, general = build_schema(settings), build_schema(settings)
    general.execution_context_class = StrawberryGraphQLCoreExecutionContext
    for _ in range(2):  # the second time from the plans kept
        expected = _run(general, query, variables, operation, make_context(settings, loaded))
        assert expected[0], expected
        assert _run(planned, query, variables, operation,
                    make_context(settings, loaded)) == expected


def test_plans_are_used_for_the_headline_page(loaded: EmbeddedStore) -> None:
    settings = Settings(response_cache_bytes=0)
    schema = build_schema(settings)
    data, errors = _run(schema, API_QUERIES[0][0], context=make_context(settings, loaded))
    assert not errors and data["sanctionsWithoutEuEstablishment"]["edges"]
    (plans,) = _plans(schema).entries.values()
    made = {key[0] for key, plan in plans.by_key.items() if plan is not None}
    assert "SanctionWithoutEuEstablishmentConnection" in made  # the whole page, in one plan


def test_documents_with_directives_are_not_planned(loaded: EmbeddedStore) -> None:
    settings = Settings(response_cache_bytes=0)
    schema = build_schema(settings)
    query, variables, _ = API_QUERIES[5]
    _run(schema, query, variables, context=make_context(settings, loaded))
    (plans,) = _plans(schema).entries.values()
    assert not plans.plain and not plans.by_key


def test_each_schema_has_its_own_bounded_cache(loaded: EmbeddedStore) -> None:
    settings = Settings(response_cache_bytes=0)
    one, two = build_schema(settings), build_schema(settings)
    assert _plans(one) is not _plans(two)  # a schema rebuilt (a new model) starts empty
    small = executor_class()
    small.plans = PlanCache(maxsize=2)
    one.execution_context_class = small
    for first in (1, 2, 3):  # three texts: three documents
        data, errors = _run(one, f"{{ companies(first: {first}) {{ nodes {{ id }} }} }}",
                            context=make_context(settings, loaded))
        assert not errors and len(data["companies"]["nodes"]) == first
    assert len(small.plans.entries) == 2


# A schema of its own, to make the plans meet what they must hand back: nulls where the
# type forbids them, values a scalar refuses, resolvers that raise, awaitable attributes.


@strawberry.type
class Leaf:
    text: str | None  # declared nullable; `strict` below is the non-null view of it
    number: Any = strawberry.field(graphql_type=int | None)

    @strawberry.field
    def strict(self) -> str:
        return self.text  # type: ignore[return-value]

    @strawberry.field
    def shout(self) -> str | None:
        if self.text == "boom":
            raise ValueError("shout failed")
        return None if self.text is None else self.text.upper()


@strawberry.type
class Box:
    leaves: list[Leaf]
    maybe: list[Leaf | None] | None
    later: Any = strawberry.field(graphql_type=Leaf | None)


async def _leaf() -> Leaf:
    return Leaf(text="awaited", number=7)


def _box(kind: str) -> Box:
    leaves = [Leaf(text="a", number=1), Leaf(text="b", number=2)]
    good: list[Leaf | None] = list(leaves)
    if kind == "good":
        return Box(leaves=leaves, maybe=[None, *good], later=None)
    if kind == "null":
        return Box(leaves=[*leaves, Leaf(text=None, number=3)], maybe=None, later=None)
    if kind == "scalar":
        return Box(leaves=[Leaf(text="c", number="three")], maybe=good, later=None)
    if kind == "raise":
        return Box(leaves=leaves, maybe=[Leaf(text="boom", number=4)], later=None)
    return Box(leaves=leaves, maybe=None, later=_leaf())  # "awaitable"


@strawberry.type
class Query:
    @strawberry.field
    def box(self, kind: str) -> Box:
        return _box(kind)


BOX = """query($kind: String!) { box(kind: $kind) {
  leaves { text number strict shout __typename }
  maybe { text shout } later { text number } } }"""


@pytest.mark.parametrize("kind", ["good", "null", "scalar", "raise", "awaitable"])
def test_surprises_are_left_to_the_general_way(kind: str) -> None:
    planned = strawberry.Schema(query=Query, execution_context_class=executor_class())
    general = strawberry.Schema(query=Query)
    expected = _run(general, BOX, {"kind": kind})
    assert _run(planned, BOX, {"kind": kind}) == expected
    assert bool(expected[1]) == (kind in ("null", "scalar", "raise"))
    assert kind != "awaitable" or expected[0]["box"]["later"] == {"text": "awaited", "number": 7}
    (plans,) = _plans(planned).entries.values()
    assert any(key[0] == "Box" and plan is not None for key, plan in plans.by_key.items())
