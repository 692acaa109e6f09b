"""Which part of the graph to export: all of it, an ego network, a traversal's result or a
filtered view. Every selection keeps the Source nodes its items cite (provenance)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from enforcegraph.graph.analytics import ego_subgraph, graph_of
from enforcegraph.graph.domain.traversals import resolve_entity
from enforcegraph.graph.store.base import GraphStore, Relationship
from enforcegraph.schema.errors import NotFound
from enforcegraph.schema.ids import ID_PATTERN

__all__ = ["SelectionTooLarge", "connected", "ego_selection", "filtered_selection", "ids_in", "traversal_selection", "whole_graph",
           "with_sources"]


def with_sources(sub: nx.MultiDiGraph, full: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``sub`` plus the Source nodes that its nodes and edges cite (taken from ``full``)."""
    cited = {s for _, attrs in sub.nodes(data=True) for s in attrs.get("sources") or []}
    cited |= {s for _, _, attrs in sub.edges(data=True) for s in attrs.get("sources") or []}
    out: nx.MultiDiGraph = sub.copy()
    for source in sorted(cited):
        if source in full and source not in out:
            out.add_node(source, **full.nodes[source])
    return out


def whole_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Everything."""
    return graph_of(store)


class SelectionTooLarge(ValueError):
    """An ego selection past the caller's bound on its nodes (found before it is read)."""


def ego_selection(store: GraphStore, entity: str, depth: int = 1,
                  most_nodes: int | None = None) -> nx.MultiDiGraph:
    """The ego network of an entity (id or name) with the sources it cites.

    Read from the store level by level (never the whole graph: one export of a firm
    at 100k firms built all 286k nodes' view first, again after every write): the nodes
    within ``depth`` (Source nodes not walked through), every relationship among them,
    in the whole graph's order, so the answer is ``ego_subgraph`` of the whole graph's.
    ``most_nodes``: SelectionTooLarge as soon as a level reaches more nodes (sources
    included), before they are read.
    """
    center = resolve_entity(store, entity, ()).id
    ball = _ball(store, center, depth, most_nodes)
    cited = {s for _, attrs in ball.nodes(data=True) for s in attrs.get("sources") or []}
    cited |= {s for _, _, attrs in ball.edges(data=True) for s in attrs.get("sources") or []}
    sources = nx.MultiDiGraph()
    for node in sorted(store.get_many(cited).values(), key=lambda n: n.id):
        sources.add_node(node.id, label=node.label, **node.properties)
    return with_sources(ego_subgraph(ball, center, depth), sources)


def _ball(store: GraphStore, center: str, depth: int, most: int | None = None) -> nx.MultiDiGraph:
    """The nodes within ``depth`` relationships of ``center`` through nodes that are not
    Sources, and every relationship among them, added in id order (as ``to_networkx``)."""
    labels = store.lookup_labels([center])
    if labels.get(center, "Source") == "Source":
        raise NotFound(f"no node {center!r} in the graph")
    reached, frontier = {center}, [center]
    for _ in range(depth):
        fresh = _next_level(store, frontier, reached, most)
        if fresh is None:  # before reading them
            raise SelectionTooLarge(f"the export of {center!r} at depth {depth} holds more than "
                                    f"{most:,} nodes")
        labels.update(store.lookup_labels(fresh))
        frontier = sorted(i for i in fresh if labels.get(i, "Source") != "Source")
        reached.update(frontier)
    nodes = store.get_many(reached)
    ball = nx.MultiDiGraph()
    for node_id in sorted(nodes):
        ball.add_node(node_id, label=nodes[node_id].label, **nodes[node_id].properties)
    for rel in store.relationships_among(nodes):  # a hub's other relationships are not read
        ball.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, **rel.properties)
    return ball


def _next_level(store: GraphStore, frontier: list[str], reached: set[str],
                most: int | None) -> set[str] | None:
    """The ids one relationship away from ``frontier`` not yet ``reached``; None when
    ``reached`` and they would hold more than ``most``.

    Bounded, each node's first ``room + 1`` relationships are read first: a hub is refused
    from those (a big regulator's 38,000 are never read). A node whose first ones reach
    too few new ids (they lead back to reached nodes, or to one node many times) is read
    further, four times as many each time, until it is read whole or the level is refused.
    """
    here = set(frontier)

    def fresh_of(rels: Iterable[Relationship]) -> set[str]:
        return {r.other(h) for r in rels for h in (r.start, r.end) if h in here} - reached

    if most is None:
        return fresh_of(store.relationships_of(frontier))
    room = most - len(reached)
    fresh: set[str] = set()
    undecided, limit = frontier, max(1, room + 1)
    while undecided:
        rels = store.relationships_of(undecided, limit=limit)
        fresh |= fresh_of(rels)
        if len(fresh) > room:
            return None
        read = Counter(end for r in rels for end in {r.start, r.end} if end in here)
        undecided = [node for node in undecided if read[node] >= limit]  # more may follow
        limit *= 4
    return fresh


def ids_in(rows: Any) -> set[str]:
    """Every node id mentioned anywhere in traversal or analysis rows.

    >>> sorted(ids_in([{"firm": {"id": "company:x"}, "articles": ["article:gdpr-5"], "n": 3}]))
    ['article:gdpr-5', 'company:x']
    """
    found: set[str] = set()
    stack = [rows]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, str) and ID_PATTERN.match(value):
            found.add(value)
    return found


def traversal_selection(store: GraphStore, name: str, argument: str | None = None,
                        **options: Any) -> nx.MultiDiGraph:
    """The nodes a catalogue traversal returns, the relationships among them, their sources."""
    rows = store.traversals().run(name, argument, **options)
    full = graph_of(store)
    return with_sources(full.subgraph(connected(full, ids_in(rows))).copy(), full)


def connected(graph: nx.MultiDiGraph, ids: set[str]) -> set[str]:
    """``ids`` plus the nodes that link two of them directly (the decisions between a firm
    and a regulator), so a traversal's answer exports as a connected picture.

    >>> g = nx.MultiDiGraph([("regulator:r", "decision:d"), ("decision:d", "company:c")])
    >>> sorted(connected(g, {"regulator:r", "company:c"}))
    ['company:c', 'decision:d', 'regulator:r']
    """
    chosen = ids & set(graph)
    undirected = graph.to_undirected(as_view=True)
    links = {
        other
        for node in chosen
        for other in undirected.neighbors(node)
        if other not in chosen and len(set(undirected.neighbors(other)) & chosen) >= 2
    }
    return chosen | links


def filtered_selection(store: GraphStore, labels: Sequence[str] | None = None,
                       types: Sequence[str] | None = None) -> nx.MultiDiGraph:
    """Only these labels and relationship types (Source nodes always kept)."""
    wanted: Iterable[str] | None = None
    if labels:
        wanted = sorted(set(labels) | {"Source"})
    return store.to_networkx(list(wanted) if wanted else None, list(types) if types else None)
