"""Claims and evidence: Statement and Source."""

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.types.entity import Entity, node_type, related, wrap_all
from enforcegraph.api.types.refs import DecisionRef, EntityRef
from enforcegraph.graph.store.base import Node, PropertyFilter
from enforcegraph.schema.model import load_model

__all__ = ["Source", "Statement"]

# Most nodes a Source.supports list returns per label.
_SUPPORTS_LIMIT = 500


@node_type("Statement")
class Statement(Entity):
    @strawberry.field(description="Who made the statement (Person, Company or Regulator).")
    async def made_by(self, info: Info) -> list[EntityRef]:
        return await related(info, self.raw.id, ["MADE_BY"], "out")

    @strawberry.field(description="The channel it came through (e.g. a PR agency).")
    async def issued_via(self, info: Info) -> list[EntityRef]:
        return await related(info, self.raw.id, ["ISSUED_VIA"], "out")

    @strawberry.field(description="What the statement is about.")
    async def about(self, info: Info) -> list[EntityRef]:
        return await related(info, self.raw.id, ["ABOUT"], "out")

    @strawberry.field(description="Decisions that contradict the statement.")
    async def contradicted_by(self, info: Info) -> list[DecisionRef]:
        return await related(info, self.raw.id, ["CONTRADICTED_BY"], "out")


@node_type("Source")
class Source(Entity):
    @strawberry.field(description="Nodes that cite this source (at most 500 of each label).")
    async def supports(self, info: Info) -> list[EntityRef]:
        store = info.context.store
        cited = PropertyFilter("sources", "contains", self.raw.id)

        def find() -> list[Node]:
            found: list[Node] = []
            for label in load_model().labels:
                if label != "Source":
                    found += store.find(label, [cited], limit=_SUPPORTS_LIMIT)
            return found

        return wrap_all(await in_thread(find))
