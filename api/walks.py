"""Bounded walks over the store contract, level by level: neighbourhoods and shortest paths.

Each level is one ``relationships_of`` call for the whole frontier (never one per node and
never the whole graph in NetworkX); a cap on visited nodes keeps every walk bounded. A
neighbourhood asks the store for each node's first ``limit_per_node`` + 1 relationships
only (the store reads no more: a regulator's thousands of decisions are never read), the
one past the limit telling that the answer is truncated.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from enforcegraph.api.errors import LIMIT_EXCEEDED, NOT_FOUND, ApiError
from enforcegraph.graph.store.base import GraphStore, Node, Relationship

__all__ = ["MAX_VISITED", "Subgraph", "neighbourhood", "shortest_path", "shortest_paths"]

MAX_VISITED = 5000


@dataclass
class Subgraph:
    """Nodes and the relationships between them (a path keeps them in walk order)."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    truncated: bool = False


def _require(store: GraphStore, node_id: str) -> Node:
    node = store.get(node_id)
    if node is None:
        raise ApiError(NOT_FOUND, f"no node with id {node_id!r}")
    return node


def neighbourhood(
    store: GraphStore,
    node_id: str,
    depth: int,
    limit_per_node: int,
    types: Sequence[str] | None = None,
    max_nodes: int = MAX_VISITED,
) -> Subgraph:
    """Nodes within ``depth`` hops of a node (either direction): from each node its first
    ``limit_per_node`` relationships by id (those to a node past ``max_nodes`` left
    out), with every relationship walked; ``truncated`` when a limit left one out."""
    _require(store, node_id)
    seen: dict[str, int] = {node_id: 0}
    kept: dict[str, Relationship] = {}
    frontier = [node_id]
    truncated = False
    for level in range(1, depth + 1):
        if not frontier:
            break
        rels = store.relationships_of(frontier, list(types) if types else None, "both",
                                      limit=limit_per_node + 1)
        current = set(frontier)
        per_node: dict[str, int] = {}
        next_frontier: list[str] = []
        for rel in rels:
            for here in (rel.start, rel.end):
                if here not in current or seen.get(here) != level - 1:
                    continue
                if per_node.get(here, 0) >= limit_per_node:
                    truncated = True
                    continue
                per_node[here] = per_node.get(here, 0) + 1  # one of its first, followed or not
                other = rel.other(here)
                if other not in seen and len(seen) >= max_nodes:
                    truncated = True
                    continue
                kept[rel.id] = rel
                if other not in seen:
                    seen[other] = level
                    next_frontier.append(other)
        frontier = next_frontier
    nodes = store.get_many(seen)
    return Subgraph(
        nodes=[nodes[i] for i in seen if i in nodes],
        relationships=[kept[k] for k in sorted(kept)],
        truncated=truncated,
    )


def shortest_path(
    store: GraphStore,
    start: str,
    end: str,
    max_hops: int,
    types: Sequence[str] | None = None,
    max_nodes: int = MAX_VISITED,
    avoid_labels: Collection[str] = (),
    exclude: Collection[str] = (),
) -> Subgraph | None:
    """One shortest path (either direction along relationships), or None within max_hops;
    it never passes through a node of ``avoid_labels`` or in ``exclude`` (the ends may)."""
    _require(store, start)
    _require(store, end)
    if start == end:
        return Subgraph(nodes=list(store.get_many([start]).values()))
    parent: dict[str, Relationship | None] = {start: None}
    barred: set[str] = set(exclude) - {start, end}
    frontier = [start]
    for _ in range(max_hops):
        if not frontier:
            return None
        rels = store.relationships_of(frontier, list(types) if types else None, "both")
        if avoid_labels:
            fresh = {rel.other(h) for rel in rels for h in (rel.start, rel.end)} - set(parent)
            labels = store.lookup_labels(fresh - barred - {end})
            barred |= {i for i, label in labels.items() if label in avoid_labels}
        current = set(frontier)
        next_frontier: list[str] = []
        for rel in rels:
            for here in (rel.start, rel.end):
                other = rel.other(here)
                if here not in current or other in parent or other in barred:
                    continue
                if len(parent) >= max_nodes:
                    raise ApiError(
                        LIMIT_EXCEEDED, f"path search visited {max_nodes} nodes; narrow it"
                    )
                parent[other] = rel
                next_frontier.append(other)
        if end in parent:
            return _trace(store, parent, end)
        frontier = next_frontier
    return None


def shortest_paths(
    store: GraphStore,
    start: str,
    end: str,
    max_hops: int,
    types: Sequence[str] | None = None,
    avoid_labels: Collection[str] = (),
    k: int = 1,
    max_nodes: int = MAX_VISITED,
) -> list[Subgraph]:
    """Up to ``k`` shortest paths, shortest first: each one avoids the inner nodes of the
    paths before it (alternative routes, not detours through the same nodes), and every
    one avoids nodes of ``avoid_labels``. At most ``k`` bounded walks."""
    found: list[Subgraph] = []
    used: set[str] = set()
    for _ in range(k):
        path = shortest_path(store, start, end, max_hops, types, max_nodes, avoid_labels, used)
        if path is None or (found and len(path.nodes) <= 2 and len(found[0].nodes) <= 2):
            break  # no other route (a direct link has no inner node to avoid)
        found.append(path)
        used |= {n.id for n in path.nodes[1:-1]}
    return found


def _trace(store: GraphStore, parent: dict[str, Relationship | None], end: str) -> Subgraph:
    ids, rels = [end], []
    while (rel := parent[ids[-1]]) is not None:
        rels.append(rel)
        ids.append(rel.other(ids[-1]))
    ids.reverse()
    rels.reverse()
    nodes = store.get_many(ids)
    return Subgraph(nodes=[nodes[i] for i in ids if i in nodes], relationships=rels)
