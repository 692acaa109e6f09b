"""The Entity interface, the Relationship type, and typed property fields from the model."""

from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, TypeVar, cast

import strawberry
from strawberry.scalars import JSON

from enforcegraph.api.context import Info
from enforcegraph.api.enums import Direction, Label, RelationshipType, enum_type, enum_value
from enforcegraph.api.types.record import Assertion, Conflict, assertions_of, conflicts_of
from enforcegraph.api.types.refs import EntityRef, SourceRef
from enforcegraph.graph.domain.dates import date_floor
from enforcegraph.graph.store.base import Direction as StoreDirection
from enforcegraph.graph.store.base import Node, display_name
from enforcegraph.graph.store.base import Relationship as StoreRelationship
from enforcegraph.schema.model import PropertySpec, load_model

TypesArgument = Annotated[
    list[RelationshipType] | None, strawberry.argument(description="Only these types.")
]
DirectionArgument = Annotated[
    Direction, strawberry.argument(description="Outgoing, incoming or both.")
]

__all__ = [
    "TYPES",
    "Entity",
    "Relationship",
    "by_date",
    "node_type",
    "related",
    "source_nodes",
    "wrap",
    "wrap_all",
]

T = TypeVar("T")
MODEL = load_model()
# Interface fields a label's property of the same name must not shadow.
_RESERVED = frozenset({"id", "label", "name", "sources", "properties", "relationships", "record",
                       "conflicts"})
_SCALARS: dict[str, Any] = {"amount": float, "int": int, "bool": bool}
_LABELS: dict[str, Any] = {member.value: member for member in Label}
_NOTES = {
    "date": "ISO date: YYYY-MM-DD, or YYYY-MM / YYYY where only that is known",
    "country": "ISO 3166-1 alpha-2 code, or EU / EEA",
    "currency": "ISO 4217 code",
    "url": "URL",
}


@strawberry.interface(description="Anything in the graph; every node type implements it.")
class Entity:
    raw: strawberry.Private[Node]
    # Plain attributes, set from ``raw`` on construction (the defaults are never seen):
    # strawberry reads them directly, several times cheaper than through a resolver,
    # and they are the most selected fields.
    id: strawberry.ID = strawberry.field(
        default=None, description="Stable, readable id such as `company:clearview-ai`."
    )
    label: Label = strawberry.field(
        default=None, description="The node's label (its type in the data model)."
    )
    name: str = strawberry.field(
        default=None, description="The best human name: name, citation, title, ref or id."
    )

    def __post_init__(self) -> None:
        raw = self.raw
        self.id = raw.id  # type: ignore[assignment]  # an ID is its str
        self.label = _LABELS.get(raw.label) or Label(raw.label)
        self.name = display_name(raw.id, raw.properties)

    @strawberry.field(description="Every stored property as one JSON object.")
    def properties(self) -> JSON:
        return cast(JSON, dict(sorted(self.raw.properties.items())))

    @strawberry.field(description="The Source nodes that support this node.")
    async def sources(self, info: Info) -> list[SourceRef]:
        return wrap_all(await source_nodes(info, self.raw.get("sources") or []))  # type: ignore[return-value]

    @strawberry.field(description="URLs of the sources that support this node.")
    async def source_urls(self, info: Info) -> list[str]:
        nodes = await source_nodes(info, self.raw.get("sources") or [])
        return [str(n.get("url")) for n in nodes if n.get("url")]

    @strawberry.field(description="What each dataset said about this node (the record behind "
                                  "its properties), with sources and days seen.")
    async def record(self, info: Info) -> list[Assertion]:
        return assertions_of(await info.context.loaders.provenance.load(self.raw.id))

    @strawberry.field(description="Properties datasets gave different values: each value and "
                                  "who gave it (never resolved silently).")
    async def conflicts(self, info: Info) -> list[Conflict]:
        return conflicts_of(await info.context.loaders.provenance.load(self.raw.id))

    @strawberry.field(description="Relationships touching this node, optionally of some types, "
                                  "by id: at most `first` (default and most: the server's "
                                  "largest page, ENFORCEGRAPH_MAX_PAGE_SIZE); "
                                  "`moreRelationships` says when it has more.")
    async def relationships(
        self,
        info: Info,
        types: TypesArgument = None,
        direction: DirectionArgument = Direction.BOTH,
        first: Annotated[int | None, strawberry.argument(
            description="How many, the first by id (default: the largest page).")] = None,
    ) -> list["Relationship"]:
        rels = await _first_relationships(info, self.raw.id, types, direction, first)
        return [Relationship(raw=r) for r in rels[: _limit(info, first)]]

    @strawberry.field(description="True when `relationships` with the same arguments left "
                                  "some out (a regulator with thousands of decisions).")
    async def more_relationships(
        self,
        info: Info,
        types: TypesArgument = None,
        direction: DirectionArgument = Direction.BOTH,
        first: Annotated[int | None, strawberry.argument(
            description="As `relationships`' `first`.")] = None,
    ) -> bool:
        rels = await _first_relationships(info, self.raw.id, types, direction, first)
        return len(rels) > _limit(info, first)


