"""The read-only GraphQL schema: the Query type, its limits, and the checked-in SDL.

Regenerate ``api/schema.graphql`` after changing the schema (or model.yaml)::

    python -m enforcegraph.api.schema --write
"""

import argparse
import logging
from pathlib import Path
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from enforcegraph.api.analysis_fields import AnalysisQuery
from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.enums import RelationshipType
from enforcegraph.api.errors import BAD_USER_INPUT, LIMIT_EXCEEDED, ApiError
from enforcegraph.api.execution import executor_class
from enforcegraph.api.filters import FILTERS, ORDERS, checked_filter, compile_filter, order_of
from enforcegraph.api.guard import GuardConfig, RequestGuard
from enforcegraph.api.pagination import COUNT_CAP, Connection, decode_position, page_of
from enforcegraph.api.search_fields import SearchQuery
from enforcegraph.api.traversal_fields import TraversalQuery
from enforcegraph.api.types import authorities, decisions, legal, parties, statements
from enforcegraph.api.types.entity import TYPES, Entity, wrap, wrap_all
from enforcegraph.api.types.graph import Path as PathType
from enforcegraph.api.types.graph import Stats, Subgraph
from enforcegraph.api.walks import neighbourhood, shortest_path
from enforcegraph.api.workbench_fields import WorkbenchQuery
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import InvalidSeek
from enforcegraph.schema.model import load_model

__all__ = ["SDL_PATH", "build_schema", "list_field_name", "sdl"]

log = logging.getLogger(__name__)
SDL_PATH = Path(__file__).resolve().with_name("schema.graphql")  # the source file in editable mode
MAX_HOPS = 6
MAX_DEPTH = 3
_FAMILIES = (authorities, decisions, legal, parties, statements)  # importing them registers TYPES


def list_field_name(label: str) -> str:
    """``LegalArticle`` -> ``legalArticles``; ``Person`` -> ``people``."""
    word = label[:1].lower() + label[1:]
    if label == "Person":
        return "people"
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith("s") else "s")


