"""Which part of the graph to export: all of it, an ego network, a traversal's result or a
filtered view. Every selection keeps the Source nodes its items cite (provenance)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from enforcegraph.graph.analytics import ego_subgraph, graph_of
from enforcegraph.graph.domain.traversals import resolve_entity
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.ids import ID_PATTERN

__all__ = ["connected", "ego_selection", "filtered_selection", "ids_in", "traversal_selection", "whole_graph",
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


def ego_selection(store: GraphStore, entity: str, depth: int = 1) -> nx.MultiDiGraph:
    """The ego network of an entity (id or name) with the sources it cites."""
    full = graph_of(store)
    center = resolve_entity(store, entity, ()).id
    return with_sources(ego_subgraph(full, center, depth), full)


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
