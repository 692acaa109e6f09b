"""Per-request dataloaders: one store call for many ids (no N+1), run off the event loop
(or on it, within a deadline, when the store can stop a read there: :func:`bounded`)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from enforcegraph.graph.domain.provenance import Provenance, provenance
from enforcegraph.graph.store.base import Direction, GraphStore, Node, Relationship
from enforcegraph.graph.store.inline import OverBudget, inline

__all__ = ["INLINE_BUDGET", "Loaders", "NodeLoader", "RelKey", "bounded", "in_thread"]

T = TypeVar("T")

# Store calls run on these threads (started on demand) through the event loop's
# run_in_executor rather than anyio's worker threads: less than half the CPU per call,
# which counts for the many small reads (one node by id) of a busy server.
_STORE_THREADS = ThreadPoolExecutor(max_workers=40, thread_name_prefix="store")


async def in_thread(func: Callable[[], T]) -> T:
    """Run a (sync) store call in the thread pool; abandoned if the request is cut off."""
    return await asyncio.get_running_loop().run_in_executor(_STORE_THREADS, func)


# Seconds a store call made on the event loop may read before it is stopped and run again
# on a thread: about 20 headline pages or 500 point reads, so the event loop is never held
# much longer, and an ordinary short read is never cut.
INLINE_BUDGET = 0.025


async def bounded(store: GraphStore, func: Callable[[], T]) -> T:
    """Run a store call known to be short (point reads by id, a page of the kept rows) on
    the event loop itself when the store can stop a read there (``reads_inline``): on a
    busy server a thread hand-over costs about what such a read costs (the GIL going back
    and forth for every row). Past :data:`INLINE_BUDGET` (or at a lock) the store stops
    it (``OverBudget``) and it runs again on a thread, under the store's time limit."""
    if store.reads_inline:
        try:
            with inline(INLINE_BUDGET):
                return func()
        except OverBudget:
            pass
    return await in_thread(func)


@dataclass(frozen=True)
class RelKey:
    """Relationships of one node, of some types, one way (at most ``limit``: the first by id)."""

    node_id: str
    types: tuple[str, ...] = ()
    direction: Direction = "both"
    limit: int | None = None


def _touches(rel: Relationship, node_id: str, direction: Direction) -> bool:
    if direction == "out":
        return rel.start == node_id
    if direction == "in":
        return rel.end == node_id
    return node_id in (rel.start, rel.end)


_ABSENT = object()


