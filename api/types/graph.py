"""Graph-shaped answers: Subgraph (neighbourhoods, exports), Path, and Stats."""

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.types.entity import Entity, Relationship, wrap_all
from enforcegraph.api.walks import Subgraph as WalkResult
from enforcegraph.graph.store.base import StoreStats

__all__ = ["Count", "EstablishmentCoverage", "Path", "Stats", "Subgraph"]


@strawberry.type(description="Nodes and the relationships between them, ready to draw.")
class Subgraph:
    result: strawberry.Private[WalkResult]

    @strawberry.field(description="The nodes, the starting node first.")
    def nodes(self) -> list[Entity]:
        return wrap_all(self.result.nodes)

    @strawberry.field(description="The relationships walked, by id.")
    def relationships(self) -> list[Relationship]:
        return [Relationship(raw=r) for r in self.result.relationships]

    @strawberry.field(description="True if limits left some neighbours out.")
    def truncated(self) -> bool:
        return self.result.truncated


@strawberry.type(description="A path: nodes in order and the relationships between them.")
class Path:
    result: strawberry.Private[WalkResult]

    @strawberry.field(description="Number of relationships along the path.")
    def length(self) -> int:
        return len(self.result.relationships)

    @strawberry.field(description="The nodes from start to end.")
    def nodes(self) -> list[Entity]:
        return wrap_all(self.result.nodes)

    @strawberry.field(description="The relationships in order (each may point either way).")
    def relationships(self) -> list[Relationship]:
        return [Relationship(raw=r) for r in self.result.relationships]


@strawberry.type(description="How many of one label or relationship type.")
class Count:
    name: str = strawberry.field(description="The label or relationship type.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(
    description="Sanctioned firms (targets of a regulator's sanction) and how many of them the "
    "headline can classify at every decision date; the rest are in "
    "sanctionsWithUnknownEstablishment."
)
class EstablishmentCoverage:
    firms: int = strawberry.field(description="Sanctioned firms.")
    known: int = strawberry.field(
        description="Those whose establishment is known: an EU establishment, or a location a source states."
    )
    unknown: int = strawberry.field(description="Those the headline cannot classify.")
    share_known: float | None = strawberry.field(description="known / firms (null without firms).")


@strawberry.type(description="Counts of the whole graph.")
class Stats:
    raw: strawberry.Private[StoreStats]
    backend: str = strawberry.field(description="The store backend serving the API.")

    @strawberry.field(description="Nodes by label, by name.")
    def nodes(self) -> list[Count]:
        return [Count(name=k, count=v) for k, v in sorted(self.raw.nodes.items())]

    @strawberry.field(description="Relationships by type, by name.")
    def relationships(self) -> list[Count]:
        return [Count(name=k, count=v) for k, v in sorted(self.raw.relationships.items())]

    @strawberry.field(description="All nodes.")
    def total_nodes(self) -> int:
        return self.raw.total_nodes

    @strawberry.field(description="All relationships.")
    def total_relationships(self) -> int:
        return self.raw.total_relationships

    @strawberry.field(description="The share of sanctioned firms whose establishment is known.")
    async def establishment(self, info: Info) -> EstablishmentCoverage:
        traversals = info.context.store.traversals()
        return EstablishmentCoverage(**await in_thread(traversals.establishment_coverage))
