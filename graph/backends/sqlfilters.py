"""The SQL condition of one store filter (``PropertyFilter``), said once for the embedded
store's rows (graph/backends/embedded.py) and for the counts it keeps by property value
(graph/backends/sqlpropcounts.py): the same condition on the same values gives the same
answer whether it reads a node's JSON or a kept value.
"""

from __future__ import annotations

from typing import Any

from enforcegraph.graph.store.base import PropertyFilter

__all__ = ["condition"]


def condition(column: str, flt: PropertyFilter, list_sql: str | None = None) -> tuple[str, list[Any]]:
    """SQL and parameters for ``flt`` on ``column`` (an expression of the value);
    ``list_sql``: for a list property, the table-valued expression of its items
    (``json_each(props, '$.aliases')``), whose ``eq`` and ``contains`` ask for one item."""
    if list_sql is not None and flt.op in ("eq", "contains"):
        return f"EXISTS (SELECT 1 FROM {list_sql} WHERE value = ?)", [flt.value]
    if flt.op == "eq":
        return f"{column} = ?", [flt.value]
    if flt.op == "ne":
        return f"({column} IS NULL OR {column} != ?)", [flt.value]
    if flt.op == "in":
        values = list(flt.value)
        return (f"{column} IN ({','.join('?' * len(values))})" if values else "0"), values
    if flt.op == "contains":
        return f"instr(lower({column}), lower(?)) > 0", [str(flt.value)]
    if flt.op in ("gte", "lte"):
        return f"{column} {'>=' if flt.op == 'gte' else '<='} ?", [flt.value]
    if flt.op == "exists":
        return f"({column} IS NOT NULL) = ?", [1 if flt.value in (None, True) else 0]
    raise ValueError(f"no such filter operation: {flt.op!r}")
