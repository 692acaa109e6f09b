"""The traversal catalogue as Query fields (each runs ``store.traversals()``)."""

import enum
from typing import Annotated, Any

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import bounded, in_thread
from enforcegraph.api.errors import BAD_USER_INPUT, ApiError
from enforcegraph.api.pagination import Connection, decode_position, page_of
from enforcegraph.api.types.decisions import Decision
from enforcegraph.api.types.entity import wrap_all
from enforcegraph.api.types.traversals import (
    PARTS,
    ContradictedClaim,
    CrossBorderCase,
    DecisionCiting,
    SanctionWithoutEuEstablishment,
)
from enforcegraph.graph.domain.traversals import CATALOGUE, SanctionFilter
from enforcegraph.graph.store.base import InvalidSeek

__all__ = ["SanctionsFilter", "TraversalInfo", "TraversalQuery"]


@strawberry.enum(
    description="When establishments are checked: at the DECISION_DATE or TODAY."
)
class EstablishmentDate(enum.Enum):
    DECISION_DATE = "decision-date"
    TODAY = "today"


@strawberry.input(
    description="Options of sanctionsWithoutEuEstablishment and sanctionsWithUnknownEstablishment."
)
class SanctionsFilter:
    regulator: strawberry.ID | None = strawberry.field(
        default=None, description="Only decisions of this regulator (id)."
    )
    jurisdiction: str | None = strawberry.field(
        default=None, description="Only regulators of this country code, or EU for any member."
    )
    since: str | None = strawberry.field(default=None, description="Decisions on or after (ISO date).")
    until: str | None = strawberry.field(default=None, description="Decisions on or before (ISO date).")
    at: EstablishmentDate = strawberry.field(
        default=EstablishmentDate.DECISION_DATE, description="When establishments are checked."
    )


@strawberry.type(description="An entry of the traversal catalogue.")
class TraversalInfo:
    name: str = strawberry.field(description="Name, as in the CLI and /export?traversal=.")
    description: str = strawberry.field(description="The question it answers.")
    argument: str | None = strawberry.field(description="Its one argument (FIRM, ARTICLE), if any.")


def _traversals(info: Info) -> Any:
    return info.context.store.traversals()


