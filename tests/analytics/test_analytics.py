"""Analytics on the mini graph plus fictional additions (tests/analytics/extra.yaml)."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from enforcegraph.graph import analytics
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.schema.errors import NotFound

# ECB reference rates copied by hand from the ECB table for these dates (units per EUR).
GBP_2022_05_18 = 0.8467
NOK_2021_12_10 = 10.1335


def test_fines_convert_by_ecb_rate_of_decision_date(rich_graph: nx.MultiDiGraph) -> None:
    rows = {r["sanction"]: r for r in analytics.fine_rows(rich_graph)}
    gb = rows["sanction:gb-1-fine"]
    assert (gb["amount"], gb["currency"], gb["rate"]) == (7552800, "GBP", GBP_2022_05_18)
    assert gb["amount_eur"] == pytest.approx(7552800 / GBP_2022_05_18, abs=0.01)
    assert gb["rate_basis"] == "ECB reference rate of the decision date"
    no = rows["sanction:no-1-fine"]  # a Saturday: the Friday's rate
    assert (no["rate_date"], no["rate"]) == ("2021-12-10", NOK_2021_12_10)
    assert "latest before the decision date" in no["rate_basis"]
    assert rows["sanction:fr-1-fine"]["amount_eur"] == 20_000_000


def test_totals_by_regulator_country_article_year(rich_graph: nx.MultiDiGraph) -> None:
    by_regulator = analytics.totals(rich_graph, by="regulator")
    assert [r["key"] for r in by_regulator][:2] == ["regulator:fr-dpa", "regulator:it-dpa"]
    fr = by_regulator[0]
    assert (fr["count"], fr["total_eur"], fr["original_amounts"]) == (3, 20001500.0, {"EUR": 20001500})
    by_country = {r["key"]: r for r in analytics.totals(rich_graph, by="country")}
    assert by_country["GB"]["original_amounts"] == {"GBP": 7552800}
    assert by_country["NO"]["total_eur"] == pytest.approx(65_000_000 / NOK_2021_12_10, abs=0.01)
    by_year = {r["key"]: r["count"] for r in analytics.totals(rich_graph, by="year")}
    assert by_year == {"2019": 1, "2021": 2, "2022": 3}
    by_article = {r["key"]: r["count"] for r in analytics.totals(rich_graph, by="article")}
    assert by_article["article:gdpr-32"] == 2
    assert by_article["(none recorded)"] == 3
    with pytest.raises(ValueError):
        analytics.totals(rich_graph, by="planet")  # type: ignore[arg-type]


def test_statutory_maximum(rich_graph: nx.MultiDiGraph) -> None:
    rows = {r["sanction"]: r for r in analytics.statutory_maximum(rich_graph)}
    assert set(rows) == {"sanction:fr-1-fine", "sanction:fr-2-fine", "sanction:it-1-fine"}
    italy = rows["sanction:it-1-fine"]
    assert (italy["tier"], italy["ceiling_eur"], italy["ceiling_is_floor"]) == ("83(5)", 20e6, True)
    assert italy["at_cap"] and italy["statutory_maximum_stated"] is True
    # Art. 32 only: the 83(4) tier, EUR 10M floor; 20M is above it, so turnover must decide.
    france = rows["sanction:fr-1-fine"]
    assert (france["tier"], france["exceeds_ceiling"], france["at_cap"]) == ("83(4)", True, False)
    # Sourced turnover of EUR 1bn: the ceiling is 4 % of it.
    local = rows["sanction:fr-2-fine"]
    assert local["turnover"]["amount_eur"] == 1e9
    assert local["turnover"]["preceding_year"] is True  # turnover of 2020, decision of 2021
    assert (local["ceiling_eur"], local["ceiling_is_floor"]) == (40e6, False)
    assert local["share_of_turnover"] == pytest.approx(1000 / 1e9)
    assert local["share_of_ceiling"] == pytest.approx(1000 / 40e6)
    assert not local["at_cap"]
    assert analytics.statutory_maximum(rich_graph)[0]["sanction"] == "sanction:it-1-fine"


def test_cross_border_and_repeat_offenders(rich_graph: nx.MultiDiGraph) -> None:
    rows = analytics.cross_border(rich_graph)
    assert [r["firm"]["id"] for r in rows] == ["company:far-away", "company:left"]
    top = rows[0]
    assert (top["countries"], top["decisions"], top["fines"]) == (["FR", "GB", "IT"], 3, 3)
    assert top["original_amounts"] == {"EUR": 40_000_000, "GBP": 7552800}
    repeat = analytics.repeat_offenders(rich_graph, min_decisions=1)
    assert "company:local" in [r["firm"]["id"] for r in repeat]


def test_centrality_per_label_and_pr_agencies(rich_graph: nx.MultiDiGraph) -> None:
    rows = analytics.centrality(rich_graph, top=2)
    regulators = [r for r in rows if r["group"] == "Regulator"]
    assert regulators[0]["id"] == "regulator:fr-dpa"  # issued three decisions
    assert [r["rank"] for r in regulators] == [1, 2]
    assert [r["id"] for r in rows if r["group"] == "PRAgency"] == ["company:pr-agency"]
    assert "Source" not in {r["group"] for r in rows}
    exact = {r["id"]: r["betweenness"] for r in analytics.centrality(rich_graph, top=100)}
    sampled = analytics.centrality(rich_graph, top=100, k=5)
    assert {r["betweenness_k"] for r in sampled} == {5}
    assert {r["id"] for r in sampled} == set(exact)
    by_degree = analytics.centrality(rich_graph, labels=["Decision"], by="degree", top=1)
    assert by_degree[0]["id"] == "decision:it-1"


def test_communities_are_stable_and_components_cover(rich_graph: nx.MultiDiGraph) -> None:
    first = analytics.communities(rich_graph, seed=7)
    assert first == analytics.communities(rich_graph, seed=7)
    members = [m["id"] for row in first for m in row["members"]]
    assert sorted(members) == sorted(n for n, d in rich_graph.nodes(data=True) if d["label"] != "Source")
    components = analytics.components(rich_graph)
    assert [c["size"] for c in components] == [len(members) - 1, 1]
    assert components[1]["members"][0]["id"] == "jurisdiction:us"  # nothing links to it


def test_co_enforcement(rich_graph: nx.MultiDiGraph) -> None:
    firms = analytics.co_enforcement(rich_graph, via="regulator")
    pairs = {(r["a"]["id"], r["b"]["id"]) for r in firms}
    assert ("company:far-away", "company:local") in pairs
    assert all(s["id"] == "regulator:fr-dpa" for r in firms for s in r["shared"])
    regulators = analytics.co_enforcement(rich_graph, via="target")
    assert regulators[0]["weight"] == 1
    assert {(r["a"]["id"], r["b"]["id"]) for r in regulators} >= {("regulator:fr-dpa", "regulator:gb-dpa")}
    by_article = analytics.co_enforcement(rich_graph, via="article")
    assert by_article == []  # no two firms share an infringed article in the fixture


def test_path_and_ego(rich_store: EmbeddedStore) -> None:
    hops = analytics.analyze(rich_store, "path", "Spin Partners", "company:local")
    assert hops[0]["from"]["id"] == "company:pr-agency"
    assert hops[0]["relationship"] == {
        "id": "REPRESENTED_BY:company:far-away->company:pr-agency",
        "type": "REPRESENTED_BY",
        "direction": "backward",
    }
    assert hops[-1]["to"]["id"] == "company:local"
    assert all(a["to"] == b["from"] for a, b in itertools.pairwise(hops))
    ego = analytics.analyze(rich_store, "ego", "company:far-away", depth=1)
    assert [r["id"] for r in ego if r["distance"] == 1] == [
        "company:pr-agency", "decision:fr-1", "decision:gb-1", "decision:it-1",
    ]
    sub = analytics.ego_subgraph(rich_store.to_networkx(), "company:far-away", 2)
    assert "regulator:gb-dpa" in sub and "jurisdiction:fr" not in sub


def test_analyze_errors(rich_store: EmbeddedStore) -> None:
    with pytest.raises(NotFound):
        analytics.analyze(rich_store, "nonsense")
    with pytest.raises(NotFound):
        analytics.analyze(rich_store, "path", "company:local")
    with pytest.raises(NotFound):
        analytics.analyze(rich_store, "totals", colour="red")
    with pytest.raises(NotFound):
        analytics.shortest_path(rich_store.to_networkx(), "company:local", "company:nowhere")


def test_stored_eur_stands_in_when_the_table_cannot_convert() -> None:
    g = nx.MultiDiGraph()
    g.add_node("regulator:r", label="Regulator", name="R", country="GB")
    g.add_node("decision:d", label="Decision", date="2012-03-01")  # before the bundled table
    g.add_node("sanction:s", label="Sanction", kind="fine", amount=100, currency="GBP",
               amount_eur=120)
    g.add_edge("regulator:r", "decision:d", type="ISSUED")
    g.add_edge("decision:d", "sanction:s", type="IMPOSES")
    row = analytics.fine_rows(g)[0]
    assert row["amount_eur"] == 120.0
    assert row["rate_basis"].startswith("amount_eur recorded on the Sanction (not converted")


def test_partial_dates_use_the_period_average() -> None:
    from enforcegraph.graph.analytics.rates import ecb_rates

    table = ecb_rates()
    conversion = table.convert(1000, "USD", "2022")
    assert conversion.rate_basis == "ECB annual average 2022 (mean of daily reference rates)"
    assert conversion.rate == pytest.approx(1.0530, abs=5e-5)  # the ECB's published 2022 mean
    assert table.convert(1000, "XYZ", "2022-01-03").amount_eur is None
