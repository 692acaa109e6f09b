"""Authorities and territory: Regulator, Court, Jurisdiction."""

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.types.entity import Entity, by_date, node_type, related, wrap_all
from enforcegraph.api.types.refs import DecisionRef, JurisdictionRef, LawRef, RegulatorRef
from enforcegraph.graph.store.base import Node

__all__ = ["Court", "Jurisdiction", "Regulator", "RegulatorTotals"]


@strawberry.type(description="What a regulator's decisions add up to.")
class RegulatorTotals:
    decisions: int = strawberry.field(description="Decisions issued.")
    sanctions: int = strawberry.field(description="Sanctions imposed by those decisions.")
    fines: int = strawberry.field(description="Sanctions of kind fine.")
    amount_eur: float = strawberry.field(
        description="Sum of amount_eur over the sanctions that have one."
    )
    largest_amount_eur: float | None = strawberry.field(
        description="The largest single amount_eur, if any sanction has one."
    )


async def _issued(info: Info, issuer_id: str) -> list[Node]:
    loaders = info.context.loaders
    rels = await loaders.rels(issuer_id, ["ISSUED"], "out")
    return await loaders.many([r.end for r in rels])


@node_type("Regulator")
class Regulator(Entity):
    @strawberry.field(description="Decisions the regulator issued, by date.")
    async def decisions(self, info: Info) -> list[DecisionRef]:
        return by_date(wrap_all(await _issued(info, self.raw.id)))

    @strawberry.field(description="The first jurisdiction the regulator covers.")
    async def jurisdiction(self, info: Info) -> JurisdictionRef | None:
        covered = await related(info, self.raw.id, ["COVERS"], "out")
        return covered[0] if covered else None

    @strawberry.field(description="Every jurisdiction the regulator covers.")
    async def jurisdictions(self, info: Info) -> list[JurisdictionRef]:
        return await related(info, self.raw.id, ["COVERS"], "out")

    @strawberry.field(description="Laws the regulator enforces.")
    async def laws(self, info: Info) -> list[LawRef]:
        return await related(info, self.raw.id, ["ENFORCES"], "out")

    @strawberry.field(description="Counts and sums of the regulator's decisions and sanctions.")
    async def totals(self, info: Info) -> RegulatorTotals:
        loaders = info.context.loaders
        decisions = await _issued(info, self.raw.id)
        imposes = await loaders.rels_many([d.id for d in decisions], ["IMPOSES"], "out")
        sanctions = await loaders.many([r.end for r in imposes])
        amounts = [float(s.get("amount_eur")) for s in sanctions if s.get("amount_eur") is not None]
        return RegulatorTotals(
            decisions=len(decisions),
            sanctions=len(sanctions),
            fines=sum(1 for s in sanctions if s.get("kind") == "fine"),
            amount_eur=sum(amounts),
            largest_amount_eur=max(amounts) if amounts else None,
        )


@node_type("Court")
class Court(Entity):
    @strawberry.field(description="Decisions (judgments, settlements) of the court, by date.")
    async def decisions(self, info: Info) -> list[DecisionRef]:
        return by_date(wrap_all(await _issued(info, self.raw.id)))

    @strawberry.field(description="The first jurisdiction the court covers.")
    async def jurisdiction(self, info: Info) -> JurisdictionRef | None:
        covered = await related(info, self.raw.id, ["COVERS"], "out")
        return covered[0] if covered else None


@node_type("Jurisdiction")
class Jurisdiction(Entity):
    @strawberry.field(description="Unions this jurisdiction is a member of (FR: EU).")
    async def member_of(self, info: Info) -> list[JurisdictionRef]:
        return await related(info, self.raw.id, ["MEMBER_OF"], "out")

    @strawberry.field(description="Members of this union (EU: FR, DE ...).")
    async def members(self, info: Info) -> list[JurisdictionRef]:
        return await related(info, self.raw.id, ["MEMBER_OF"], "in")

    @strawberry.field(description="Regulators covering this jurisdiction.")
    async def regulators(self, info: Info) -> list[RegulatorRef]:
        return await related(info, self.raw.id, ["COVERS"], "in", "Regulator")
