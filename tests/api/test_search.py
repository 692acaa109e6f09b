"""GraphQL ``search``: full-text hits over the bundled data, a bounded page with its total,
stable ranking from page to page, and a snippet the page can render as text."""

from __future__ import annotations

from typing import Any

import pytest

HITS = """query($text: String!, $first: Int, $after: String, $labels: [Label!]) {
  search(text: $text, first: $first, after: $after, labels: $labels) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor score node { id label name }
            snippet { property text matches { start end } parts { text match } } }
    nodes { id }
  }
}"""


def _search(api: Any, text: str, **variables: Any) -> dict[str, Any]:
    return dict(api.query(HITS, {"text": text, **variables})["search"])


def test_establishment_finds_summaries_and_notes(full_api: Any) -> None:
    found = _search(full_api, "establishment", first=100)
    assert found["totalCount"] == len(found["edges"]) > 10
    where = {(edge["node"]["label"], edge["snippet"]["property"]) for edge in found["edges"]}
    assert {("Decision", "summary"), ("Company", "notes")} <= where
    for edge in found["edges"]:
        snippet = edge["snippet"]
        assert "".join(part["text"] for part in snippet["parts"]) == snippet["text"]
        marked = [snippet["text"][m["start"]:m["end"]] for m in snippet["matches"]]
        assert marked == [part["text"] for part in snippet["parts"] if part["match"]]
        assert marked and all(word.lower().startswith("establishment") for word in marked)
    assert [n["id"] for n in found["nodes"]] == [e["node"]["id"] for e in found["edges"]]


def test_claims_are_found(full_api: Any) -> None:
    found = _search(full_api, "no place of business", labels=["Statement"])
    assert found["totalCount"] >= 2
    assert {edge["snippet"]["property"] for edge in found["edges"]} == {"claims"}


def test_pages_are_bounded_counted_and_stable(full_api: Any) -> None:
    whole = _search(full_api, "clearview", first=60)
    ids = [edge["node"]["id"] for edge in whole["edges"]]
    assert ids[0] == "company:clearview-ai" and len(ids) == min(60, whole["totalCount"])
    walked: list[str] = []
    after = None
    while len(walked) < len(ids):
        page = _search(full_api, "clearview", first=7, after=after)
        assert page["totalCount"] == whole["totalCount"]
        walked += [edge["node"]["id"] for edge in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        assert page["pageInfo"]["hasPreviousPage"] == (len(walked) > 7)
    assert walked[: len(ids)] == ids
    scores = [edge["score"] for edge in whole["edges"][1:]]
    assert scores == sorted(scores, reverse=True)
    only = _search(full_api, "clearview", labels=["Statement"])
    assert {edge["node"]["label"] for edge in only["edges"]} == {"Statement"}


def test_page_size_limits_and_odd_text(full_api: Any) -> None:
    assert _search(full_api, " ,.; ")["totalCount"] == 0
    # query syntax is only words here: the same as asking for them
    assert _search(full_api, 'cnil" OR *:* (')["totalCount"] == \
        _search(full_api, "cnil or")["totalCount"] > 0
    response = full_api.post({"query": '{ search(text: "cnil", first: 501) { totalCount } }'})
    assert response.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    response = full_api.post({"query": '{ search(text: "cnil", after: "nope") { totalCount } }'})
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("text", ["<img src=x onerror=alert(1)>", "regulator:fr-cnil"])
def test_text_comes_back_as_data(full_api: Any, text: str) -> None:
    found = _search(full_api, text)
    if text.startswith("regulator:"):
        assert [edge["node"]["id"] for edge in found["edges"]] == ["regulator:fr-cnil"]
        assert found["edges"][0]["snippet"]["property"] == "id"


def test_one_store_call_per_search(full_api: Any) -> None:
    full_api.counting.calls.clear()
    _search(full_api, "establishment", first=50)
    assert full_api.counting.calls["full_text"] == 1
    assert full_api.counting.total() == 1  # nodes come with the hits: no further reads


def test_a_capped_total_says_so(full_api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    query = """query($text: String!, $first: Int, $after: String) {
      search(text: $text, first: $first, after: $after) {
        totalCount totalCountCapped pageInfo { hasNextPage endCursor } nodes { id } } }"""
    whole = full_api.query(query, {"text": "establishment", "first": 100})["search"]
    assert whole["totalCount"] > 10 and whole["totalCountCapped"] is False
    monkeypatch.setattr("enforcegraph.api.search_fields.MAX_RANKED", 4)
    capped = full_api.query(query, {"text": "establishment", "first": 3})["search"]
    assert capped["totalCount"] == 4 and capped["totalCountCapped"] is True
    assert capped["pageInfo"]["hasNextPage"] is True
    rest = full_api.query(query, {"text": "establishment", "first": 3,
                                  "after": capped["pageInfo"]["endCursor"]})["search"]
    assert len(rest["nodes"]) == 1 and rest["pageInfo"]["hasNextPage"] is False
    ids = {n["id"] for n in capped["nodes"] + rest["nodes"]}
    assert len(ids) == 4 and ids <= {n["id"] for n in whole["nodes"]}
