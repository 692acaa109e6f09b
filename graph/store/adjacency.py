"""The entity network as a compact numeric adjacency (SciPy CSR), for PageRank and components.

It is ``simple_undirected(entity_view(graph))`` in numbers: Source nodes left out,
direction dropped, self-loops dropped, and the weight of a pair the number of
relationships between the two nodes. Stores keep it (``GraphStore.adjacency()``), so an
analysis runs on arrays instead of converting the NetworkX graph on every call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["SOURCE_LABEL", "Adjacency", "build_adjacency"]

SOURCE_LABEL = "Source"
_PAIR = np.dtype((np.int64, 2))


@dataclass(frozen=True, eq=False)
class Adjacency:
    """The undirected, weighted entity network of a graph.

    Attributes
    ----------
    ids : tuple of str
        Node ids of every entity (every node but Sources), sorted by code point, as
        SQLite's ``ORDER BY id`` sorts them; node ``i`` is row and column ``i``.
    labels : tuple of str
        The label of each node, in the same order (``""`` where a node has none).
    matrix : scipy.sparse.csr_array
        Symmetric, float64, canonical CSR (sorted indices, no duplicates, 32-bit indices
        where they fit, read-only):
        ``matrix[i, j]`` counts the relationships between ``i`` and ``j`` in either
        direction; the diagonal is empty.
    relationships : int
        How many relationships it counts (those between two distinct entities).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("source:s", label="Source")
    >>> for a, b in [("b", "a"), ("a", "b"), ("b", "c"), ("c", "c"), ("c", "source:s")]:
    ...     _ = g.add_edge(a, b)
    >>> adj = Adjacency.from_networkx(g)
    >>> adj.ids, adj.relationships
    (('a', 'b', 'c'), 3)
    >>> adj.matrix.toarray().tolist()
    [[0.0, 2.0, 0.0], [2.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    matrix: Any
    relationships: int

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph) -> Adjacency:
        """The adjacency of a graph as ``GraphStore.to_networkx()`` returns it."""
        return build_adjacency(graph.nodes(data="label"), graph.edges())


def build_adjacency(
    nodes: Iterable[tuple[str, Any]], ends: Iterable[tuple[str, str]]
) -> Adjacency:
    """The adjacency from ``(id, label)`` of every node and ``(start, end)`` of every relationship.

    Both may come in any order and straight from a database cursor; relationships that
    touch a Source node, a missing node or only one node (self-loops) are not counted.

    Examples
    --------
    >>> adj = build_adjacency(
    ...     [("x", "Company"), ("a", "Regulator"), ("s", "Source")],
    ...     [("a", "x"), ("x", "a"), ("a", "s"), ("a", "gone")])
    >>> adj.ids, adj.labels, adj.relationships, adj.matrix.nnz
    (('a', 'x'), ('Regulator', 'Company'), 2, 2)
    """
    kept = sorted((node_id, label) for node_id, label in nodes if label != SOURCE_LABEL)
    ids = tuple(node_id for node_id, _ in kept)
    labels = tuple("" if label is None else str(label) for _, label in kept)
    get = dict(zip(ids, range(len(ids)), strict=True)).get
    pairs: Any = np.fromiter(((get(a, -1), get(b, -1)) for a, b in ends), dtype=_PAIR).reshape(-1, 2)
    start, end = pairs[:, 0], pairs[:, 1]
    keep = (start >= 0) & (end >= 0) & (start != end)
    size = len(ids)
    # 32-bit indices where they fit: what scipy.sparse.csgraph works on, without a copy
    index = np.int32 if max(size, 2 * int(keep.sum())) < np.iinfo(np.int32).max else np.int64
    start, end = start[keep].astype(index), end[keep].astype(index)
    ones = np.ones(2 * len(start))
    coo = sp.coo_array((ones, (np.concatenate([start, end]), np.concatenate([end, start]))),
                       shape=(size, size))
    matrix = coo.tocsr()  # sums the duplicates: the weight of a pair
    matrix.sum_duplicates()
    for array in (matrix.data, matrix.indices, matrix.indptr):
        array.flags.writeable = False
    return Adjacency(ids, labels, matrix, len(start))
