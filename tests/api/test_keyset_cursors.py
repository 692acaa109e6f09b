"""Keyset cursors over GraphQL, on both backends: the same pages as offset cursors.

A connection's ``endCursor`` carries its item's sort key, and the next page seeks to it;
paging through a whole list with those cursors gives the nodes, ``hasNextPage``,
``hasPreviousPage`` and ``totalCount`` of offset cursors (an older client's), and the two
kinds mix. A garbled cursor, or one of another list or order, is BAD_USER_INPUT naming
``after``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from enforcegraph.api.pagination import encode_cursor

HEADLINE = """query($after: String, $first: Int) {
  page: sanctionsWithoutEuEstablishment(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { sanction { id } firm { id } decision { date } } } } }"""
UNKNOWN = HEADLINE.replace("sanctionsWithoutEuEstablishment", "sanctionsWithUnknownEstablishment")
DECISIONS = """query($after: String, $first: Int) {
  page: decisions(first: $first, after: $after, orderBy: {field: DATE, direction: DESC}) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id } } } }"""
COMPANIES = DECISIONS.replace("decisions", "companies").replace(
    "orderBy: {field: DATE, direction: DESC}", "")
QUERIES = {"headline": HEADLINE, "unknown": UNKNOWN, "decisions": DECISIONS, "companies": COMPANIES}


def _text(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor.encode()).decode()


def _walk(api: Any, query: str, size: int, keyset: bool, start: str | None = None) -> list[Any]:
    """Every page of a connection: from each page's endCursor (``keyset``) or from the
    offset cursor of the same place (what an older client holds)."""
    pages, after = [], start
    while True:
        page = api.query(query, {"first": size, "after": after})["page"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        end = page["pageInfo"]["endCursor"]
        after = end if keyset else encode_cursor(json.loads(_text(end)[5:])[0]
                                                 if _text(end).startswith("seek:")
                                                 else int(_text(end)[7:]))


def _shape(pages: list[Any]) -> list[Any]:
    """What a client sees of the pages, without the cursors."""
    return [(p["totalCount"], p["pageInfo"]["hasNextPage"], p["pageInfo"]["hasPreviousPage"],
             [e["node"] for e in p["edges"]]) for p in pages]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_keyset_pages_equal_offset_pages(full_api: Any, name: str) -> None:
    query = QUERIES[name]
    whole = api_all(full_api, query)
    size = 1 if name == "unknown" else 4
    keyset = _walk(full_api, query, size, keyset=True)
    offsets = _walk(full_api, query, size, keyset=False)
    assert _shape(keyset) == _shape(offsets)
    assert [n for p in keyset for n in (e["node"] for e in p["edges"])] == whole
    assert len(keyset) >= 2
    cursors = [e["cursor"] for p in keyset for e in p["edges"]]
    assert all(_text(c).startswith("seek:") for c in cursors), cursors[:2]  # the keys travel


def api_all(api: Any, query: str) -> list[Any]:
    page = api.query(query, {"first": 500})["page"]
    assert not page["pageInfo"]["hasNextPage"]
    return [e["node"] for e in page["edges"]]


@pytest.mark.parametrize("name", ["headline", "companies"])
def test_offset_and_keyset_cursors_mix(full_api: Any, name: str) -> None:
    query = QUERIES[name]
    whole = api_all(full_api, query)
    first = full_api.query(query, {"first": 3})["page"]
    by_offset = full_api.query(query, {"first": 3, "after": encode_cursor(2)})["page"]
    assert [e["node"] for e in by_offset["edges"]] == whole[3:6]
    then = full_api.query(query, {"first": 3, "after": by_offset["pageInfo"]["endCursor"]})["page"]
    assert [e["node"] for e in then["edges"]] == whole[6:9]
    assert then["pageInfo"]["hasPreviousPage"] and first["totalCount"] == then["totalCount"]
    rest = _walk(full_api, query, 5, keyset=True, start=first["edges"][-1]["cursor"])
    assert [e["node"] for p in rest for e in p["edges"]] == whole[3:]


def _error(api: Any, query: str, after: str) -> dict[str, Any]:
    response = api.post({"query": query, "variables": {"first": 2, "after": after}})
    assert response.status_code < 500, response.text
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", errors
    return dict(errors[0])


def _seek(offset: int, scope: str, key: list[Any]) -> str:
    return base64.urlsafe_b64encode(f"seek:{json.dumps([offset, scope, key])}".encode()).decode()


def test_garbled_and_foreign_cursors_are_bad_user_input(full_api: Any) -> None:
    headline_cursor = full_api.query(HEADLINE, {"first": 1})["page"]["pageInfo"]["endCursor"]
    company_cursor = full_api.query(COMPANIES, {"first": 1})["page"]["pageInfo"]["endCursor"]
    foreign = [(COMPANIES, headline_cursor), (HEADLINE, company_cursor), (UNKNOWN, headline_cursor),
               (DECISIONS, company_cursor)]  # another list, another order
    for query, cursor in foreign:
        message = _error(full_api, query, cursor)["message"]
        assert message.startswith("after:") and "another list" in message, message
    garbled = ["@@@", base64.urlsafe_b64encode(b"seek:[1,").decode(), _seek(-1, "Company:id:asc", ["a", "b"]),
               _seek(1, "Company:id:asc", [{"x": 1}, "b"])]
    for cursor in garbled:
        assert _error(full_api, COMPANIES, cursor)["message"].startswith("after:")
    # the right list, a key of the wrong shape: the store refuses it
    for query, scope, key in [(COMPANIES, "Company:id:asc", ["a"]),
                              (COMPANIES, "Company:id:asc", [None, 3]),
                              (HEADLINE, "sanctionsWithoutEuEstablishment", ["2020", 1])]:
        message = _error(full_api, query, _seek(3, scope, key))["message"]
        assert message.startswith("after:") and "not a position" in message, message
