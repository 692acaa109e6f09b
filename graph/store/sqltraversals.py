"""Traversals of the embedded store that page through SQL instead of reading everything."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

from enforcegraph.graph.traversals import Row, SanctionFilter, Traversals, sanction_row_order

if TYPE_CHECKING:
    from enforcegraph.graph.store.embedded import EmbeddedStore

__all__ = ["EmbeddedTraversals"]

_DATE = "json_extract(props, '$.date')"
_MAX_CHUNK = 20_000


class EmbeddedTraversals(Traversals):
    """The catalogue on SQLite: the headline query walks decisions in date order.

    A first page needs only the decisions up to the page's last date, read through the
    ``nodes_date`` index in growing chunks of whole date groups, so its cost follows the
    page size, not the size of the graph. Rows are the generic ones, in the same order.
    """

    store: EmbeddedStore

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store)
        self.store = store

    def sanctions_without_eu_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Row]:
        flt = flt or SanctionFilter()
        if limit is None:
            return super().sanctions_without_eu_establishment(flt, None, offset)
        wanted = offset + limit
        rows: list[Row] = []
        seen = 0
        chunks = self._decision_chunks(max(wanted + wanted // 2, 20))
        size = 0
        while len(rows) < wanted:
            try:
                chunk = chunks.send(size) if seen else next(chunks)
            except StopIteration:
                break
            seen += len(chunk)
            imposes = self.store.relationships_of(chunk, ["IMPOSES"], "out")
            rows += self.sanction_rows(imposes, flt)
            rate = max(len(rows) / seen, 0.02)
            size = min(_MAX_CHUNK, max(20, int((wanted - len(rows)) / rate * 1.3)))
        chunks.close()
        rows.sort(key=sanction_row_order)
        return rows[offset:wanted]

    def _decision_chunks(self, first_size: int) -> Generator[list[str], int, None]:
        """Decision ids in (date, id) order, in chunks (of the size sent) that never split
        a date; undated decisions come last."""
        size, last_date, last_id = first_size, "", ""
        while True:
            rows = self.store._query(
                f"SELECT id, {_DATE} FROM nodes WHERE label = 'Decision' "
                f"AND {_DATE} IS NOT NULL AND ({_DATE} > ? OR ({_DATE} = ? AND id > ?)) "
                f"ORDER BY {_DATE}, id LIMIT ?",
                [last_date, last_date, last_id, size],
            )
            if not rows:
                break
            chunk = [str(r[0]) for r in rows]
            last_date = str(rows[-1][1])
            ties = self.store._query(
                f"SELECT id FROM nodes WHERE label = 'Decision' AND {_DATE} = ? AND id > ? ORDER BY id",
                [last_date, chunk[-1]],
            )
            chunk += [str(r[0]) for r in ties]
            last_id = chunk[-1]
            size = (yield chunk) or size
        after = ""
        while True:
            undated = self.store._query(
                f"SELECT id FROM nodes WHERE label = 'Decision' AND {_DATE} IS NULL AND id > ? "
                "ORDER BY id LIMIT ?",
                [after, size],
            )
            if not undated:
                return
            after = str(undated[-1][0])
            size = (yield [str(r[0]) for r in undated]) or size
