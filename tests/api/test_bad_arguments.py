"""Arguments the API must refuse with a typed error (issue 19, items 9, 10 and 12)."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.api.filters import filter_size
from enforcegraph.graph.domain.traversals import SanctionFilter, resolve_entity
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.schema.errors import EnforcegraphError, NotFound


def _errors(response: Any) -> list[dict[str, Any]]:
    assert response.status_code < 500, response.text
    return list(response.json()["errors"])


@pytest.mark.parametrize("field", ["since", "until"])
@pytest.mark.parametrize("value", ["banana", "2022-13-01", "2022-02-30", "20222", "2022-1"])
def test_headline_dates_must_be_dates(embedded_api: Any, field: str, value: str) -> None:
    query = "query($f: SanctionsFilter) { sanctionsWithoutEuEstablishment(filter: $f) { totalCount } }"
    errors = _errors(embedded_api.post({"query": query, "variables": {"f": {field: value}}}))
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert field in errors[0]["message"] and "not a date" in errors[0]["message"]


@pytest.mark.parametrize("value", ["2022", "2022-10", "2022-10-17"])
def test_partial_dates_are_dates(value: str) -> None:
    assert SanctionFilter(since=value, until=value).since == value


def test_date_filters_of_lists_must_be_dates(embedded_api: Any) -> None:
    query = '{ decisions(filter: {or: [{date: {gte: "2020"}}, {date: {lte: "soon"}}]}) { totalCount } }'
    errors = _errors(embedded_api.post({"query": query}))
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "date.lte" in errors[0]["message"]


def test_a_huge_or_filter_is_refused_before_any_store_call(embedded_api: Any) -> None:
    branches = [{"name": {"eq": f"firm {i}"}} for i in range(20_000)]
    query = "query($f: CompanyFilter) { companies(filter: $f) { totalCount } }"
    before = embedded_api.counting.total()
    errors = _errors(embedded_api.post({"query": query, "variables": {"f": {"or": branches}}}))
    assert errors[0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "20001 conditions" in errors[0]["message"]
    assert embedded_api.counting.total() == before


def test_filter_size_counts_branches_and_in_items() -> None:
    class Leaf:
        def __init__(self, **values: Any) -> None:
            self.__dict__.update(values)

    flt = Leaf(and_=[Leaf(name=Leaf(in_=["a", "b", "c"]))], or_=None, id=None)
    assert filter_size(flt) == 1 + 1 + 3


def test_echoed_arguments_are_cut(embedded_api: Any) -> None:
    name = "x" * 500_000
    response = embedded_api.post(
        {"query": "query($f: String!) { enforcementHistory(firm: $f) { id } }", "variables": {"f": name}}
    )
    errors = _errors(response)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert len(response.content) < 2000


@pytest.fixture
def full_store(embedded_store: GraphStore) -> GraphStore:
    for name in ("clearview", "reference-cases"):
        embedded_store.upsert(dataset_batch(name))
    return embedded_store


def test_names_resolve_only_when_they_name_one_entity(full_store: GraphStore) -> None:
    with pytest.raises(NotFound, match="no Company or Person is named 'or'"):
        resolve_entity(full_store, "or", ("Company", "Person"))
    assert resolve_entity(full_store, "Clearview AI").id == "company:clearview-ai"
    assert resolve_entity(full_store, "clearview ai, inc.").id == "company:clearview-ai"
    with pytest.raises(NotFound, match="more than one"):
        resolve_entity(full_store, "DeepSeek")
    with pytest.raises(EnforcegraphError):
        resolve_entity(full_store, "Clear")


def test_query_cli_refuses_a_fragment_of_a_name(embedded_api: Any) -> None:
    errors = _errors(
        embedded_api.post({"query": '{ enforcementHistory(firm: "or") { id } }'})
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_max_filter_terms_is_a_setting() -> None:
    assert Settings().max_filter_terms == 500
    with pytest.raises(EnforcegraphError):
        Settings(max_filter_terms=0)


def test_a_query_past_its_time_limit_is_a_limit_not_an_outage(embedded_api: Any) -> None:
    from enforcegraph.schema.errors import QueryTimeout, StoreError

    embedded_api.counting.failures["full_text"] = QueryTimeout("the query ran past 0.5 s and was stopped")
    errors = _errors(embedded_api.post({"query": '{ search(text: "clear") { totalCount } }'}))
    assert errors[0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    embedded_api.counting.failures["full_text"] = StoreError("disk I/O error")
    errors = _errors(embedded_api.post({"query": '{ search(text: "clearer") { totalCount } }'}))
    assert errors[0]["extensions"]["code"] == "UNAVAILABLE"
