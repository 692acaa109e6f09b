"""The GraphStore contract: one interface, every backend (embedded SQLite, Neo4j)."""

from __future__ import annotations

import abc
import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.graph.record.judgements import Judgement, canonical_ids
from enforcegraph.graph.store.fulltext import (
    MAX_RANKED,
    SearchHit,
    SearchPage,
    Snippet,
    query_terms,
    snippet_for,
)
from enforcegraph.graph.store.recording import Recorder, RowAccess, Written
from enforcegraph.graph.store.streaming import ready_batches
from enforcegraph.schema.errors import EnforcegraphError, SchemaError
from enforcegraph.schema.model import Model
from enforcegraph.schema.names import normalize_name
from enforcegraph.schema.records import Batch
from enforcegraph.schema.validation import validate_batch

if TYPE_CHECKING:
    from enforcegraph.graph.domain.traversals import Traversals
    from enforcegraph.graph.store.adjacency import Adjacency

__all__ = [
    "DEFAULT_DATASET",
    "Direction",
    "GraphStore",
    "InvalidSeek",
    "Node",
    "PropertyFilter",
    "Relationship",
    "StoreStats",
    "UpsertSummary",
    "display_name",
    "find_seek",
    "seek_key",
    "utc_today",
]

Direction = Literal["out", "in", "both"]
FilterOp = Literal["eq", "ne", "in", "contains", "gte", "lte", "exists"]
DEFAULT_DATASET = "unnamed"  # the dataset of a batch that names none


def utc_today() -> str:
    """Today's date in UTC, ISO: the day assertions are seen."""
    return datetime.now(UTC).date().isoformat()


@dataclass(frozen=True)
class Node:
    """A stored node."""

    id: str
    label: str
    properties: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        """A property value."""
        return self.properties.get(name, default)

    @property
    def display_name(self) -> str:
        """The best human name for the node."""
        return display_name(self.id, self.properties)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"id": self.id, "label": self.label, **self.properties}


@dataclass(frozen=True)
class Relationship:
    """A stored relationship."""

    id: str
    type: str
    start: str
    end: str
    key: str
    properties: dict[str, Any]

    def other(self, node_id: str) -> str:
        """The end that is not ``node_id``."""
        return self.end if self.start == node_id else self.start

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id,
            "type": self.type,
            "from": self.start,
            "to": self.end,
            "key": self.key,
            **self.properties,
        }


class InvalidSeek(EnforcegraphError):
    """A seek key (a page's ``after``) that is not one of this list's sort keys."""


def seek_key(after: Sequence[Any], size: int, what: str) -> tuple[Any, ...]:
    """``after`` as a tuple, if it is a sort key of ``size`` values of ``what``'s order
    (strings, numbers or null); InvalidSeek otherwise."""
    key = tuple(after)
    if len(key) != size or not all(isinstance(v, str | int | float | None) for v in key):
        raise InvalidSeek(f"not a position in {what}: {list(key)!r}")
    return key


def find_seek(after: Sequence[Any], label: str, order_by: str) -> tuple[Any, str]:
    """A :meth:`GraphStore.find` seek key checked: ``(value, id)``, the id a string."""
    value, last = seek_key(after, 2, f"{label} by {order_by}")
    if not isinstance(last, str):
        raise InvalidSeek(f"not a position in {label} by {order_by}: {list(after)!r}")
    return value, last


@dataclass(frozen=True)
class PropertyFilter:
    """A condition on one property, e.g. ``PropertyFilter("country", "eq", "FR")``."""

    property: str
    op: FilterOp
    value: Any = None


