"""What each source said: the record behind a node or relationship, as GraphQL types."""

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from enforcegraph.graph.record.assertions import Assertion as StoreAssertion
from enforcegraph.graph.record.merge import Conflict as StoreConflict

__all__ = ["Assertion", "Conflict", "assertions_of", "conflicts_of"]


@strawberry.type(description="What one dataset said about a node or relationship, under the "
                             "id it used, with its sources and the days it was seen.")
class Assertion:
    raw: strawberry.Private[StoreAssertion]

    @strawberry.field(description="The dataset (a bundled dataset's name, FORMAT:FILE for a "
                                  "file, extract:URL for an accepted extraction).")
    def dataset(self) -> str:
        return self.raw.dataset

    @strawberry.field(description="The id the dataset used (another id if a judgement "
                                  "merged it into this one).")
    def source_id(self) -> strawberry.ID:
        return strawberry.ID(self.raw.source_id)

    @strawberry.field(description="The values it gave, by property.")
    def values(self) -> JSON:
        return cast(JSON, dict(sorted(self.raw.values.items())))

    @strawberry.field(description="Ids of the Source nodes it cites.")
    def sources(self) -> list[str]:
        return list(self.raw.sources)

    @strawberry.field(description="Day it was first said (empty before records were kept).")
    def first_seen(self) -> str:
        return self.raw.first_seen

    @strawberry.field(description="Day it was last said.")
    def last_seen(self) -> str:
        return self.raw.last_seen

    @strawberry.field(description="Days values changed after first_seen, by property.")
    def since(self) -> JSON:
        return cast(JSON, dict(self.raw.since))


@strawberry.type(description="A property given different values by different datasets: the "
                             "value shown (by the model's merge rule) and every value given.")
class Conflict:
    raw: strawberry.Private[StoreConflict]

    @strawberry.field(description="The property.")
    def property(self) -> str:
        return self.raw.property

    @strawberry.field(description="The value the graph shows.")
    def shown(self) -> JSON:
        return cast(JSON, self.raw.shown)

    @strawberry.field(description="Each value given, with who gave it: "
                                  "[{value, said_by: [{dataset, source_id, sources, since}]}].")
    def values(self) -> JSON:
        return cast(JSON, self.raw.values)


def assertions_of(found: Any) -> list[Assertion]:
    """GraphQL objects for a Provenance's assertions (none when there is no record)."""
    return [] if found is None else [Assertion(raw=a) for a in found.assertions]


def conflicts_of(found: Any) -> list[Conflict]:
    """GraphQL objects for a Provenance's conflicts."""
    return [] if found is None else [Conflict(raw=c) for c in found.conflicts]