class NodeLoader(DataLoader[str, Node | None]):
    """Nodes by id; primed nodes are kept as they are and become futures only when loaded
    (a page primes hundreds, and most are never loaded again)."""

    def __init__(self, load_fn: Callable[[list[str]], Any]) -> None:
        super().__init__(load_fn=load_fn)
        self.primed: dict[str, Node | None] = {}

    def _cache(self, key: str) -> None:
        """Turn a primed node into the cached future strawberry's prime would have made."""
        future: asyncio.Future[Node | None] = self.loop.create_future()
        future.set_result(self.primed.pop(key))
        self.cache_map.set(key, future)

    def load(self, key: str) -> Awaitable[Node | None]:
        if key in self.primed:  # a key is primed or cached, never both
            self._cache(key)
        return super().load(key)

    def prime_many(self, data: Mapping[str, Node | None], force: bool = False) -> None:
        if force or (self.batch is not None and not self.batch.dispatched):
            for key in data:  # a forced prime, or loads of this tick waiting: strawberry's way
                if key in self.primed:
                    self._cache(key)
            super().prime_many(data, force)
            return
        primed, cached = self.primed, self.cache_map
        for key, value in data.items():  # as strawberry's: a key loaded or primed keeps its value
            if key not in primed and cached.get(key) is None:
                primed[key] = value

    def clear(self, key: str) -> None:
        if self.primed.pop(key, _ABSENT) is _ABSENT:  # a key is primed or cached, never both
            super().clear(key)

    def clear_many(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.clear(key)

    def clear_all(self) -> None:
        self.primed.clear()
        super().clear_all()


class Loaders:
    """The dataloaders of one request (made in ``get_context``, never shared)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.nodes: NodeLoader = NodeLoader(load_fn=self._load_nodes)

    @cached_property
    def provenance(self) -> DataLoader[str, Provenance | None]:
        """What each dataset said about nodes and relationships, by id (made on first use)."""
        return DataLoader(load_fn=self._load_provenance)

    async def _load_provenance(self, ids: Sequence[str]) -> list[Provenance | None]:
        found = await in_thread(lambda: provenance(self.store, list(ids)))
        return [found.get(row_id) for row_id in ids]

    @cached_property
    def relationships(self) -> DataLoader[RelKey, list[Relationship]]:
        """The relationship loader (made on first use: most requests never need it)."""
        return DataLoader(load_fn=self._load_relationships)

    async def _load_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        found = await bounded(self.store, lambda: self.store.get_many(list(ids)))
        return [found.get(node_id) for node_id in ids]

    async def _load_relationships(self, keys: Sequence[RelKey]) -> list[list[Relationship]]:
        Group = tuple[tuple[str, ...], Direction, int | None]
        groups: dict[Group, list[str]] = defaultdict(list)
        for key in keys:
            groups[(key.types, key.direction, key.limit)].append(key.node_id)
        found: dict[Group, list[Relationship]] = {}
        for (types, direction, limit), ids in groups.items():
            found[(types, direction, limit)] = await in_thread(
                partial(self.store.relationships_of, ids, list(types) or None, direction, limit)
            )
        out = []
        for k in keys:  # a node's own, at most its limit (another's may come along)
            rels = [r for r in found[(k.types, k.direction, k.limit)]
                    if _touches(r, k.node_id, k.direction)]
            out.append(rels if k.limit is None else rels[: k.limit])
        return out

    async def node(self, node_id: str) -> Node | None:
        """One node (batched with every other load of this tick)."""
        return await self.nodes.load(node_id)

    async def fetch(self, node_ids: Sequence[str]) -> dict[str, Node]:
        """Nodes by id in one store call now, for a resolver that has all the ids at once.

        No future per id (a page of rows names hundreds); what is found is primed into
        the node loader, so later loads in the request reuse it.
        """
        wanted = list(dict.fromkeys(node_ids))
        found = await bounded(self.store, lambda: self.store.get_many(wanted))
        self.nodes.prime_many(found)
        return found

    async def many(self, node_ids: Sequence[str]) -> list[Node]:
        """Existing nodes among ``node_ids``, in order."""
        found = await self.nodes.load_many(list(node_ids))
        return [node for node in found if node is not None]

    async def rels(
        self, node_id: str, types: Sequence[str] = (), direction: Direction = "both",
        limit: int | None = None,
    ) -> list[Relationship]:
        """Relationships of one node, sorted by id, at most ``limit`` (batched)."""
        return await self.relationships.load(RelKey(node_id, tuple(types), direction, limit))

    async def rels_many(
        self, node_ids: Sequence[str], types: Sequence[str] = (), direction: Direction = "both"
    ) -> list[Relationship]:
        """Relationships of many nodes in one batch, without repeats, sorted by id."""
        keys = [RelKey(node_id, tuple(types), direction) for node_id in dict.fromkeys(node_ids)]
        found = {r.id: r for group in await self.relationships.load_many(keys) for r in group}
        return [found[k] for k in sorted(found)]

    async def neighbours(
        self, node_id: str, types: Sequence[str], direction: Direction, label: str | None = None
    ) -> list[Node]:
        """Nodes at the other end of some relationships, in relationship order, no repeats."""
        rels = await self.rels(node_id, types, direction)
        other_ids = list(dict.fromkeys(r.other(node_id) for r in rels))
        nodes = await self.many(other_ids)
        return [n for n in nodes if label is None or n.label == label]
