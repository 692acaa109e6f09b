"""Data truth: the bundled Clearview case answers the headline question, with sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.datasets import dataset_batch

EXPECTED_HEADLINE = {
    # (regulator, decision date, kind, amount, currency)
    ("regulator:fr-cnil", "2022-10-17", "fine", 20_000_000, "EUR"),
    ("regulator:fr-cnil", "2023-04-13", "penalty_liquidation", 5_200_000, "EUR"),
    ("regulator:it-garante", "2022-02-10", "fine", 20_000_000, "EUR"),
    ("regulator:gr-hdpa", "2022-07-13", "fine", 20_000_000, "EUR"),
    ("regulator:nl-ap", "2024-05-16", "fine", 30_500_000, "EUR"),
    ("regulator:gb-ico", "2022-05-18", "fine", 7_552_800, "GBP"),
}


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    for name in ("clearview", "reference-cases"):
        store.upsert(dataset_batch(name))
    return store


def _clearview_fines(rows: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {
        (r["regulator"]["id"], r["decision"]["date"], r["sanction"]["kind"],
         r["sanction"]["amount"], r["sanction"]["currency"])
        for r in rows
        if r["firm"]["id"] == "company:clearview-ai" and r["sanction"]["amount"]
        and r["sanction"]["kind"] in ("fine", "penalty_liquidation")
    }


def test_headline_lists_clearview_sanctions_with_sources(loaded: GraphStore) -> None:
    rows = loaded.traversals().sanctions_without_eu_establishment()
    assert _clearview_fines(rows) == EXPECTED_HEADLINE
    for row in rows:
        assert row["sources"], row["sanction"]["id"]
        assert all(url.startswith(("http://", "https://")) for url in row["sources"])
    firms = {r["firm"]["id"] for r in rows}
    assert "company:meta-platforms-ireland" not in firms
    assert not any("amazon" in firm for firm in firms)
    assert not any(r["regulator"]["id"].startswith("court:") for r in rows)


def test_headline_excludes_every_firm_with_an_eu_establishment(loaded: GraphStore) -> None:
    rows = loaded.traversals().sanctions_without_eu_establishment()
    established = {
        r.start for r in loaded.iter_relationships("HAS_ESTABLISHMENT")
        if r.end in {"jurisdiction:eu", "jurisdiction:ie", "jurisdiction:lu", "jurisdiction:fr",
                     "jurisdiction:nl", "jurisdiction:de", "jurisdiction:se"}
        and not r.properties.get("valid_to") and not r.properties.get("valid_from")
    }
    assert established, "the reference cases must include firms with an EU establishment"
    assert established.isdisjoint({r["firm"]["id"] for r in rows})


def test_loading_twice_changes_nothing(loaded: GraphStore) -> None:
    before = loaded.stats().to_dict()
    for name in ("clearview", "reference-cases"):
        summary = loaded.upsert(dataset_batch(name))
        assert not summary.changed
    assert loaded.stats().to_dict() == before


def test_every_fact_has_a_source(loaded: GraphStore) -> None:
    for node in loaded.iter_nodes():
        if node.label == "Source":
            assert node.get("url", "").startswith("http")
        else:
            assert node.get("sources"), node.id
    for rel in loaded.iter_relationships():
        assert rel.properties.get("sources"), rel.id


def test_the_statement_is_contradicted_by_the_cnil_fine(loaded: GraphStore) -> None:
    rows = loaded.traversals().claims_contradicted("Clearview AI")
    assert rows
    contradicted = {d["id"] for r in rows for d in r["contradicted_by"]}
    assert "decision:fr-cnil-san-2022-019" in contradicted
    row = next(r for r in rows if r["contradicted_by"])
    assert {m["id"] for m in row["made_by"]} == {"person:hoan-ton-that"}
    assert {v["id"] for v in row["issued_via"]} == {"company:lakpr-group"}
    assert any("GDPR" in claim for claim in row["statement"]["claims"])
    assert "https://techcrunch.com/2022/10/20/clearview-ai-fined-in-france" in " ".join(row["sources"])


def test_people_and_agency_around_clearview(loaded: GraphStore) -> None:
    pairs = loaded.neighbours("company:clearview-ai", ["REPRESENTED_BY", "OFFICER_OF"])
    found = {(rel.type, node.id, rel.properties.get("role")) for rel, node in pairs}
    assert ("REPRESENTED_BY", "company:lakpr-group", "pr") in found
    assert ("OFFICER_OF", "person:hoan-ton-that", "CEO") in found


def test_clearview_is_the_top_cross_border_case(loaded: GraphStore) -> None:
    rows = loaded.traversals().cross_border_cases()
    assert rows[0]["firm"]["id"] == "company:clearview-ai"
    assert {"FR", "IT", "GR", "NL", "GB", "AT"} <= set(rows[0]["countries"])


def test_enforcement_history_is_dated_and_has_the_ico_appeals(loaded: GraphStore) -> None:
    rows = loaded.traversals().enforcement_history("company:clearview-ai")
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)
    ico = next(r for r in rows if r["id"] == "decision:gb-ico-2022-05-18-clearview")
    assert ico["appeals"], "the ICO decision was appealed to the tribunals"
    assert not any(r["issuer"] and r["issuer"]["id"].startswith("court:") and r["kind"] == "fine_decision" for r in rows)


def test_curated_amounts_dates_and_refs_match_the_facts_file(shared_data: Path, loaded: GraphStore) -> None:
    facts = json.loads((shared_data / "enforcement-facts" / "enforcement_facts.json").read_text("utf-8"))
    decisions = {n.get("ref"): n for n in loaded.iter_nodes("Decision") if n.get("ref")}
    checked = 0
    for fact in facts:
        if not fact["decision_ref"] or fact["decision_ref"] not in decisions:
            continue
        decision = decisions[fact["decision_ref"]]
        if fact["decision_date"]:
            assert decision.get("date") == fact["decision_date"], fact["id"]
        if fact["amount"] is not None:
            sanctions = [node for _, node in loaded.neighbours(decision.id, ["IMPOSES"], "out")]
            amounts = {(s.get("amount"), s.get("currency")) for s in sanctions}
            assert (fact["amount"], fact["currency"]) in amounts, fact["id"]
        checked += 1
    assert checked >= 20
