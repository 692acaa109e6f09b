"""Property-based tests: cursors, paging and arbitrary input never break the API."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcegraph.api.errors import ApiError
from enforcegraph.api.pagination import decode_cursor, encode_cursor

SHARED_SERVER = settings(  # one read-only server per test, shared by its examples
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@given(st.integers(min_value=0, max_value=10**9))
def test_cursor_round_trip(offset: int) -> None:
    assert decode_cursor(encode_cursor(offset)) == offset + 1


@given(st.text(max_size=40))
def test_garbled_cursors_are_bad_user_input(text: str) -> None:
    try:
        offset = decode_cursor(text)
    except ApiError as exc:
        assert exc.code == "BAD_USER_INPUT"
    else:
        assert offset >= 0


@settings(SHARED_SERVER, max_examples=6)
@given(size=st.integers(min_value=1, max_value=5),
       field=st.sampled_from(["ID", "DATE", "REF", "KIND"]),
       direction=st.sampled_from(["ASC", "DESC"]))
def test_paging_visits_every_item_once_in_order(
    embedded_api: Any, size: int, field: str, direction: str
) -> None:
    query = """query($first: Int, $after: String, $order: DecisionOrder) {
      decisions(first: $first, after: $after, orderBy: $order) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id } } }"""
    order = {"field": field, "direction": direction}
    whole = embedded_api.query(query, {"first": 100, "order": order})["decisions"]
    seen: list[str] = []
    after = None
    while True:
        page = embedded_api.query(query, {"first": size, "after": after, "order": order})["decisions"]
        assert page["totalCount"] == whole["totalCount"]
        assert len(page["nodes"]) <= size
        seen += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [n["id"] for n in whole["nodes"]]


@SHARED_SERVER
@given(st.text(max_size=300))
def test_arbitrary_documents_never_cause_a_server_error(embedded_api: Any, document: str) -> None:
    response = embedded_api.post({"query": document})
    assert response.status_code < 500, response.text
    body = response.json()
    for error in body.get("errors") or []:
        assert error["extensions"]["code"] in {"BAD_USER_INPUT", "LIMIT_EXCEEDED", "NOT_FOUND"}


@SHARED_SERVER
@given(text=st.text(max_size=30), first=st.integers(min_value=-5, max_value=600))
def test_search_never_fails_unexpectedly(embedded_api: Any, text: str, first: int) -> None:
    response = embedded_api.post({"query": "query($t: String!, $n: Int) { search(text: $t, first: $n) "
                                  "{ totalCount nodes { id label } } }", "variables": {"t": text, "n": first}})
    assert response.status_code == 200
    errors = response.json().get("errors") or []
    if first < 0:
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    elif first > 500:
        assert errors[0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    else:
        assert errors == []