def _limit(info: Info, first: int | None) -> int:
    """A node's relationships listed at most: ``first``, or the largest page."""
    return info.context.settings.max_page_size if first is None else info.context.page_size(first)


async def _first_relationships(info: Info, node_id: str, types: list[RelationshipType] | None,
                               direction: Direction, first: int | None) -> list[StoreRelationship]:
    """A node's first relationships by id, one more than listed (it tells there are more):
    the store reads no more than that (a hub's thousands are never read)."""
    names = [t.value for t in types or []]
    return await info.context.loaders.rels(node_id, names, direction.value,
                                           _limit(info, first) + 1)


@strawberry.type(description="A typed, sourced relationship between two nodes.")
class Relationship:
    raw: strawberry.Private[StoreRelationship]

    @strawberry.field(description="Deterministic id from type, ends and key.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.raw.id)

    @strawberry.field(description="The relationship type.")
    def type(self) -> RelationshipType:
        return RelationshipType(self.raw.type)

    @strawberry.field(description="Id of the node it starts from.")
    def from_id(self) -> strawberry.ID:
        return strawberry.ID(self.raw.start)

    @strawberry.field(description="Id of the node it points to.")
    def to_id(self) -> strawberry.ID:
        return strawberry.ID(self.raw.end)

    @strawberry.field(description="Tells parallel relationships of one type apart.")
    def key(self) -> str:
        return self.raw.key

    @strawberry.field(description="First day the relationship holds, if known.")
    def valid_from(self) -> str | None:
        return _str(self.raw.properties.get("valid_from"))

    @strawberry.field(description="Last day the relationship holds, if known.")
    def valid_to(self) -> str | None:
        return _str(self.raw.properties.get("valid_to"))

    @strawberry.field(description="Every stored property as one JSON object.")
    def properties(self) -> JSON:
        return cast(JSON, dict(sorted(self.raw.properties.items())))

    @strawberry.field(name="from", description="The node it starts from.")
    async def start(self, info: Info) -> EntityRef | None:
        return wrap(await info.context.loaders.node(self.raw.start))

    @strawberry.field(description="The node it points to.")
    async def to(self, info: Info) -> EntityRef | None:
        return wrap(await info.context.loaders.node(self.raw.end))

    @strawberry.field(description="The Source nodes that support this relationship.")
    async def sources(self, info: Info) -> list[SourceRef]:
        return wrap_all(await source_nodes(info, self.raw.properties.get("sources") or []))  # type: ignore[return-value]

    @strawberry.field(description="URLs of the sources that support this relationship.")
    async def source_urls(self, info: Info) -> list[str]:
        nodes = await source_nodes(info, self.raw.properties.get("sources") or [])
        return [str(n.get("url")) for n in nodes if n.get("url")]

    @strawberry.field(description="What each dataset said about this relationship.")
    async def record(self, info: Info) -> list[Assertion]:
        return assertions_of(await info.context.loaders.provenance.load(self.raw.id))

    @strawberry.field(description="Properties datasets gave different values, and who gave each.")
    async def conflicts(self, info: Info) -> list[Conflict]:
        return conflicts_of(await info.context.loaders.provenance.load(self.raw.id))


TYPES: dict[str, type[Entity]] = {}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _graphql_type(prop: PropertySpec) -> Any:
    enum_name = prop.enum_name
    if prop.kind == "list" and enum_name:
        return list[enum_type(enum_name)]  # type: ignore[misc]
    if prop.is_list:
        return list[str]
    base = enum_type(enum_name) if prop.kind == "enum" and enum_name else _SCALARS.get(prop.kind, str)
    return base if prop.required else base | None


def _converter(prop: PropertySpec) -> Callable[[Any], Any]:
    """How a stored value of ``prop`` becomes its GraphQL value (decided once per property)."""
    enum_name = prop.enum_name
    if prop.is_list:
        if enum_name:
            return lambda value: [enum_value(enum_name, v) for v in list(value or [])]
        return lambda value: [str(v) for v in list(value or [])]
    if prop.kind == "enum" and enum_name:
        return lambda value: enum_value(enum_name, value)  # None stays None
    scalar = _SCALARS.get(prop.kind, str)
    return lambda value: None if value is None else scalar(value)


def _property_field(prop: PropertySpec) -> Any:
    convert, name = _converter(prop), prop.name

    def resolve(self: Entity) -> Any:
        return convert(self.raw.properties.get(name))

    note = _NOTES.get(prop.kind)
    description = prop.description or prop.name.replace("_", " ").capitalize()
    description = f"{description.rstrip('.')} ({note})." if note else description
    return strawberry.field(resolver=resolve, description=description, graphql_type=_graphql_type(prop))


def node_type(label: str) -> Callable[[type[T]], type[T]]:
    """Make a strawberry type for a label, adding one typed field per model property."""
    spec = MODEL.label(label)

    def decorate(cls: type[T]) -> type[T]:
        for prop in spec.properties.values():
            if prop.name not in _RESERVED and prop.name not in cls.__dict__:
                setattr(cls, prop.name, _property_field(prop))
        typed = strawberry.type(cls, description=spec.description)
        TYPES[label] = typed  # type: ignore[assignment]
        return typed

    return decorate


def _maker(label: str) -> Callable[[Node], Entity]:
    """How to make the object of a node of ``label``: its attributes set at once, as the
    dataclass constructor and ``Entity.__post_init__`` set them (a page wraps hundreds);
    the constructor itself for a type that sets anything else."""
    cls = TYPES[label]

    def construct(node: Node) -> Entity:
        return cls(raw=node)

    def make(node: Node) -> Entity:
        made = new(cls)
        made.__dict__.update(raw=node, id=node.id, name=display_name(node.id, node.properties),
                             label=_LABELS.get(node.label) or Label(node.label))
        return made

    def first(node: Node) -> Entity:  # decides on the first node, by comparing both ways
        made, built = make(node), construct(node)
        _MAKERS[label] = make if vars(made) == vars(built) else construct
        return built

    new = object.__new__
    return first


_MAKERS: dict[str, Callable[[Node], Entity]] = {}


def wrap(node: Node | None) -> Entity | None:
    """The GraphQL object for a stored node."""
    if node is None:
        return None
    make = _MAKERS.get(node.label) or _MAKERS.setdefault(node.label, _maker(node.label))
    return make(node)


def wrap_all(nodes: Iterable[Node]) -> list[Entity]:
    """GraphQL objects for stored nodes, in order."""
    makers = _MAKERS
    return [(makers.get(n.label) or makers.setdefault(n.label, _maker(n.label)))(n)
            for n in nodes]


async def source_nodes(info: Info, ids: Sequence[str]) -> list[Node]:
    """The Source nodes behind a list of source ids, in order."""
    return [n for n in await info.context.loaders.many(list(ids)) if n.label == "Source"]


async def related(
    info: Info,
    node_id: str,
    types: Sequence[str],
    direction: StoreDirection,
    label: str | None = None,
) -> list[Any]:
    """The typed objects at the other end of some relationships of a node."""
    nodes = await info.context.loaders.neighbours(node_id, types, direction, label)
    return wrap_all(nodes)


def by_date(items: Iterable[Any]) -> list[Any]:
    """Entities sorted by their ``date`` (undated last), then id."""
    return sorted(
        items,
        key=lambda e: (date_floor(e.raw.get("date")) if e.raw.get("date") else "9999", e.raw.id),
    )
