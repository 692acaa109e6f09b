"""Parties: Company (PR agencies included) and Person, with their offices and representations."""

from collections import defaultdict

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.enums import enum_type, enum_value
from enforcegraph.api.types.entity import Entity, by_date, node_type, related, wrap, wrap_all
from enforcegraph.api.types.refs import (
    CompanyRef,
    DecisionRef,
    EntityRef,
    JurisdictionRef,
    PersonRef,
    RegulatorRef,
    SanctionRef,
    StatementRef,
)
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.store.base import Node
from enforcegraph.graph.store.base import Relationship as StoreRelationship

__all__ = ["Company", "Establishment", "Office", "Person", "Representation", "decisions_against"]

RepresentationRole = enum_type("representation_role")


@strawberry.type(description="A firm's establishment (seat, branch, subsidiary) in a jurisdiction.")
class Establishment:
    rel: strawberry.Private[StoreRelationship]

    @strawberry.field(description="Where the establishment is.")
    async def jurisdiction(self, info: Info) -> JurisdictionRef | None:
        return wrap(await info.context.loaders.node(self.rel.end))  # type: ignore[return-value]

    @strawberry.field(description="First day it existed, if known.")
    def valid_from(self) -> str | None:
        return self.rel.properties.get("valid_from")

    @strawberry.field(description="Last day it existed, if known.")
    def valid_to(self) -> str | None:
        return self.rel.properties.get("valid_to")

    @strawberry.field(description="What the establishment is.")
    def description(self) -> str | None:
        return self.rel.properties.get("description")

    @strawberry.field(
        description="The rule that found it from evidence (legal-form, one-stop-shop, gleif-...); "
        "null when a source states it."
    )
    def rule(self) -> str | None:
        value = self.rel.properties.get("rule")
        return None if value is None else str(value)

    @strawberry.field(description="How sure the rule is, from 0 to 1; null when a source states it.")
    def confidence(self) -> float | None:
        value = self.rel.properties.get("confidence")
        return None if value is None else float(value)

    @strawberry.field(description="URLs of the sources for this establishment.")
    async def source_urls(self, info: Info) -> list[str]:
        nodes = await info.context.loaders.many(self.rel.properties.get("sources") or [])
        return [str(n.get("url")) for n in nodes if n.get("url")]


@strawberry.type(description="A firm represented by an agency, Art. 27 representative or counsel.")
class Representation:
    rel: strawberry.Private[StoreRelationship]

    @strawberry.field(description="The firm that is represented.")
    async def client(self, info: Info) -> CompanyRef | None:
        return wrap(await info.context.loaders.node(self.rel.start))  # type: ignore[return-value]

    @strawberry.field(description="The agency, representative or counsel (Company or Person).")
    async def agent(self, info: Info) -> EntityRef | None:
        return wrap(await info.context.loaders.node(self.rel.end))

    @strawberry.field(description="PR, Art. 27 representative or counsel.")
    def role(self) -> RepresentationRole:  # type: ignore[valid-type]
        return enum_value("representation_role", self.rel.properties.get("role"))  # type: ignore[no-any-return]

    @strawberry.field(description="First day it held, if known.")
    def valid_from(self) -> str | None:
        return self.rel.properties.get("valid_from")

    @strawberry.field(description="Last day it held, if known.")
    def valid_to(self) -> str | None:
        return self.rel.properties.get("valid_to")


@strawberry.type(description="An office a person holds in a firm.")
class Office:
    rel: strawberry.Private[StoreRelationship]

    @strawberry.field(description="The office holder.")
    async def person(self, info: Info) -> PersonRef | None:
        return wrap(await info.context.loaders.node(self.rel.start))  # type: ignore[return-value]

    @strawberry.field(description="The firm.")
    async def company(self, info: Info) -> CompanyRef | None:
        return wrap(await info.context.loaders.node(self.rel.end))  # type: ignore[return-value]

    @strawberry.field(description="The office (CEO, founder).")
    def role(self) -> str:
        return str(self.rel.properties.get("role", ""))

    @strawberry.field(description="First day it was held, if known.")
    def valid_from(self) -> str | None:
        return self.rel.properties.get("valid_from")

    @strawberry.field(description="Last day it was held, if known.")
    def valid_to(self) -> str | None:
        return self.rel.properties.get("valid_to")


async def decisions_against(info: Info, party_id: str) -> list[Node]:
    """Decisions against a party directly or through a sanction they impose."""
    loaders = info.context.loaders
    direct = await loaders.many([r.start for r in await loaders.rels(party_id, ["AGAINST"], "in")])
    decisions = {n.id: n for n in direct if n.label == "Decision"}
    sanction_ids = [n.id for n in direct if n.label == "Sanction"]
    imposes = await loaders.rels_many(sanction_ids, ["IMPOSES"], "in")
    decisions.update({n.id: n for n in await loaders.many([r.start for r in imposes])})
    return list(decisions.values())


