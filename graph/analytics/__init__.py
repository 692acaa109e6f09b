"""NetworkX analytics over the store's graph: one family per module, one function per analysis.

Every analysis takes the graph (``store.to_networkx()``) and returns JSON-ready rows;
:func:`analyze` runs one by name on a store, resolving entity names to ids first. PageRank
and components also take the store's numeric adjacency (``store.adjacency()``, see
:mod:`~enforcegraph.graph.store.adjacency`), which :func:`analyze` passes them.

>>> sorted(ANALYSES)[:3]
['centrality', 'co-enforcement', 'communities']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from enforcegraph.graph.analytics.centrality import centrality
from enforcegraph.graph.analytics.communities import communities, components
from enforcegraph.graph.analytics.facts import Row
from enforcegraph.graph.analytics.fines import fine_rows, totals
from enforcegraph.graph.analytics.offenders import cross_border, repeat_offenders
from enforcegraph.graph.analytics.paths import ego, ego_subgraph, shortest_path
from enforcegraph.graph.analytics.projections import co_enforcement, co_enforcement_graph
from enforcegraph.graph.analytics.statutory import statutory_maximum
from enforcegraph.schema.errors import NotFound

if TYPE_CHECKING:
    from enforcegraph.graph.store.base import GraphStore

__all__ = [
    "ANALYSES",
    "Analysis",
    "Row",
    "analyze",
    "centrality",
    "co_enforcement",
    "co_enforcement_graph",
    "communities",
    "components",
    "cross_border",
    "ego",
    "ego_subgraph",
    "fine_rows",
    "graph_of",
    "repeat_offenders",
    "shortest_path",
    "statutory_maximum",
    "totals",
]


@dataclass(frozen=True)
class Analysis:
    """A named analysis: what it answers, its entity arguments and its options."""

    name: str
    description: str
    function: Callable[..., list[Row]]
    arguments: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    numeric: bool = False  # takes ``adjacency=store.adjacency()``


ANALYSES: dict[str, Analysis] = {
    a.name: a
    for a in (
        Analysis("centrality", "Degree, PageRank and betweenness, ranked per label.",
                 centrality, (), ("labels", "by", "top", "k", "seed"), numeric=True),
        Analysis("communities", "Louvain communities (fixed seed).", communities, (),
                 ("seed", "resolution", "min_size")),
        Analysis("components", "Weakly connected components.", components, (), ("min_size",),
                 numeric=True),
        Analysis("co-enforcement", "Firms sharing a regulator or article; regulators sharing "
                 "a target.", co_enforcement, (), ("via", "min_weight")),
        Analysis("path", "A shortest path between two entities, relationship by relationship.",
                 shortest_path, ("source", "target")),
        Analysis("ego", "The nodes within DEPTH relationships of an entity.", ego, ("center",),
                 ("depth",)),
        Analysis("cross-border", "Firms acted against by regulators of two or more countries.",
                 cross_border),
        Analysis("repeat-offenders", "Firms with several decisions against them.",
                 repeat_offenders, (), ("min_decisions", "min_countries")),
        Analysis("totals", "Count and EUR total of fines by regulator, country, article or year.",
                 totals, (), ("by", "kinds")),
        Analysis("fines", "Every fine with its EUR conversion (ECB reference rates).",
                 fine_rows, (), ("kinds",)),
        Analysis("statutory-maximum", "Each GDPR fine against its Art. 83 ceiling.",
                 statutory_maximum),
    )
}


def graph_of(store: GraphStore) -> nx.MultiDiGraph:
    """The store's graph for reading (the embedded store's cached view, else a fresh copy)."""
    view = getattr(store, "view", None)
    if callable(view):
        graph: nx.MultiDiGraph = view()
        return graph
    return store.to_networkx()


def analyze(store: GraphStore, name: str, *arguments: str, **options: Any) -> list[Row]:
    """Run the analysis ``name`` on a store; entity arguments may be ids or names."""
    from enforcegraph.graph.domain.traversals import resolve_entity

    if name not in ANALYSES:
        raise NotFound(f"no analysis {name!r} (known: {', '.join(ANALYSES)})")
    analysis = ANALYSES[name]
    if len(arguments) != len(analysis.arguments):
        wanted = " ".join(a.upper() for a in analysis.arguments) or "no arguments"
        raise NotFound(f"{name} takes {wanted}")
    ids = [resolve_entity(store, text, ()).id for text in arguments]
    unknown = set(options) - set(analysis.options)
    if unknown:
        raise NotFound(f"{name} has no option {', '.join(sorted(unknown))}")
    given = {k: v for k, v in options.items() if v is not None}
    graph = graph_of(store)
    if analysis.numeric:
        given["adjacency"] = store.adjacency(graph)
    return analysis.function(graph, *ids, **given)