@dataclass
class UpsertSummary:
    """What a load did."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_unchanged: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_unchanged: int = 0

    @property
    def changed(self) -> bool:
        """True if anything was created or updated."""
        return bool(
            self.nodes_created
            + self.nodes_updated
            + self.relationships_created
            + self.relationships_updated
        )

    def add(self, other: UpsertSummary) -> None:
        """Accumulate another summary."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, int]:
        """Plain dict."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class StoreStats:
    """Counts by label and by relationship type."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    @property
    def total_nodes(self) -> int:
        """All nodes."""
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        """All relationships."""
        return sum(self.relationships.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict, keys sorted."""
        return {
            "nodes": dict(sorted(self.nodes.items())),
            "relationships": dict(sorted(self.relationships.items())),
            "total_nodes": self.total_nodes,
            "total_relationships": self.total_relationships,
        }


def display_name(node_id: str, properties: dict[str, Any]) -> str:
    """The best human name of a node: its name, citation, title, ref or URL, else its id."""
    for key in ("name", "citation", "title", "ref", "url"):
        if properties.get(key):
            return str(properties[key])
    return node_id


class GraphStore(abc.ABC):
    """A graph of typed, sourced nodes and relationships, and the record behind it.

    Writes go through :meth:`upsert`, which validates the whole batch against the model
    and applies it in one transaction: all or nothing, idempotent. What each dataset said
    is kept value by value (:meth:`records`); the graph shows the values merged by the
    rules of model.yaml (graph/store/recording.py); ids judged the same land on one
    canonical id on every load (:meth:`judge`). Backends provide rows
    (:meth:`write_rows`) and reads; the merging is written once, here.
    """

    model: Model
    backend_name: str = "abstract"
    today: Callable[[], str] = staticmethod(utc_today)
    # True: :meth:`upsert_stream` writes a whole stream in one transaction (the backend
    # keeps what is not committed yet out of Python's memory); False: batch by batch
    stream_in_one_transaction: bool = False

    # -- writing -------------------------------------------------------------
    @abc.abstractmethod
    def write_rows(self) -> contextlib.AbstractContextManager[RowAccess]:
        """One write transaction's rows: committed when the block ends, rolled back if
        it raises."""

    @abc.abstractmethod
    def judgements(self) -> list[Judgement]:
        """Every judgement made, oldest first."""

    @abc.abstractmethod
    def records(self, ids: Iterable[str]) -> dict[str, list[Assertion]]:
        """What each dataset said about these nodes or relationships (by id)."""

    def upsert(self, batch: Batch, dataset: str | None = None) -> UpsertSummary:
        """Validate and write a batch atomically as what ``dataset`` (else the batch's
        own, else ``unnamed``) says; raise InvalidData with every error."""
        canonical = canonical_ids(self.judgements())
        validate_batch(self.model, batch, self._lookup_through(canonical))
        written = Written()
        name = dataset or batch.dataset or DEFAULT_DATASET
        with self.write_rows() as rows:
            Recorder(self.model, rows, canonical).load(batch, name, self.today(), written)
        return _summary(written)

    def upsert_stream(self, batches: Iterable[Batch], dataset: str | None = None) -> UpsertSummary:
        """Validate and write a stream of batches (one file read in bounded pieces) as
        what ``dataset`` (else the first batch's own, else ``unnamed``) says, holding a
        batch and the next one at a time (and the records that refer to later ones:
        graph/store/streaming.py); a stream of one batch is exactly :meth:`upsert`.

        The guarantee for a stream that stops half way (a bad record, an unreadable line,
        the process killed) depends on :attr:`stream_in_one_transaction`:

        - True (the embedded store): the whole stream is one transaction, so it is all or
          nothing, as :meth:`upsert` is; readers see the store as before until it commits.
        - False (Neo4j: one transaction of millions of rows would exhaust the server's
          transaction memory): each batch commits on its own, so the batches before the
          failure stay written. The load is resumable and idempotent: running the same
          load again completes it, and leaves what was already written as it was (on a
          later day it moves their last-seen day, as any reload does); the result is the
          same as one clean load's.

        The summary adds up the batches: a record given again in a later batch of the same
        stream counts in each.
        """
        canonical = canonical_ids(self.judgements())
        lookup = self._lookup_through(canonical)
        total = UpsertSummary()
        day = self.today()
        pending = iter(batches)
        first = next(pending, None)
        if first is None:
            return total
        name = dataset or first.dataset or DEFAULT_DATASET

        def stream() -> Iterator[Batch]:
            yield first
            yield from pending

        def write(rows: RowAccess, batch: Batch) -> None:
            written = Written()
            Recorder(self.model, rows, canonical).load(batch, name, day, written)
            total.add(_summary(written))

        if self.stream_in_one_transaction:
            with self.write_rows() as rows:  # lookups in here see the batches written so far
                for batch in ready_batches(self.model, stream(), lookup):
                    write(rows, batch)
        else:
            for batch in ready_batches(self.model, stream(), lookup):
                with self.write_rows() as rows:
                    write(rows, batch)
        return total

    def judge(self, judgement: Judgement) -> UpsertSummary:
        """Record a judgement and apply it at once, in one transaction: a ``same`` merges
        the pair, a ``not_same`` on a merged pair splits it (each id gets back what its
        sources said)."""
        written = Written()
        with self.write_rows() as rows:
            rows.add_judgement(judgement)
            canonical = canonical_ids(rows.judgements())
            members = {judgement.canonical, judgement.other}
            members |= {k for k, v in canonical.items() if v in members}
            Recorder(self.model, rows, canonical).resettle(sorted(members), written)
        return _summary(written)

    def adopt(self, assertions: Iterable[Assertion], judgements: Iterable[Judgement] = ()) -> UpsertSummary:
        """Take what another store recorded (a copy between backends), in one transaction:
        its judgements first (those not here yet), then its assertions with their datasets
        and days. Idempotent; nodes must come in an earlier call than relationships."""
        written = Written()
        with self.write_rows() as rows:
            known = {(j.pair, j.at) for j in rows.judgements()}
            for judgement in judgements:
                if (judgement.pair, judgement.at) not in known:
                    rows.add_judgement(judgement)
            canonical = canonical_ids(rows.judgements())
            Recorder(self.model, rows, canonical).adopt(assertions, written)
        return _summary(written)

    def _lookup_through(self, canonical: Mapping[str, str]) -> Callable[[Iterable[str]], dict[str, str]]:
        """``lookup_labels`` for ids a source gives, which may have been merged away."""
        if not canonical:
            return self.lookup_labels

        def lookup(ids: Iterable[str]) -> dict[str, str]:
            wanted = list(ids)
            found = self.lookup_labels({canonical.get(i, i) for i in wanted})
            return {i: found[canonical.get(i, i)] for i in wanted if canonical.get(i, i) in found}

        return lookup

    @abc.abstractmethod
    def delete(self, node_ids: Iterable[str]) -> int:
        """Delete nodes and their relationships; return how many nodes were deleted."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Delete everything."""

    # -- reading -------------------------------------------------------------
    @abc.abstractmethod
    def get_many(self, node_ids: Iterable[str]) -> dict[str, Node]:
        """Nodes by id (missing ids are absent from the result)."""

    def get(self, node_id: str) -> Node | None:
        """One node, or None."""
        return self.get_many([node_id]).get(node_id)

    @abc.abstractmethod
    def lookup_labels(self, node_ids: Iterable[str]) -> dict[str, str]:
        """Labels of the ids that exist."""

    @abc.abstractmethod
    def relationships_of(
        self,
        node_ids: Iterable[str],
        types: Sequence[str] | None = None,
        direction: Direction = "both",
        limit: int | None = None,
    ) -> list[Relationship]:
        """Relationships touching any of ``node_ids`` (one call for many nodes), sorted by
        id. ``limit``: at most that many of each node, the first by id (a relationship of
        two of the nodes counts for both), read as such: a hub's thousands are never read."""

    def relationships_among(self, node_ids: Iterable[str], hub: int = 500) -> list[Relationship]:
        """The relationships whose both ends are among ``node_ids``, sorted by id, without
        reading every relationship of a hub among them (an export of a decision holds its
        regulator, which has thousands).

        Each node's first ``hub`` relationships are read (``relationships_of``' limit); a
        node with fewer is complete, so every relationship touching it is among those. Only
        a relationship between two hubs can be missing: it is read from each hub, outgoing,
        by the types the model allows from its label to a hub's label.
        """
        ids = set(node_ids)
        first = self.relationships_of(ids, limit=hub)
        seen = Counter(end for r in first for end in {r.start, r.end} if end in ids)
        found = {r.id: r for r in first if r.start in ids and r.end in ids}
        hubs = sorted(i for i, n in seen.items() if n >= hub)
        if hubs:
            labels = self.lookup_labels(hubs)
            ends = set(hubs)
            for start in hubs:
                types = [name for name, spec in self.model.relationships.items()
                         if labels[start] in spec.from_labels
                         and any(labels[e] in spec.to_labels for e in ends)]
                for rel in self.relationships_of([start], types, "out") if types else []:
                    if rel.end in ends:
                        found[rel.id] = rel
        return [found[k] for k in sorted(found)]

    def neighbours(
        self,
        node_id: str,
        types: Sequence[str] | None = None,
        direction: Direction = "both",
    ) -> list[tuple[Relationship, Node]]:
        """The relationships of one node with the node at the other end, sorted by id."""
        rels = self.relationships_of([node_id], types, direction)
        others = self.get_many({r.other(node_id) for r in rels})
        pairs = [(r, others[r.other(node_id)]) for r in rels if r.other(node_id) in others]
        return sorted(pairs, key=lambda pair: (pair[0].type, pair[1].id, pair[0].id))

    @abc.abstractmethod
    def find(
        self,
        label: str,
        filters: Sequence[PropertyFilter] = (),
        *,
        order_by: str = "id",
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> list[Node]:
        """Nodes of a label matching every filter, sorted, one page.

        The order: nodes without ``order_by`` last, then by it, ties by id (both
        ``descending`` when asked). ``after`` (a keyset seek): the sort key of the node the
        page starts after, ``(value, id)`` (:meth:`sort_key`); the page is then the nodes
        that sort after it, whatever ``offset`` says, read from an index position rather
        than by skipping (a node added or removed before it moves no page), and a key
        that is not a ``(value, id)`` pair raises :class:`InvalidSeek`. The headline
        traversals take a seek key too (graph/domain/traversals.py, ``after``)."""

    @staticmethod
    def sort_key(node: Node, order_by: str = "id") -> tuple[Any, str]:
        """The keyset key of ``node`` in :meth:`find`'s order by ``order_by``."""
        return (node.id if order_by == "id" else node.get(order_by)), node.id

    @abc.abstractmethod
    def count(self, label: str, filters: Sequence[PropertyFilter] = ()) -> int:
        """How many nodes ``find`` would return without a limit."""

    def count_at_most(self, label: str, filters: Sequence[PropertyFilter] = (),
                      cap: int | None = None) -> tuple[int, bool]:
        """:meth:`count`, and whether it stopped at ``cap``: a backend that cannot read the
        count from totals kept in step with writes may count only ``cap + 1`` matches and
        answer ``(cap, True)`` (more than ``cap``). Exact here (``False``)."""
        return self.count(label, filters), False

    @abc.abstractmethod
    def search(
        self, text: str, labels: Sequence[str] | None = None, limit: int = 20
    ) -> list[Node]:
        """Nodes whose normalised names or aliases match ``text`` (exact, then prefix, then part)."""

    def full_text(
        self, text: str, labels: Sequence[str] | None = None, limit: int = 20, offset: int = 0,
        most: int = MAX_RANKED,
    ) -> SearchPage:
        """Full-text search (graph/store/fulltext.py): nodes whose names or text hold every
        term of ``text`` (the last also as a prefix), best first (a name equal to the text,
        then by relevance, a term in the names weighing more than one in the text, then
        by id), one page from ``offset``, each with the passage that matched; and how many
        match in all. A text that is a node's id finds that node alone. At most ``most``
        matches are ranked and counted (the first the index gives): more, and the page is
        ``capped``."""
        for label in labels or ():
            self.model.label(label)
        if limit < 0 or offset < 0 or most < 1:
            raise ValueError("limit and offset must not be negative, most must be positive")
        wanted = text.strip()
        if ":" in wanted and not any(c.isspace() for c in wanted):
            node = self.get(wanted)
            if node is not None:
                if labels and node.label not in labels:
                    return SearchPage([], 0)
                whole = Snippet("id", wanted, [(0, len(wanted))])
                return SearchPage([SearchHit(node, 1.0, whole)][offset : offset + limit], 1)
        terms = query_terms(text)
        if not terms:
            return SearchPage([], 0)
        found, total, capped = self.full_text_hits(terms, normalize_name(text), labels, limit,
                                                   offset, most)
        hits = [SearchHit(node, score,
                          snippet_for(self.model.label(node.label), node.properties, terms))
                for node, score in found]
        return SearchPage(hits, total, capped)

    @abc.abstractmethod
    def full_text_hits(
        self, terms: Sequence[str], name: str, labels: Sequence[str] | None, limit: int,
        offset: int, most: int,
    ) -> tuple[list[tuple[Node, float]], int, bool]:
        """The backend's half of :meth:`full_text`: one page of (node, score) for folded
        ``terms`` (at least one), the total and whether it is capped. The ranked matches
        are all of them, or when more than ``most`` match, the first ``most`` the index
        gives (total ``most``, capped); best first: nodes with a normalised name equal to
        ``name`` (the whole query, :func:`normalize_name`), then by score (a term in the
        names weighs ``NAME_WEIGHT`` times one in the text), then by id."""

    @abc.abstractmethod
    def stats(self) -> StoreStats:
        """Counts by label and relationship type."""

    @abc.abstractmethod
    def iter_nodes(self, label: str | None = None) -> Iterator[Node]:
        """Every node (of a label), in id order."""

    @abc.abstractmethod
    def iter_relationships(self, rel_type: str | None = None) -> Iterator[Relationship]:
        """Every relationship (of a type), in id order."""

    def to_networkx(
        self,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
    ) -> nx.MultiDiGraph:
        """The graph (or the part with these labels and types) as a NetworkX MultiDiGraph.

        Nodes carry ``label`` and their properties; edges are keyed by relationship id
        and carry ``type`` and their properties.
        """
        for label in labels or ():
            self.model.label(label)
        for rel_type in types or ():
            self.model.relationship(rel_type)
        graph: nx.MultiDiGraph = nx.MultiDiGraph()
        wanted = set(labels) if labels else None
        for node in self.iter_nodes():
            if wanted is None or node.label in wanted:
                graph.add_node(node.id, label=node.label, **node.properties)
        rel_types = set(types) if types else None
        for rel in self.iter_relationships():
            if rel_types is not None and rel.type not in rel_types:
                continue
            if rel.start in graph and rel.end in graph:
                graph.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, **rel.properties)
        return graph

    def adjacency(self, graph: nx.MultiDiGraph | None = None) -> Adjacency:
        """The entity network as a numeric adjacency (:mod:`enforcegraph.graph.store.adjacency`).

        PageRank and components run on it. This default builds it on every call from
        ``graph`` (this store's :meth:`to_networkx`, when the caller has read it already)
        or else from a fresh :meth:`to_networkx`: a backend may keep it only if it can tell
        when any client changed the data, as the embedded store does by its generation.
        """
        from enforcegraph.graph.store.adjacency import Adjacency

        return Adjacency.from_networkx(self.to_networkx() if graph is None else graph)

    @abc.abstractmethod
    def traversals(self) -> Traversals:
        """The traversal catalogue on this store (graph/domain/traversals.py; a backend may push
        it down into its own queries)."""

    def generation(self) -> int | None:
        """A number that changes whenever any client changes the data, or None when this
        backend cannot tell (then nothing derived from the data may be kept)."""
        return None

    @property
    def reads_inline(self) -> bool:
        """Whether a short read may run on the caller's event loop inside
        :func:`graph.store.inline.inline`: the store then stops every read of the block at
        its deadline, or where it would wait for a lock, with ``OverBudget`` (False: a read
        may block, e.g. on a network round trip; run it on a thread)."""
        return False

    # -- lifecycle -----------------------------------------------------------
    def ping(self) -> None:  # noqa: B027  (a no-op is right for stores with nothing to reach)
        """Raise StoreUnavailable if the store cannot be reached."""

    def close(self) -> None:  # noqa: B027  (a no-op is right for stores holding nothing)
        """Release resources."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers for backends --------------------------------------------------
    def check_filter(self, label: str, flt: PropertyFilter) -> None:
        """Allow only properties the schema knows (names reach queries; values never do)."""
        spec = self.model.label(label)
        if flt.property not in spec.properties and flt.property not in ("id", "sources"):
            raise SchemaError(f"{label} has no property {flt.property!r}")

    def check_order(self, label: str, order_by: str) -> None:
        """Allow ordering only by a known property."""
        if order_by != "id" and order_by not in self.model.label(label).properties:
            raise SchemaError(f"cannot sort {label} by unknown property {order_by!r}")


def _summary(written: Written) -> UpsertSummary:
    return UpsertSummary(
        nodes_created=len(written.nodes["created"]),
        nodes_updated=len(written.nodes["updated"]),
        nodes_unchanged=len(written.nodes["unchanged"]),
        relationships_created=len(written.relationships["created"]),
        relationships_updated=len(written.relationships["updated"]),
        relationships_unchanged=len(written.relationships["unchanged"]),
    )