async def sanctions_against(info: Info, party_id: str) -> list[Node]:
    """Sanctions whose targets (:func:`domain.sanction_targets`: their own, else their
    decision's) include a party."""
    loaders = info.context.loaders
    direct = await loaders.many([r.start for r in await loaders.rels(party_id, ["AGAINST"], "in")])
    found = {n.id: n for n in direct if n.label == "Sanction"}
    decision_ids = [n.id for n in direct if n.label == "Decision"]
    imposed = [r.end for r in await loaders.rels_many(decision_ids, ["IMPOSES"], "out")]
    own: dict[str, list[str]] = defaultdict(list)
    for rel in await loaders.rels_many(imposed, ["AGAINST"], "out"):
        own[rel.start].append(rel.end)
    # each of those sanctions' decisions is against the party: it inherits it unless it has its own
    inherited = [i for i in imposed if party_id in domain.sanction_targets(own[i], [party_id])]
    found.update({n.id: n for n in await loaders.many(inherited)})
    return list(found.values())


@node_type("Company")
class Company(Entity):
    @strawberry.field(description="Decisions against the firm (directly or via a sanction), by date.")
    async def decisions(self, info: Info) -> list[DecisionRef]:
        return by_date(wrap_all(await decisions_against(info, self.raw.id)))

    @strawberry.field(description="Sanctions against the firm, by id.")
    async def sanctions(self, info: Info) -> list[SanctionRef]:
        nodes = await sanctions_against(info, self.raw.id)
        return wrap_all(sorted(nodes, key=lambda n: n.id))  # type: ignore[return-value]

    @strawberry.field(description="Regulators that issued decisions against the firm.")
    async def regulators(self, info: Info) -> list[RegulatorRef]:
        loaders = info.context.loaders
        decisions = await decisions_against(info, self.raw.id)
        issued = await loaders.rels_many([d.id for d in decisions], ["ISSUED"], "in")
        issuers = await loaders.many(sorted({r.start for r in issued}))
        return wrap_all(n for n in issuers if n.label == domain.REGULATOR)  # type: ignore[return-value]

    @strawberry.field(description="Establishments (seat, branches, subsidiaries) with dates.")
    async def establishments(self, info: Info) -> list[Establishment]:
        rels = await info.context.loaders.rels(self.raw.id, ["HAS_ESTABLISHMENT"], "out")
        return [Establishment(rel=r) for r in rels]

    @strawberry.field(description="Jurisdictions the firm is incorporated in.")
    async def incorporated_in(self, info: Info) -> list[JurisdictionRef]:
        return await related(info, self.raw.id, ["INCORPORATED_IN"], "out")

    @strawberry.field(description="Agencies, representatives and counsel acting for the firm.")
    async def represented_by(self, info: Info) -> list[Representation]:
        rels = await info.context.loaders.rels(self.raw.id, ["REPRESENTED_BY"], "out")
        return [Representation(rel=r) for r in rels]

    @strawberry.field(description="Firms this firm acts for (e.g. as their PR agency).")
    async def represents(self, info: Info) -> list[Representation]:
        rels = await info.context.loaders.rels(self.raw.id, ["REPRESENTED_BY"], "in")
        return [Representation(rel=r) for r in rels]

    @strawberry.field(description="People holding offices in the firm.")
    async def officers(self, info: Info) -> list[Office]:
        rels = await info.context.loaders.rels(self.raw.id, ["OFFICER_OF"], "in")
        return [Office(rel=r) for r in rels]

    @strawberry.field(description="Statements made by, issued via, or about the firm, by date.")
    async def statements(self, info: Info) -> list[StatementRef]:
        types = ["MADE_BY", "ISSUED_VIA", "ABOUT"]
        return by_date(await related(info, self.raw.id, types, "in", "Statement"))


@node_type("Person")
class Person(Entity):
    @strawberry.field(description="Offices the person holds.")
    async def offices(self, info: Info) -> list[Office]:
        rels = await info.context.loaders.rels(self.raw.id, ["OFFICER_OF"], "out")
        return [Office(rel=r) for r in rels]

    @strawberry.field(description="Statements the person made or issued, by date.")
    async def statements(self, info: Info) -> list[StatementRef]:
        types = ["MADE_BY", "ISSUED_VIA", "ABOUT"]
        return by_date(await related(info, self.raw.id, types, "in", "Statement"))

    @strawberry.field(description="Decisions against the person, by date.")
    async def decisions(self, info: Info) -> list[DecisionRef]:
        return by_date(wrap_all(await decisions_against(info, self.raw.id)))

    @strawberry.field(description="Firms the person represents (as counsel or representative).")
    async def represents(self, info: Info) -> list[Representation]:
        rels = await info.context.loaders.rels(self.raw.id, ["REPRESENTED_BY"], "in")
        return [Representation(rel=r) for r in rels]
