"""The web page's workbench as Query fields: questions as tables, and up to three paths.

``questionTable`` answers a question of :mod:`enforcegraph.api.tables` one page at a time,
filtered, sorted and counted on the server; ``paths`` finds up to three shortest paths
that keep off nodes of some labels (:func:`enforcegraph.api.walks.shortest_paths`).
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.enums import Label, RelationshipType
from enforcegraph.api.errors import BAD_USER_INPUT, LIMIT_EXCEEDED, ApiError
from enforcegraph.api.tables import Question, TableFilter, questions, table
from enforcegraph.api.types.graph import Path as PathType
from enforcegraph.api.walks import shortest_paths

__all__ = ["MAX_PATHS", "WorkbenchQuery"]

MAX_PATHS = 3
MAX_HOPS = 6


@strawberry.type(description="A question the page can ask: a catalogue traversal or an analysis.")
class QuestionInfo:
    key: str = strawberry.field(description="Its key, as `questionTable(question:)` takes it.")
    title: str = strawberry.field(description="A short title.")
    kind: str = strawberry.field(description="traversal or analysis.")
    name: str = strawberry.field(description="The traversal's or analysis's name.")
    description: str = strawberry.field(description="The question it answers.")
    argument: str | None = strawberry.field(description="Its one argument (FIRM, ARTICLE), if any.")

    @classmethod
    def of(cls, q: Question) -> QuestionInfo:
        return cls(key=q.key, title=q.title, kind=q.kind, name=q.name, description=q.description,
                   argument=q.argument)


@strawberry.type(description="A column of a question's table.")
class TableColumn:
    key: str = strawberry.field(description="The key of its cells in each row's `cells`.")
    title: str = strawberry.field(description="Its heading.")
    kind: str = strawberry.field(description="Type of its cells: entity, entities, money, number, "
                                             "text, links (empty if no row has one).")


@strawberry.type(description="One value of a facet and how many rows have it.")
class FacetValue:
    value: str = strawberry.field(description="The value the filter takes.")
    label: str = strawberry.field(description="Its name (a regulator's name, else the value).")
    count: int = strawberry.field(description="Rows having it, under the other facets' filters.")


@strawberry.type(description="A facet of a table: regulator, jurisdiction, year, kind, currency.")
class Facet:
    name: str = strawberry.field(description="The facet.")
    values: list[FacetValue] = strawberry.field(description="Its values, most rows first (years "
                                                            "newest first).")


@strawberry.type(description="Smallest and largest amount in EUR of a whole answer.")
class AmountRange:
    min: float = strawberry.field(description="Smallest.")
    max: float = strawberry.field(description="Largest.")


@strawberry.type(description="One page of a question's answer as a table.")
class QuestionTable:
    question: QuestionInfo = strawberry.field(description="The question.")
    columns: list[TableColumn] = strawberry.field(description="The columns, in order.")
    total_count: int = strawberry.field(description="Rows of the whole answer under the filter.")
    rows: list[JSON] = strawberry.field(description="This page: {cells: {column: cell}, "
                                                    "entities: [id]} each.")
    facets: list[Facet] = strawberry.field(description=(
        "Facets of the whole answer. A large answer's unfiltered pages in its own order, asked "
        "before the whole answer is computed (it then is, in the background), carry only those "
        "the store keeps counted (regulator, jurisdiction, year on the embedded store)."))
    amount_range: AmountRange | None = strawberry.field(description=(
        "EUR range of the whole answer (null, as those facets, until it is computed)."))


@strawberry.input(description="Filters of a question's table: any of each facet's values.")
class TableFilterInput:
    regulator: list[str] | None = strawberry.field(default=None, description="Regulator ids.")
    jurisdiction: list[str] | None = strawberry.field(
        default=None, description="Regulators' country codes.")
    year: list[str] | None = strawberry.field(default=None, description="Years (YYYY).")
    kind: list[str] | None = strawberry.field(default=None, description="Sanction kinds.")
    currency: list[str] | None = strawberry.field(default=None, description="Currency codes.")
    amount_min: float | None = strawberry.field(default=None, description="Least amount in EUR.")
    amount_max: float | None = strawberry.field(default=None, description="Most amount in EUR.")


@strawberry.enum(description="Ascending or descending.")
class TableSort(enum.Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input(description="Sort a table by one column.")
class TableOrder:
    column: str = strawberry.field(description="The column's key.")
    direction: TableSort = strawberry.field(default=TableSort.ASC, description="Sort order.")


def _filter(given: TableFilterInput | None) -> TableFilter:
    if given is None:
        return TableFilter()
    return TableFilter(tuple(given.regulator or ()), tuple(given.jurisdiction or ()),
                       tuple(given.year or ()), tuple(given.kind or ()),
                       tuple(given.currency or ()), given.amount_min, given.amount_max)


@strawberry.type(description="The web page's workbench.")
class WorkbenchQuery:
    @strawberry.field(description="The questions the page lists: the traversal catalogue, then "
                                  "the analyses (cross-border, repeat offenders, totals, fines, "
                                  "the Art. 83 statutory maximum).")
    def questions(self) -> list[QuestionInfo]:
        return [QuestionInfo.of(q) for q in questions()]

    @strawberry.field(description="A page of a question's answer as a table: filtered by facets, "
                                  "sorted by a column, counted, on the server.")
    async def question_table(
        self,
        info: Info,
        question: Annotated[str, strawberry.argument(description="The question's key.")],
        argument: Annotated[str | None, strawberry.argument(
            description="Its argument (a firm or an article, by id or name).")] = None,
        filter: Annotated[TableFilterInput | None, strawberry.argument(
            description="Facet values and an amount range.")] = None,
        order_by: Annotated[TableOrder | None, strawberry.argument(
            description="Sort by a column (the question's own order when not given).")] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        offset: Annotated[int, strawberry.argument(description="Rows to skip.")] = 0,
    ) -> QuestionTable:
        size = info.context.page_size(first)
        store = info.context.store
        order = (order_by.column, order_by.direction == TableSort.DESC) if order_by else None
        done = await in_thread(
            lambda: table(store, question, argument, _filter(filter), order, size, offset))
        rows = []
        for row in done.rows:
            cells = {k: _named(v, done.names) for k, v in row.cells.items()}
            rows.append(cast(JSON, {"cells": cells, "entities": row.entities}))
        return QuestionTable(
            question=QuestionInfo.of(done.question),
            columns=[TableColumn(key=c.key, title=c.title, kind=c.kind) for c in done.columns],
            total_count=done.total,
            rows=rows,
            facets=[Facet(name=n, values=[FacetValue(value=v, label=lb, count=c) for v, lb, c in vs])
                    for n, vs in done.facets.items()],
            amount_range=AmountRange(min=done.amount_range[0], max=done.amount_range[1])
            if done.amount_range else None,
        )

    @strawberry.field(description=f"Up to {MAX_PATHS} shortest paths between two nodes along "
                                  "relationships either way, shortest first, each through "
                                  "nodes the ones before did not use, none through the "
                                  "labels to avoid.")
    async def paths(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="Start id.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="End id.")],
        max_hops: Annotated[int, strawberry.argument(
            description=f"Longest path looked for (1 to {MAX_HOPS}).")] = 4,
        relationship_types: Annotated[list[RelationshipType] | None, strawberry.argument(
            description="Only walk relationships of these types.")] = None,
        avoid_labels: Annotated[list[Label] | None, strawberry.argument(
            description="Never pass through nodes of these labels (the ends excepted).")] = None,
        k: Annotated[int, strawberry.argument(description=f"How many paths (1 to {MAX_PATHS}).")] = 1,
    ) -> list[PathType]:
        if not 1 <= max_hops <= MAX_HOPS:
            raise ApiError(LIMIT_EXCEEDED, f"maxHops must be between 1 and {MAX_HOPS}")
        if not 1 <= k <= MAX_PATHS:
            raise ApiError(BAD_USER_INPUT, f"k must be between 1 and {MAX_PATHS}")
        types = [t.value for t in relationship_types] if relationship_types else None
        avoid = [label.value for label in avoid_labels] if avoid_labels else []
        store = info.context.store
        found = await in_thread(
            lambda: shortest_paths(store, str(from_), str(to), max_hops, types, avoid, k))
        return [PathType(result=p) for p in found]


def _named(cell: Any, names: dict[str, str]) -> Any:
    """An entity cell given by id only, with the entity's name."""
    if not isinstance(cell, dict):
        return cell
    if cell.get("t") == "entity" and cell["id"] in names and cell["text"] == cell["id"]:
        return {**cell, "text": names[cell["id"]]}
    if cell.get("t") == "entities":
        return {**cell, "items": [_named(item, names) for item in cell["items"]]}
    return cell
