"""Indexes on the kept properties' values, and the plan of a filtered page that uses them.

For every label and property whose nodes the embedded store counts by value
(graph/backends/keptnotes.py, :func:`kept_properties`: derived from the model, so adding
a property is still a one-file change) the store keeps a partial expression index
``nodes_kept_<label>_<property>`` on (value, id) over that label's nodes only; ``date``
needs none of its own: the store's ``nodes_date`` on (label, date, id) serves every label.
SQLite keeps them in step with every write; :func:`install` creates the missing ones and
drops those the model no longer asks for when a store is opened for writing.

A page of ``find`` (graph/backends/embedded.py) filtered on such properties is planned
with the kept counts (graph/backends/sqlpropcounts.py), which say exactly how many
nodes each property's conditions select: :func:`choose` walks the index of the property
that reads the fewest rows (sorting them unless an equality already gives the page's id
order), or walks the label in id order skipping what does not match when that reads fewer
(a common value: ``ne``, ``kind = 'company'``, ``date >= '2017-01-01'``). The choice is
handed to SQLite with ``INDEXED BY``, so the page's cost follows its own rows, not the
label's size, whatever SQLite would guess without statistics.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from enforcegraph.graph.backends.keptnotes import kept_properties
from enforcegraph.schema.model import Model

__all__ = ["INDEXED_OPS", "LABEL_INDEX", "PREFIX", "choose", "index_for", "install", "wanted"]

PREFIX = "nodes_kept_"
LABEL_INDEX = "nodes_label"  # (label, id): the label in id order
DATE_INDEX = "nodes_date"  # (label, date, id), every label
INDEXED_OPS = frozenset(("eq", "in", "gte", "lte"))  # what an index range answers


def index_for(label: str, prop: str) -> str:
    """The index on ``label``'s values of ``prop`` (a kept property)."""
    return DATE_INDEX if prop == "date" else f"{PREFIX}{label.lower()}_{prop.lower()}"


def wanted(model: Model) -> dict[str, tuple[str, str]]:
    """Index name -> (label, property): the partial indexes the model asks for."""
    out: dict[str, tuple[str, str]] = {}
    for label, props in kept_properties(model).items():
        for prop in props:
            if prop != "date":
                if not (label.isidentifier() and prop.isidentifier()):
                    raise ValueError(f"not a plain name: {label}.{prop}")
                out[index_for(label, prop)] = (label, prop)
    return out


def install(conn: sqlite3.Connection, model: Model) -> None:
    """Create the indexes the model asks for and drop the kept ones it no longer does (one
    transaction; the first open of a large store for writing builds them: minutes at 1M)."""
    want = wanted(model)
    have = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ?", (PREFIX + "%",))}
    if have == set(want):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in sorted(have - set(want)):
            conn.execute(f'DROP INDEX IF EXISTS "{name}"')
        for name in sorted(set(want) - have):
            label, prop = want[name]
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON nodes("
                         f"json_extract(props, '$.{prop}'), id) WHERE label = '{label}'")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def choose(label: str, selected: Mapping[str, int], ordered: Mapping[str, bool],
           label_total: int, rows_wanted: int | None, by_id: bool,
           present: set[str]) -> str | None:
    """The cheapest way to a page, or None (leave it to SQLite).

    ``selected``: property -> how many of the label's nodes its index range reads (the
    kept count of its indexable conditions); ``ordered``: property -> whether that range
    is already in the page's id order (a single equality); ``rows_wanted``: offset +
    limit (None: every match); ``by_id``: the page is ordered by id; ``present``: the
    indexes the store has. A partial index is usable only where the query names its
    label as a literal (``label = 'Company'``), as the store's queries do.
    """
    costs: dict[str, float] = {}
    for prop, rows in selected.items():
        name = index_for(label, prop)
        if name not in present:
            continue
        reads = min(rows, rows_wanted) if by_id and ordered.get(prop) and rows_wanted is not None \
            else rows
        costs[name] = float(reads)
    if not costs:
        return None
    matches = min(selected.values())  # at most this many nodes match every condition
    if by_id and rows_wanted is not None and LABEL_INDEX in present:
        walk = label_total if matches == 0 else min(label_total, rows_wanted * label_total / matches)
        costs[LABEL_INDEX] = float(walk)
    return min(costs, key=lambda name: (costs[name], name))
