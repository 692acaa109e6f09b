"""Enforcement: Decision and Sanction."""

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.types.entity import Entity, by_date, node_type, related, wrap, wrap_all
from enforcegraph.api.types.legal import Citation
from enforcegraph.api.types.refs import (
    DecisionRef,
    EntityRef,
    LegalArticleRef,
    RegulatorRef,
    StatementRef,
)
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.store.base import Node

__all__ = ["Decision", "Sanction"]


@node_type("Decision")
class Decision(Entity):
    @strawberry.field(description="The regulator that issued the decision (null for a court's).")
    async def regulator(self, info: Info) -> RegulatorRef | None:
        found = await info.context.loaders.neighbours(self.raw.id, ["ISSUED"], "in")
        return wrap(domain.decision_regulator(found))  # type: ignore[return-value]

    @strawberry.field(description="Who issued it: its regulator, else its court.")
    async def issuer(self, info: Info) -> EntityRef | None:
        found = await info.context.loaders.neighbours(self.raw.id, ["ISSUED"], "in")
        return wrap(domain.decision_issuer(found))

    @strawberry.field(description="The parties the decision is addressed to (Company or Person).")
    async def against(self, info: Info) -> list[EntityRef]:
        return await related(info, self.raw.id, ["AGAINST"], "out")

    @strawberry.field(description="Sanctions the decision imposes.")
    async def sanctions(self, info: Info) -> list["Sanction"]:
        return await related(info, self.raw.id, ["IMPOSES"], "out")

    @strawberry.field(description="Articles found infringed, with the provisions.")
    async def infringes(self, info: Info) -> list[Citation]:
        rels = await info.context.loaders.rels(self.raw.id, ["INFRINGES"], "out")
        return [Citation(rel=r) for r in rels]

    @strawberry.field(description="Articles and laws cited as a basis, with the provisions.")
    async def cites(self, info: Info) -> list[Citation]:
        rels = await info.context.loaders.rels(self.raw.id, ["CITES"], "out")
        return [Citation(rel=r) for r in rels]

    @strawberry.field(description="The distinct articles found infringed.")
    async def articles(self, info: Info) -> list[LegalArticleRef]:
        return await related(info, self.raw.id, ["INFRINGES"], "out")

    @strawberry.field(description="The decision this one decides an appeal against.")
    async def appeal_of(self, info: Info) -> DecisionRef | None:
        found = await related(info, self.raw.id, ["APPEAL_OF"], "out")
        return found[0] if found else None

    @strawberry.field(description="The outcome of this appeal, as the source states it.")
    async def appeal_outcome(self, info: Info) -> str | None:
        rels = await info.context.loaders.rels(self.raw.id, ["APPEAL_OF"], "out")
        return next((str(r.properties["outcome"]) for r in rels if r.properties.get("outcome")), None)

    @strawberry.field(description="Decisions on appeals against this one, by date.")
    async def appeals(self, info: Info) -> list[DecisionRef]:
        return by_date(await related(info, self.raw.id, ["APPEAL_OF"], "in"))

    @strawberry.field(description="Public statements the decision contradicts, by date.")
    async def contradicts(self, info: Info) -> list[StatementRef]:
        return by_date(await related(info, self.raw.id, ["CONTRADICTED_BY"], "in"))

    @strawberry.field(description="Statements about the decision, by date.")
    async def statements(self, info: Info) -> list[StatementRef]:
        return by_date(await related(info, self.raw.id, ["ABOUT"], "in", "Statement"))


@node_type("Sanction")
class Sanction(Entity):
    @strawberry.field(description="The decision that imposes the sanction.")
    async def decision(self, info: Info) -> Decision | None:
        found = await related(info, self.raw.id, ["IMPOSES"], "in")
        return found[0] if found else None

    @strawberry.field(description="Who the sanction is against: its own target, else its decision's.")
    async def target(self, info: Info) -> list[EntityRef]:
        loaders = info.context.loaders
        own = await loaders.neighbours(self.raw.id, ["AGAINST"], "out")
        inherited: list[Node] = []
        if not own:  # the decision's targets are read only when they count
            imposes = await loaders.rels(self.raw.id, ["IMPOSES"], "in")
            against = await loaders.rels_many([r.start for r in imposes], ["AGAINST"], "out")
            inherited = await loaders.many(list(dict.fromkeys(r.end for r in against)))
        return wrap_all(domain.sanction_targets(own, inherited))

    @strawberry.field(description="The regulator whose decision imposes the sanction.")
    async def regulator(self, info: Info) -> RegulatorRef | None:
        loaders = info.context.loaders
        imposes = await loaders.rels(self.raw.id, ["IMPOSES"], "in")
        issued = await loaders.rels_many([r.start for r in imposes], ["ISSUED"], "in")
        issuers = await loaders.many([r.start for r in issued])
        return wrap(domain.decision_regulator(issuers))  # type: ignore[return-value]
