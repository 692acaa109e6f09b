"""GraphQL queries over real HTTP through the gql client, on every backend."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from gql.transport.exceptions import TransportQueryError

from enforcegraph.graph.analytics import analyze

HEADLINE = """
query Headline($first: Int, $after: String) {
  sanctionsWithoutEuEstablishment(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      sanction { id kind amount currency }
      decision { id date }
      regulator { id name }
      firm { id name }
      sourceUrls
    } }
  }
}
"""


def _all_headline_rows(api: Any, page: int) -> tuple[list[dict[str, Any]], int]:
    rows: list[dict[str, Any]] = []
    after = None
    while True:
        result = api.query(HEADLINE, {"first": page, "after": after})
        connection = result["sanctionsWithoutEuEstablishment"]
        rows += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            return rows, connection["totalCount"]
        after = connection["pageInfo"]["endCursor"]


def test_headline_matches_the_traversal(full_api: Any) -> None:
    expected = full_api.store.traversals().sanctions_without_eu_establishment()
    assert expected, "the loaded data has sanctions without EU establishment"
    rows, total = _all_headline_rows(full_api, page=25)  # several pages
    assert total == len(expected) == len(rows)
    got = [(r["sanction"]["id"], r["decision"]["id"], r["regulator"]["id"], r["firm"]["id"])
           for r in rows]
    want = [(e["sanction"]["id"], e["decision"]["id"], e["regulator"]["id"], e["firm"]["id"])
            for e in expected]
    assert got == want
    assert [r["sourceUrls"] for r in rows] == [e["sources"] for e in expected]
    if any(e["firm"]["id"] == "company:clearview-ai" for e in expected):
        cnil = [r for r in rows if r["firm"]["id"] == "company:clearview-ai"
                and r["regulator"]["id"] == "regulator:fr-cnil" and r["sanction"]["kind"] == "FINE"]
        assert cnil, "the CNIL fine against Clearview AI is in the answer"


def test_headline_filter_narrows_to_a_regulator(api: Any) -> None:
    result = api.query(
        '{ sanctionsWithoutEuEstablishment(filter: {regulator: "regulator:fr-dpa"}) '
        "{ totalCount nodes { sanction { id } regulator { id } } } }"
    )
    rows = result["sanctionsWithoutEuEstablishment"]
    assert rows["totalCount"] == 1
    assert rows["nodes"][0]["sanction"]["id"] == "sanction:fr-1-fine"


def test_node_nodes_and_entity_fields(api: Any) -> None:
    result = api.query("""{
      node(id: "company:far-away") {
        __typename id label name sourceUrls properties
        ... on Company { aliases country decisions { ref } sanctions { id amountEur }
                         regulators { id } }
      }
      nodes(ids: ["regulator:fr-dpa", "nope:missing"]) { id ... on Regulator { acronym } }
      missing: node(id: "company:nobody") { id }
    }""")
    company = result["node"]
    assert company["__typename"] == "Company" and company["label"] == "Company"
    assert company["aliases"] == ["FarAway"]
    assert company["sourceUrls"] == ["https://example.org/decision-1"]
    assert company["properties"]["name"] == "Far Away Analytics, Inc."
    assert [d["ref"] for d in company["decisions"]] == ["GB-1", "FR-1"]  # by date
    assert {s["id"] for s in company["sanctions"]} == {"sanction:fr-1-fine", "sanction:gb-1-fine"}
    assert {r["id"] for r in company["regulators"]} == {"regulator:fr-dpa", "regulator:gb-dpa"}
    assert result["nodes"] == [{"id": "regulator:fr-dpa", "acronym": "AEX"}, None]
    assert result["missing"] is None


def test_relationship_fields_both_ways(api: Any) -> None:
    result = api.query("""{
      node(id: "decision:fr-1") { ... on Decision {
        kind status regulator { id } issuer { id } against { id }
        sanctions { id target { id } decision { id } regulator { id } }
        infringes { provision paragraph infringed article { id } }
        articles { id law { id } }
        relationships(types: [ISSUED, IMPOSES]) { type fromId toId from { id } to { id } }
      } }
    }""")
    decision = result["node"]
    assert decision["kind"] == "FINE_DECISION" and decision["status"] == "FINAL"
    assert decision["regulator"]["id"] == decision["issuer"]["id"] == "regulator:fr-dpa"
    assert decision["against"] == [{"id": "company:far-away"}]
    sanction = decision["sanctions"][0]
    assert sanction["target"] == [{"id": "company:far-away"}]
    assert sanction["decision"]["id"] == "decision:fr-1"
    assert sanction["regulator"]["id"] == "regulator:fr-dpa"
    assert decision["infringes"] == [{"provision": "32(1)", "paragraph": "1", "infringed": True,
                                      "article": {"id": "article:gdpr-32"}}]
    assert decision["articles"] == [{"id": "article:gdpr-32", "law": {"id": "law:gdpr"}}]
    assert sorted(r["type"] for r in decision["relationships"]) == ["IMPOSES", "ISSUED"]


def test_lists_filter_sort_and_paginate(api: Any) -> None:
    query = """query($after: String) {
      decisions(first: 2, after: $after, orderBy: {field: DATE, direction: DESC}) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { ref date }
      }
    }"""
    first = api.query(query)["decisions"]
    assert first["totalCount"] == 4
    assert [n["ref"] for n in first["nodes"]] == ["FR-1", "GB-1"]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = api.query(query, {"after": first["pageInfo"]["endCursor"]})["decisions"]
    assert [n["ref"] for n in second["nodes"]] == ["FR-2", "FR-3"]
    assert not second["pageInfo"]["hasNextPage"] and second["pageInfo"]["hasPreviousPage"]

    filtered = api.query("""{
      ranges: decisions(filter: {date: {gte: "2021-01-01", lte: "2022-06-30"}}) { nodes { ref } }
      byRegulator: decisions(filter: {regulator: "regulator:fr-dpa", kind: {eq: FINE_DECISION}})
        { totalCount }
      byArticle: decisions(filter: {article: "GDPR Art. 32"}) { nodes { ref } }
      either: decisions(filter: {or: [{ref: {eq: "FR-3"}}, {issuerCountry: "GB"}]},
                        orderBy: {field: REF}) { nodes { ref } }
      both: decisions(filter: {and: [{regulator: "regulator:fr-dpa"}, {date: {lte: "2020-12-31"}}]})
        { nodes { ref } }
      amounts: sanctions(filter: {amount: {gte: 1000}, currency: {in: ["EUR"]}},
                         orderBy: {field: AMOUNT, direction: DESC}) { nodes { id } }
      against: sanctions(filter: {against: "company:far-away"}) { totalCount }
      names: companies(filter: {name: {contains: "ltd"}}) { nodes { id } }
      aliases: companies(filter: {aliases: {contains: "FarAway"}}) { nodes { id } }
      countries: companies(filter: {country: {in: ["FR", "GB"]}}) { totalCount }
    }""")
    assert [n["ref"] for n in filtered["ranges"]["nodes"]] == ["FR-2", "GB-1"]  # by id
    assert filtered["byRegulator"]["totalCount"] == 3
    assert [n["ref"] for n in filtered["byArticle"]["nodes"]] == ["FR-1"]
    assert [n["ref"] for n in filtered["either"]["nodes"]] == ["FR-3", "GB-1"]
    assert [n["ref"] for n in filtered["both"]["nodes"]] == ["FR-3"]
    assert [n["id"] for n in filtered["amounts"]["nodes"]] == [
        "sanction:fr-1-fine", "sanction:fr-2-fine"]
    assert filtered["against"]["totalCount"] == 2
    assert filtered["names"]["nodes"] == [{"id": "company:left"}]
    assert filtered["aliases"]["nodes"] == [{"id": "company:far-away"}]
    assert filtered["countries"]["totalCount"] == 2


def test_search_path_neighbourhood_stats(api: Any) -> None:
    result = api.query("""{
      search(text: "far", labels: [Company], first: 5) { nodes { id name label } }
      path(from: "company:far-away", to: "company:local", maxHops: 6) {
        length nodes { id } relationships { type fromId toId }
      }
      none: path(from: "company:far-away", to: "company:local", maxHops: 1) { length }
      neighbourhood(id: "regulator:fr-dpa", depth: 2, limitPerNode: 50) {
        truncated nodes { id } relationships { type fromId toId }
      }
      stats { totalNodes totalRelationships backend nodes { name count } }
      traversals { name argument }
    }""")
    assert result["search"]["nodes"][0]["id"] == "company:far-away"
    path = result["path"]
    assert path["length"] == 4 and path["nodes"][0]["id"] == "company:far-away"
    assert path["nodes"][-1]["id"] == "company:local"
    assert len(path["relationships"]) == 4
    for rel, (a, b) in zip(path["relationships"], pairwise(path["nodes"]), strict=True):
        assert {rel["fromId"], rel["toId"]} == {a["id"], b["id"]}
    assert result["none"] is None
    around = result["neighbourhood"]
    ids = {n["id"] for n in around["nodes"]}
    assert around["nodes"][0]["id"] == "regulator:fr-dpa"
    assert {"decision:fr-1", "company:far-away", "sanction:fr-3-fine"} <= ids
    assert all(r["fromId"] in ids and r["toId"] in ids for r in around["relationships"])
    assert result["stats"]["totalNodes"] == 20
    assert {"name": "Company", "count": 3} in result["stats"]["nodes"]
    assert {t["name"] for t in result["traversals"]} >= {"cross-border-cases"}


def test_neighbourhood_limit_per_node_truncates(api: Any) -> None:
    result = api.query('{ neighbourhood(id: "regulator:fr-dpa", limitPerNode: 1) '
                       "{ truncated nodes { id } } }")
    assert result["neighbourhood"]["truncated"] is True
    assert len(result["neighbourhood"]["nodes"]) == 2


def test_catalogue_traversals_as_fields(full_api: Any) -> None:
    store = full_api.store
    traversals = store.traversals()
    firm = "company:clearview-ai" if store.get("company:clearview-ai") else "company:far-away"
    result = full_api.query(f"""{{
      enforcementHistory(firm: "{firm}") {{ id date appeals {{ id }} }}
      decisionsCiting(article: "GDPR Art. 32") {{ decision {{ id }} provisions }}
      claimsContradicted(firm: "{firm}") {{ statement {{ id }} contradictedBy {{ id }} }}
      crossBorderCases {{ firm {{ id }} countries }}
    }}""")
    assert [d["id"] for d in result["enforcementHistory"]] == [
        r["id"] for r in traversals.enforcement_history(firm)]
    assert [r["decision"]["id"] for r in result["decisionsCiting"]] == [
        r["id"] for r in traversals.decisions_citing("GDPR Art. 32")]
    assert [r["statement"]["id"] for r in result["claimsContradicted"]] == [
        r["statement"]["id"] for r in traversals.claims_contradicted(firm)]
    assert [(r["firm"]["id"], r["countries"]) for r in result["crossBorderCases"]] == [
        (r["firm"]["id"], r["countries"]) for r in traversals.cross_border_cases()]
    assert result["crossBorderCases"], "far-away (FR and GB) is a cross-border case"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('{ enforcementHistory(firm: "no such firm at all") { id } }', "NOT_FOUND"),
        ('{ neighbourhood(id: "company:nobody") { truncated } }', "NOT_FOUND"),
        ('{ decisions(after: "garbage") { totalCount } }', "BAD_USER_INPUT"),
        ('{ neighbourhood(id: "company:local", depth: 4) { truncated } }', "LIMIT_EXCEEDED"),
        ('{ path(from: "company:local", to: "company:left", maxHops: 7) { length } }',
         "LIMIT_EXCEEDED"),
        ("{ companies(first: 501) { totalCount } }", "LIMIT_EXCEEDED"),
    ],
)
def test_typed_errors(api: Any, query: str, code: str) -> None:
    with pytest.raises(TransportQueryError) as caught:
        api.query(query)
    assert caught.value.errors is not None
    assert caught.value.errors[0]["extensions"]["code"] == code


def test_unexpected_errors_are_masked(api: Any) -> None:
    api.counting.failures["full_text"] = RuntimeError("secret internals")
    response = api.post({"query": '{ search(text: "far") { totalCount } }'})
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["message"] == "Unexpected error." and "secret" not in response.text
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


def test_schema_errors_are_bad_user_input(api: Any) -> None:
    response = api.post({"query": "{ nosuchfield }"})
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    response = api.post({"query": "mutation { x }"})
    assert response.status_code < 500


def test_analytics_as_fields(api: Any) -> None:
    result = api.query("""{
      analyses { name arguments options }
      totals: analysis(name: "totals", options: {by: "regulator"}) { totalCount rows }
      path: analysis(name: "path", arguments: ["company:far-away", "company:local"], first: 2)
        { totalCount rows }
    }""")
    assert {"totals", "path", "centrality"} <= {a["name"] for a in result["analyses"]}
    expected = analyze(api.store, "totals", by="regulator")
    assert result["totals"]["totalCount"] == len(expected) > 0
    assert result["totals"]["rows"] == expected
    assert result["path"]["totalCount"] > 2 and len(result["path"]["rows"]) == 2
    with pytest.raises(TransportQueryError) as caught:
        api.query('{ analysis(name: "astrology") { totalCount } }')
    assert caught.value.errors is not None
    assert caught.value.errors[0]["extensions"]["code"] == "NOT_FOUND"
