"""A headline page of the embedded store read by one statement that answers one row.

Python's sqlite3 releases the GIL around every step of a statement (one row each); on a
busy server, with other threads waiting for it, each row hands the GIL over and back.
So a page of the kept rows (any statement giving the keys ``d, s, f, r`` in the page's
order, e.g. graph/backends/sqlcounts.py ``page_sql``), the nodes they name and, when
``details`` asks for them, the decisions' infringed articles and the URLs of the
sanctions' and decisions' sources come back as JSON text in the four columns of one
row: one step, whose SQLite work runs without the GIL, and one ``orjson.loads`` each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from enforcegraph.graph.store.base import Node

if TYPE_CHECKING:
    from enforcegraph.graph.backends.embedded import EmbeddedStore

__all__ = ["Page", "page_statement", "read_page"]

Key = tuple[str, str, str, str]


@dataclass
class Page:
    """What a page's rows are built from: keys (decision, sanction, firm, shown regulator)
    in order, their nodes by id, and (with details) articles by decision, URL by source."""

    keys: list[Key]
    nodes: dict[str, Node]
    articles: dict[str, set[str]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    seeks: list[tuple[str, ...]] = field(default_factory=list)  # each row's further columns


# Each node as the JSON array [id, label, props]: the stored props are JSON text already,
# so they are pasted in rather than parsed and written again by SQLite.
_NODES = """(SELECT '[' || coalesce(group_concat('[' || json_quote(n.id) || ',' || json_quote(n.label)
    || ',' || n.props || ']'), '') || ']'
  FROM (SELECT d AS id FROM pg UNION SELECT s FROM pg UNION SELECT f FROM pg UNION SELECT r FROM pg) w
  CROSS JOIN nodes n ON n.id = w.id)"""
_ARTICLES = """(SELECT json_group_array(json_array(x.start, x."end"))
  FROM (SELECT DISTINCT d FROM pg) w CROSS JOIN rels x ON x.start = w.d AND x.type = 'INFRINGES')"""
_SOURCES = """(SELECT json_group_array(json_array(o.id, json_extract(o.props, '$.url')))
  FROM nodes o WHERE o.id IN (SELECT j.value FROM (SELECT d AS id FROM pg UNION SELECT s FROM pg) w
    CROSS JOIN nodes n ON n.id = w.id, json_each(n.props, '$.sources') j))"""


def page_statement(page: str, details: bool, more: int = 0) -> str:
    """The one-row statement around ``page`` (its parameters are the statement's), whose
    columns are ``d, s, f, r`` and ``more`` others (e.g. each row's seek key): the rows in
    ``page``'s order, the nodes, and with ``details`` the articles and sources (otherwise
    two NULL columns)."""
    columns = ", ".join(["d", "s", "f", "r", *(f"m{i}" for i in range(more))])
    extra = f"{_ARTICLES},\n{_SOURCES}" if details else "NULL, NULL"
    # MATERIALIZED: the page is read once, then each column reads it as a small table in
    # the order it was written (the rows' aggregate keeps the page's ORDER BY: the
    # pushdown tests hold every page to the generic rows)
    return (f"WITH pg({columns}) AS MATERIALIZED ({page})\n"
            f"SELECT (SELECT json_group_array(json_array({columns})) FROM pg),\n"
            f"{_NODES},\n{extra}")


def read_page(store: EmbeddedStore, page: str, params: dict[str, Any], details: bool,
              more: int = 0) -> Page:
    """The page of ``page`` (a statement giving ``d, s, f, r`` and ``more`` columns), in
    one step of SQLite, under the store's query time limit."""
    found = store._query(page_statement(page, details, more), params)  # type: ignore[arg-type]
    rows_json, nodes_json, articles_json, sources_json = found[0]
    rows = orjson.loads(rows_json)
    keys: list[Key] = [(row[0], row[1], row[2], row[3]) for row in rows]
    nodes = {node_id: Node(node_id, label, props)
             for node_id, label, props in orjson.loads(nodes_json)}
    out = Page(keys, nodes)
    if more:
        out.seeks = [tuple(map(str, row[4:])) for row in rows]
    if details:
        for start, end in orjson.loads(articles_json):
            out.articles.setdefault(start, set()).add(end)
        out.urls = {source: str(url) for source, url in orjson.loads(sources_json) if url}
    return out
