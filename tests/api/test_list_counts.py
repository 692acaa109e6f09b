"""Typed lists' ``totalCount``: exact from kept totals for a filter on one property of few
values; counted up to a cap otherwise, and then said so (``totalCountCapped``), with
``pageInfo`` still exact; on every backend, over real HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.api import schema

LIST = """query($filter: CompanyFilter, $first: Int, $after: String) {
  companies(filter: $filter, first: $first, after: $after) {
    totalCount totalCountCapped pageInfo { hasNextPage endCursor } nodes { id }
  }
}"""


def _all(api: Any, flt: dict[str, Any]) -> list[str]:
    return [n.id for n in api.store.find("Company", []) if _holds(n.properties, flt)]


def _holds(props: dict[str, Any], flt: dict[str, Any]) -> bool:
    country = flt.get("country", {}).get("in")
    name = flt.get("name", {}).get("contains")
    return (country is None or props.get("country") in country) and (
        name is None or name.lower() in str(props.get("name", "")).lower())


def test_one_property_is_exact_two_are_capped(api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "COUNT_CAP", 1)
    by_country = {"country": {"in": ["FR", "GB", "US", "IE"]}}
    want = _all(api, by_country)
    assert len(want) > 1
    page = api.query(LIST, {"filter": by_country, "first": 1})["companies"]
    assert (page["totalCount"], page["totalCountCapped"]) == (len(want), False)

    both = {**by_country, "name": {"contains": ""}}  # two properties: no kept total
    seen: list[str] = []
    after = None
    while True:
        page = api.query(LIST, {"filter": both, "first": 1, "after": after})["companies"]
        seen += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        # more follow: the count stopped at the cap and says so, at least this page's end + 1
        assert page["totalCountCapped"] and page["totalCount"] >= len(seen) + 1
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(want)
    # the last page knows the whole list
    assert (page["totalCount"], page["totalCountCapped"]) == (len(want), False)

    monkeypatch.setattr(schema, "COUNT_CAP", 10_000)
    page = api.query(LIST, {"filter": both, "first": 1})["companies"]
    assert (page["totalCount"], page["totalCountCapped"]) == (len(want), False)
