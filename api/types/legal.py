"""The law: Law, LegalArticle, and Citation (a decision infringing or citing a provision)."""

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.types.entity import Entity, by_date, node_type, related, wrap
from enforcegraph.api.types.refs import (
    DecisionRef,
    EntityRef,
    LawRef,
    LegalArticleRef,
    RegulatorRef,
)
from enforcegraph.graph.store.base import Relationship as StoreRelationship

__all__ = ["Citation", "Law", "LegalArticle"]


@strawberry.type(description="A decision finding an article infringed, or citing an article or law.")
class Citation:
    rel: strawberry.Private[StoreRelationship]

    @strawberry.field(description="The decision.")
    async def decision(self, info: Info) -> DecisionRef | None:
        return wrap(await info.context.loaders.node(self.rel.start))  # type: ignore[return-value]

    @strawberry.field(description="The article (or law) infringed or cited.")
    async def article(self, info: Info) -> EntityRef | None:
        return wrap(await info.context.loaders.node(self.rel.end))

    @strawberry.field(description="True for an infringement, false for a citation as a basis.")
    def infringed(self) -> bool:
        return self.rel.type == "INFRINGES"

    @strawberry.field(description="The provision as cited, e.g. 5(1)(a).")
    def provision(self) -> str | None:
        return self.rel.properties.get("provision")

    @strawberry.field(description="Paragraph number, if given.")
    def paragraph(self) -> str | None:
        return self.rel.properties.get("paragraph")

    @strawberry.field(description="Point letter, if given.")
    def point(self) -> str | None:
        return self.rel.properties.get("point")


@node_type("Law")
class Law(Entity):
    @strawberry.field(description="The law's articles.")
    async def articles(self, info: Info) -> list[LegalArticleRef]:
        found = await related(info, self.raw.id, ["PART_OF"], "in")
        return sorted(found, key=lambda a: (len(str(a.raw.get("number"))), str(a.raw.get("number"))))

    @strawberry.field(description="Regulators that enforce the law.")
    async def enforced_by(self, info: Info) -> list[RegulatorRef]:
        return await related(info, self.raw.id, ["ENFORCES"], "in")

    @strawberry.field(description="Decisions citing the law as a whole, by date.")
    async def decisions(self, info: Info) -> list[DecisionRef]:
        return by_date(await related(info, self.raw.id, ["CITES"], "in"))


@node_type("LegalArticle")
class LegalArticle(Entity):
    @strawberry.field(description="The law the article belongs to.")
    async def law(self, info: Info) -> LawRef | None:
        laws = await related(info, self.raw.id, ["PART_OF"], "out")
        return laws[0] if laws else None

    @strawberry.field(description="Decisions that infringe or cite the article, by date.")
    async def decisions(self, info: Info) -> list[DecisionRef]:
        return by_date(await related(info, self.raw.id, ["INFRINGES", "CITES"], "in"))

    @strawberry.field(description="Each infringement or citation of the article, with its provision.")
    async def citations(self, info: Info) -> list[Citation]:
        rels = await info.context.loaders.rels(self.raw.id, ["INFRINGES", "CITES"], "in")
        return [Citation(rel=r) for r in rels]