def _list_field(label: str) -> Any:
    node_cls = TYPES[label]

    async def resolve(
        info: Info,
        filter: Any = None,
        order_by: Any = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Any:
        size = info.context.page_size(first)
        key, descending = order_of(order_by)
        scope = f"{label}:{key}:{'desc' if descending else 'asc'}"  # a keyset cursor's list
        position = decode_position(after, scope)
        store = info.context.store
        checked_filter(label, filter, info.context.settings.max_filter_terms)

        def page() -> tuple[list[Any], tuple[int, bool]]:
            filters = compile_filter(store, label, filter)
            try:  # one more: is there a next page
                found = store.find(label, filters, order_by=key, descending=descending,
                                   limit=size + 1, offset=position.offset, after=position.key)
            except InvalidSeek as exc:
                raise ApiError(BAD_USER_INPUT, f"after: {exc}") from None
            return found, store.count_at_most(label, filters, COUNT_CAP)

        found, (total, capped) = await in_thread(page)
        more, found = len(found) > size, found[:size]
        info.context.loaders.nodes.prime_many({n.id: n for n in found})
        return page_of(wrap_all(found), position.offset, total, capped=capped, more=more,
                       keys=[store.sort_key(n, key) for n in found], scope=scope)

    resolve.__annotations__ = {
        "info": Info,
        "filter": Annotated[FILTERS[label] | None, strawberry.argument(
            description="Conditions every item must meet.")],
        "order_by": Annotated[ORDERS[label] | None, strawberry.argument(
            description="Sort order (by id when not given).")],
        "first": Annotated[int | None, strawberry.argument(
            description="Page size (default and maximum set by the server).")],
        "after": Annotated[str | None, strawberry.argument(
            description="Cursor after which the page starts (`pageInfo.endCursor`).")],
        "return": Connection[node_cls],  # type: ignore[valid-type]
    }
    spec = load_model().label(label)
    return strawberry.field(
        resolver=resolve,
        description=f"{label} nodes, filtered, sorted and paged. {spec.description}",
    )


class _Query(TraversalQuery, AnalysisQuery, WorkbenchQuery, SearchQuery):
    @strawberry.field(description="One node by id (null if there is none).")
    async def node(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The id.")]
    ) -> Entity | None:
        return wrap(await info.context.loaders.node(str(id)))

    @strawberry.field(description="Nodes by id, in order (null where there is none).")
    async def nodes(
        self,
        info: Info,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="The ids.")],
    ) -> list[Entity | None]:
        info.context.page_size(len(ids))
        found = await info.context.loaders.nodes.load_many([str(i) for i in ids])
        return [wrap(node) for node in found]

    @strawberry.field(
        description="A shortest path between two nodes along relationships either way."
    )
    async def path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="Start id.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="End id.")],
        max_hops: Annotated[
            int, strawberry.argument(description=f"Longest path looked for (1 to {MAX_HOPS}).")
        ] = 4,
        relationship_types: Annotated[
            list[RelationshipType] | None,
            strawberry.argument(description="Only walk relationships of these types."),
        ] = None,
    ) -> PathType | None:
        if not 1 <= max_hops <= MAX_HOPS:
            raise ApiError(LIMIT_EXCEEDED, f"maxHops must be between 1 and {MAX_HOPS}")
        types = [t.value for t in relationship_types] if relationship_types else None
        store = info.context.store
        found = await in_thread(lambda: shortest_path(store, str(from_), str(to), max_hops, types))
        return PathType(result=found) if found else None

    @strawberry.field(description="A node and the nodes around it, as nodes and relationships.")
    async def neighbourhood(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The centre node.")],
        depth: Annotated[int, strawberry.argument(description=f"Hops (1 to {MAX_DEPTH}).")] = 1,
        limit_per_node: Annotated[
            int, strawberry.argument(description="Most relationships followed from one node.")
        ] = 25,
        relationship_types: Annotated[
            list[RelationshipType] | None,
            strawberry.argument(description="Only walk relationships of these types."),
        ] = None,
    ) -> Subgraph:
        if not 1 <= depth <= MAX_DEPTH:
            raise ApiError(LIMIT_EXCEEDED, f"depth must be between 1 and {MAX_DEPTH}")
        if limit_per_node < 1:
            raise ApiError(BAD_USER_INPUT, "limitPerNode must be positive")
        info.context.page_size(limit_per_node)
        types = [t.value for t in relationship_types] if relationship_types else None
        store = info.context.store
        found = await in_thread(
            lambda: neighbourhood(store, str(id), depth, limit_per_node, types)
        )
        return Subgraph(result=found)

    @strawberry.field(description="Counts of nodes and relationships.")
    async def stats(self, info: Info) -> Stats:
        store = info.context.store
        return Stats(raw=await in_thread(store.stats), backend=store.backend_name)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


for _label in load_model().labels:
    setattr(_Query, _snake(list_field_name(_label)), _list_field(_label))

Query = strawberry.type(
    _Query, name="Query", description="Read-only queries over the enforcement graph."
)


class _Schema(strawberry.Schema):
    """Errors are logged by TypedErrors (only the unexpected ones), not here."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            log.debug("GraphQL error: %s", error.message)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings``."""
    settings = settings or Settings()
    config = GuardConfig.from_settings(settings)
    return _Schema(
        query=Query,
        types=list(TYPES.values()),
        extensions=[lambda: RequestGuard(config)],
        execution_context_class=executor_class(),  # plain selections in one pass
    )


def sdl() -> str:
    """The schema as SDL text, as checked in at ``api/schema.graphql``."""
    return build_schema().as_str().rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the SDL, or write it to api/schema.graphql with --write."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {SDL_PATH}")
    args = parser.parse_args(argv)
    if args.write:
        SDL_PATH.write_text(sdl(), "utf-8")
        print(f"wrote {SDL_PATH}")
    else:
        print(sdl(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
