"""Rows of the traversal catalogue, with their nodes resolved as typed objects."""

from typing import Any

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.types.entity import Entity, wrap, wrap_all
from enforcegraph.api.types.refs import (
    CompanyRef,
    DecisionRef,
    EntityRef,
    LegalArticleRef,
    RegulatorRef,
    SanctionRef,
    StatementRef,
)

__all__ = [
    "PARTS",
    "ContradictedClaim",
    "CrossBorderCase",
    "DecisionCiting",
    "SanctionWithoutEuEstablishment",
]

Row = dict[str, Any]


async def _one(info: Info, part: Row | None) -> Entity | None:
    return wrap(await info.context.loaders.node(part["id"])) if part else None


async def _all(info: Info, parts: list[Any]) -> list[Any]:
    ids = [p["id"] if isinstance(p, dict) else str(p) for p in parts if p]
    return wrap_all(await info.context.loaders.many(ids))


PARTS = ("sanction", "decision", "regulator", "firm")  # the nodes of a headline row


@strawberry.type(
    description="A headline row: a sanction, its decision, the regulator and the firm it targets "
    "(in sanctionsWithoutEuEstablishment: a firm with no EU establishment at the time; in "
    "sanctionsWithUnknownEstablishment: a firm whose establishment is unknown)."
)
class SanctionWithoutEuEstablishment:
    """A row whose nodes (``PARTS``) were fetched with the page, in one batch for all rows,
    and set as plain attributes by :meth:`of`: strawberry reads them without a resolver
    call (a page has hundreds of them)."""

    row: strawberry.Private[Row]
    sanction: SanctionRef | None = strawberry.field(default=None, description="The sanction.")
    decision: DecisionRef | None = strawberry.field(
        default=None, description="The decision imposing it."
    )
    regulator: RegulatorRef | None = strawberry.field(
        default=None, description="The regulator that issued the decision."
    )
    firm: CompanyRef | None = strawberry.field(default=None, description="The firm sanctioned.")

    @classmethod
    def of(cls, row: Row, objects: dict[str, Entity]) -> "SanctionWithoutEuEstablishment":
        """The row with its parts taken from ``objects`` (the page's nodes, wrapped once)."""

        def part(key: str) -> Any:
            ref = row[key]
            return objects.get(ref["id"]) if ref else None

        return cls(row=row, sanction=part("sanction"), decision=part("decision"),
                   regulator=part("regulator"), firm=part("firm"))

    @strawberry.field(description="Articles the decision finds infringed.")
    async def articles(self, info: Info) -> list[LegalArticleRef]:
        return await _all(info, self.row["articles"])

    @strawberry.field(description="URLs of the sources of the sanction and decision.")
    def source_urls(self) -> list[str]:
        return list(self.row["sources"])


@strawberry.type(description="A decision infringing or citing an article.")
class DecisionCiting:
    row: strawberry.Private[Row]

    @strawberry.field(description="The decision.")
    async def decision(self, info: Info) -> DecisionRef | None:
        return await _one(info, self.row)  # type: ignore[return-value]

    @strawberry.field(description="The provisions cited, e.g. 83(5).")
    def provisions(self) -> list[str]:
        return list(self.row["provisions"])

    @strawberry.field(description="Who issued the decision.")
    async def issuer(self, info: Info) -> EntityRef | None:
        return await _one(info, self.row.get("issuer"))

    @strawberry.field(description="URLs of the decision's sources.")
    def source_urls(self) -> list[str]:
        return list(self.row["sources"])


@strawberry.type(description="A public statement and the decisions that contradict it.")
class ContradictedClaim:
    row: strawberry.Private[Row]

    @strawberry.field(description="The statement.")
    async def statement(self, info: Info) -> StatementRef | None:
        return await _one(info, self.row["statement"])  # type: ignore[return-value]

    @strawberry.field(description="Who made it.")
    async def made_by(self, info: Info) -> list[EntityRef]:
        return await _all(info, self.row["made_by"])

    @strawberry.field(description="The channel it came through (a PR agency).")
    async def issued_via(self, info: Info) -> list[EntityRef]:
        return await _all(info, self.row["issued_via"])

    @strawberry.field(description="Decisions contradicting it.")
    async def contradicted_by(self, info: Info) -> list[DecisionRef]:
        return await _all(info, self.row["contradicted_by"])

    @strawberry.field(description="URLs of the statement's sources.")
    def source_urls(self) -> list[str]:
        return list(self.row["sources"])


@strawberry.type(description="A firm sanctioned by regulators of two or more jurisdictions.")
class CrossBorderCase:
    row: strawberry.Private[Row]

    @strawberry.field(description="The firm.")
    async def firm(self, info: Info) -> CompanyRef | None:
        return await _one(info, self.row["firm"])  # type: ignore[return-value]

    @strawberry.field(description="Countries of the regulators, sorted.")
    def countries(self) -> list[str]:
        return list(self.row["countries"])

    @strawberry.field(description="The regulators.")
    async def regulators(self, info: Info) -> list[RegulatorRef]:
        return await _all(info, self.row["regulators"])

    @strawberry.field(description="How many of their decisions are against the firm.")
    def decision_count(self) -> int:
        return int(self.row["decisions"])
