"""The pages of a question in its own order, unfiltered, before its whole answer is kept:
from the traversal's own pushed-down page and the counts the backend keeps.

For a traversal that pages itself (the headline questions: ``CATALOGUE`` entries with
options), a page is the traversal's page (``limit``, ``offset``: on the embedded store one
range of the kept rows), flattened as the whole answer's rows are, so rows, cells and order
are the whole answer's; the total is the traversal's count; the columns are read, as the
whole answer's are, from its first :data:`COLUMN_ROWS` rows (read once per data
generation). The facets are those the backend keeps (:meth:`Traversals.kept_facets`:
regulator, jurisdiction, year); the rest (kind, currency, the amount range) need every row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from enforcegraph.api.table_rows import Flat, flatten
from enforcegraph.graph.domain.traversals import CATALOGUE, Traversals
from enforcegraph.graph.store.base import GraphStore

__all__ = ["COLUMN_ROWS", "Head", "head", "pages_itself", "rows"]

COLUMN_ROWS = 500  # the rows the whole answer's columns are read from (tables._columns)


def pages_itself(traversal: str) -> bool:
    """Whether a traversal answers a page (filter, limit, offset) of its own."""
    entry = CATALOGUE.get(traversal)
    return entry is not None and bool(entry.options)


def _method(traversals: Traversals, traversal: str, prefix: str = "") -> Callable[..., Any]:
    return cast(Callable[..., Any], getattr(traversals, prefix + traversal.replace("-", "_")))


def rows(store: GraphStore, traversal: str, first: int, offset: int) -> list[Flat]:
    """A page of the traversal's rows in its order, flattened."""
    found = _method(store.traversals(), traversal)(None, first, offset)
    return [flatten(row) for row in found]


@dataclass(frozen=True)
class Head:
    """What the first pages share: the total, the first rows, the kept facets' counts
    (None: the backend keeps none) and the regulators' names."""

    total: int
    first: list[Flat]
    counts: dict[str, Counter[str]] | None
    labels: dict[str, str]


def head(store: GraphStore, traversal: str, whole_at_once: int) -> Head | None:
    """The total, first rows and kept facets of a traversal's unfiltered answer; None when
    it has at most ``whole_at_once`` rows (computing them all costs about as little)."""
    traversals = store.traversals()
    total = int(_method(traversals, traversal, "count_")(None))
    if total <= whole_at_once:
        return None
    first = rows(store, traversal, COLUMN_ROWS, 0)
    kept = traversals.kept_facets(traversal)
    counts = None if kept is None else {facet: Counter(values) for facet, values in kept.items()}
    labels: dict[str, str] = {}
    if counts is not None and counts.get("regulator"):
        regulators = store.get_many(sorted(counts["regulator"]))
        labels = {i: str(node.get("name") or i) for i, node in regulators.items()}
    return Head(total, first, counts, labels)