@strawberry.type(description="The named traversals.")
class TraversalQuery:
    @strawberry.field(description="The traversal catalogue.")
    def traversals(self) -> list[TraversalInfo]:
        return [TraversalInfo(name=t.name, description=t.description, argument=t.argument)
                for t in CATALOGUE.values()]

    @strawberry.field(
        description="Every sanction whose target firm had no establishment in an EU member "
        "state at the decision date (or today), by decision date."
    )
    async def sanctions_without_eu_establishment(
        self,
        info: Info,
        filter: Annotated[
            SanctionsFilter | None, strawberry.argument(description="Narrow the result.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
    ) -> Connection[SanctionWithoutEuEstablishment]:
        return await _sanction_page(info, filter, first, after, unknown=False)

    @strawberry.field(
        description="Every sanction the headline cannot classify: its target firm has no known "
        "EU establishment at the decision date (or today) and no source says where it is "
        "(the coverage gap of sanctionsWithoutEuEstablishment), by decision date."
    )
    async def sanctions_with_unknown_establishment(
        self,
        info: Info,
        filter: Annotated[
            SanctionsFilter | None, strawberry.argument(description="Narrow the result.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
    ) -> Connection[SanctionWithoutEuEstablishment]:
        return await _sanction_page(info, filter, first, after, unknown=True)

    @strawberry.field(
        description="Every decision against a firm (directly or through a sanction), by date; "
        "each decision's appeals are in Decision.appeals."
    )
    async def enforcement_history(
        self,
        info: Info,
        firm: Annotated[str, strawberry.argument(description="The firm's id or name.")],
    ) -> list[Decision]:
        traversals = _traversals(info)
        rows = await in_thread(lambda: traversals.enforcement_history(firm))
        return wrap_all(await info.context.loaders.many([r["id"] for r in rows]))  # type: ignore[return-value]

    @strawberry.field(description="Decisions that infringe or cite an article, by date.")
    async def decisions_citing(
        self,
        info: Info,
        article: Annotated[
            str, strawberry.argument(description='An article id or citation ("GDPR Art. 32").')
        ],
    ) -> list[DecisionCiting]:
        traversals = _traversals(info)
        rows = await in_thread(lambda: traversals.decisions_citing(article))
        return [DecisionCiting(row=r) for r in rows]

    @strawberry.field(description="A firm's public statements and the decisions contradicting them.")
    async def claims_contradicted(
        self,
        info: Info,
        firm: Annotated[str, strawberry.argument(description="The firm's id or name.")],
    ) -> list[ContradictedClaim]:
        traversals = _traversals(info)
        rows = await in_thread(lambda: traversals.claims_contradicted(firm))
        return [ContradictedClaim(row=r) for r in rows]

    @strawberry.field(description="Firms sanctioned by regulators of two or more jurisdictions.")
    async def cross_border_cases(self, info: Info) -> list[CrossBorderCase]:
        traversals = _traversals(info)
        rows = await in_thread(traversals.cross_border_cases)
        return [CrossBorderCase(row=r) for r in rows]


async def _sanction_page(
    info: Info, filter: SanctionsFilter | None, first: int | None, after: str | None, unknown: bool
) -> Connection[SanctionWithoutEuEstablishment]:
    """One page of headline rows (``unknown``: of the rows the headline cannot classify)."""
    size = info.context.page_size(first)
    traversals = _traversals(info)
    page = (traversals.sanctions_with_unknown_establishment if unknown
            else traversals.sanctions_without_eu_establishment)
    count = (traversals.count_sanctions_with_unknown_establishment if unknown
             else traversals.count_sanctions_without_eu_establishment)
    scope = ("sanctionsWithUnknownEstablishment" if unknown
             else "sanctionsWithoutEuEstablishment")  # a keyset cursor's list
    position = decode_position(after, scope)
    offset = position.offset
    flt = filter or SanctionsFilter()
    options = SanctionFilter(
        regulator=str(flt.regulator) if flt.regulator else None,
        jurisdiction=flt.jurisdiction,
        since=flt.since,
        until=flt.until,
        at="today" if flt.at == EstablishmentDate.TODAY else "decision-date",
    )
    # One row past the page tells whether there is a next one; the full count is
    # computed only when the query asks for totalCount.
    asked = _selected(info)
    details = bool(asked & _DETAILS)  # the rows' articles and sources: read only when asked

    def page_rows() -> list[Any]:
        try:  # with a key: from the index position after it (offset: the fallback)
            return page(options, size + 1, offset, position.key,  # type: ignore[no-any-return]
                        details=details)
        except InvalidSeek as exc:
            raise ApiError(BAD_USER_INPUT, f"after: {exc}") from None

    store = info.context.store  # a page and a count of the kept rows are short reads
    rows = await bounded(store, page_rows)
    if "totalCount" in asked:
        total = await bounded(store, lambda: count(options))
    else:
        total = offset + len(rows)
    rows = rows[:size]
    keys = traversals.page_keys
    ids = [part["id"] for row in rows for key in PARTS if (part := row.get(key))]
    read = getattr(traversals, "page_nodes", None) or {}  # what the page was built from
    if ids and all(i in read for i in ids):
        found = {i: read[i] for i in dict.fromkeys(ids)}
        info.context.loaders.nodes.prime_many(found)
    else:
        found = await info.context.loaders.fetch(ids)
    objects = dict(zip(found, wrap_all(found.values()), strict=True))  # wrapped once each
    items = [SanctionWithoutEuEstablishment.of(r, objects) for r in rows]
    return page_of(items, offset, total, keys=None if keys is None else keys[:size], scope=scope)


# the fields of a headline row that need each row's articles and sources read with the page
_DETAILS = frozenset({"articles", "sourceUrls"})


def _selected(info: Info) -> set[str]:
    """The field names anywhere in the current field's selection (fragments included;
    under @skip/@include as well, so a name may be asked for and not answered)."""
    names: set[str] = set()

    def walk(selections: list[Any]) -> None:
        for selection in selections:
            name = getattr(selection, "name", None)
            if name:
                names.add(name)
            walk(list(getattr(selection, "selections", []) or []))

    for field in info.selected_fields:
        walk(list(field.selections))
    return names
