"""The issue's must-show: the seed article through the CLI, then accepted onto the curated case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from enforcegraph.graph.cli import main
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.loaders.extract import Article, accepted_batch, extract, read_article
from enforcegraph.loaders.extract.scoring import claims_match
from enforcegraph.schema.names import name_key

URL = "https://techcrunch.com/2022/10/20/clearview-ai-fined-in-france"


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("db") / "graph.sqlite"
    result = CliRunner().invoke(main, [
        "--db", str(db), "extract", str(shared_data / "seed-article" / "article.txt"),
        "--url", URL, "--date", "2022-10-20", "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in data["proposals"]}


def _named(data: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    hits: list[dict[str, Any]] = [
        p for p in data["proposals"] if p["kind"] == kind and name_key(p["name"]) == name_key(name)]
    assert len(hits) == 1, (kind, name, [p["name"] for p in data["proposals"] if p["kind"] == kind])
    return hits[0]


def test_cnil_fine_on_clearview_at_the_maximum_citing_art_83(seed_json: dict[str, Any]) -> None:
    decisions = [p for p in seed_json["proposals"] if p["kind"] == "decision"]
    assert len(decisions) == 1
    decision, ids = decisions[0], _by_id(seed_json)
    assert ids[decision["links"]["regulator"][0]]["node_id"] == "regulator:fr-cnil"
    assert ids[decision["links"]["against"][0]]["name"] == "Clearview AI"
    fines = [s for s in decision["properties"]["sanctions"] if s["kind"] == "fine"]
    assert [(f["amount"], f["currency"], f.get("statutory_maximum")) for f in fines] == [
        (20000000, "EUR", True)]
    assert [c["article"] for c in decision["properties"]["cites"]] == ["article:gdpr-83"]
    assert ids[decision["links"]["cites"][0]]["name"] == "GDPR Art. 83"
    assert decision["confidence"] > 0 and decision["rule"] and decision["spans"]


def test_lakpr_is_clearviews_pr_agency_and_ton_that_its_ceo(seed_json: dict[str, Any]) -> None:
    ids = _by_id(seed_json)
    lakpr = _named(seed_json, "company", "LakPR Group")
    assert lakpr["properties"]["roles"] == ["pr_agency"]
    ceo = _named(seed_json, "person", "Hoan Ton-That")
    assert ceo["properties"]["office"] == "CEO"
    rels = {(p["properties"]["type"], ids[p["links"]["from"][0]]["name"], ids[p["links"]["to"][0]]["name"],
             p["properties"]["role"]) for p in seed_json["proposals"] if p["kind"] == "relationship"}
    assert ("REPRESENTED_BY", "Clearview AI", "LakPR Group", "pr") in rels
    assert ("OFFICER_OF", "Hoan Ton-That", "Clearview AI", "CEO") in rels


def test_the_statement_with_its_claims(seed_json: dict[str, Any], shared_data: Path) -> None:
    ids = _by_id(seed_json)
    statements = [p for p in seed_json["proposals"] if p["kind"] == "statement"]
    assert len(statements) == 1
    statement = statements[0]
    assert ids[statement["links"]["made_by"][0]]["name"] == "Hoan Ton-That"
    assert ids[statement["links"]["via"][0]]["name"] == "LakPR Group"
    assert "Clearview AI" in {ids[i]["name"] for i in statement["links"]["about"]}
    gold = json.loads((shared_data / "seed-article" / "gold.json").read_text("utf-8"))
    claims = statement["properties"]["claims"]
    for expected in gold["statements"][0]["claims"]:
        assert any(claims_match(expected, claim) for claim in claims), expected


def test_search_engines_publisher_and_author_are_not_parties(seed_json: dict[str, Any]) -> None:
    parties = {name_key(p["name"]) for p in seed_json["proposals"] if p["kind"] in ("company", "person")}
    mentions = {name_key(p["name"]) for p in seed_json["proposals"] if p["kind"] == "mention"}
    for name in ("Google", "Bing", "DuckDuckGo", "TechCrunch", "Natasha Lomas"):
        assert name_key(name) not in parties, name
        assert name_key(name) in mentions, name


def test_every_span_points_into_the_text(seed_json: dict[str, Any], shared_data: Path) -> None:
    text = (shared_data / "seed-article" / "article.txt").read_text("utf-8")
    for proposal in seed_json["proposals"]:
        assert proposal["spans"], proposal["id"]
        for span in proposal["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]


def _count(store: GraphStore, label: str, name: str) -> int:
    return sum(
        1 for node in store.iter_nodes(label)
        if name_key(name) in {name_key(str(v)) for v in
                              [node.get("name"), node.get("acronym"), *(node.get("aliases") or [])] if v}
    )


def test_accept_all_after_the_curated_case_makes_no_duplicates(store: GraphStore, shared_data: Path) -> None:
    store.upsert(dataset_batch("clearview"))
    before = store.stats().to_dict()
    article = read_article(shared_data / "seed-article" / "article.txt", url=URL, date="2022-10-20")
    extraction = extract(article, store)
    store.upsert(accepted_batch(extraction, article, ["all"], store))
    for label, name in (("Company", "Clearview AI"), ("Regulator", "CNIL"), ("Company", "LakPR Group"),
                        ("Person", "Hoan Ton-That")):
        assert _count(store, label, name) == 1, name
    after = store.stats().to_dict()
    assert after["nodes"] == before["nodes"]  # every fact of the article was already curated
    source = [n for n in store.iter_nodes("Source") if n.get("url") == URL]
    assert len(source) == 1
    carried = [r for r in store.iter_relationships()
               if any(f" in {source[0].id}: " in s for s in r.properties.get("spans") or [])]
    types = {r.type for r in carried}
    assert {"REPRESENTED_BY", "OFFICER_OF", "CITES", "ISSUED", "AGAINST", "MADE_BY"} <= types
    assert all(source[0].id in r.properties["sources"] for r in carried)


def test_accept_all_on_an_empty_store_creates_sourced_facts_with_spans(
        store: GraphStore, shared_data: Path) -> None:
    article = read_article(shared_data / "seed-article" / "article.txt", url=URL, date="2022-10-20")
    extraction = extract(article, store)
    summary = store.upsert(accepted_batch(extraction, article, ["all"], store))
    assert summary.nodes_created > 0
    source = next(n for n in store.iter_nodes("Source") if n.get("url") == URL)
    for label in ("Company", "Person", "Decision", "Sanction", "Statement"):
        nodes = list(store.iter_nodes(label))
        assert nodes, label
        for node in nodes:
            assert node.get("sources") == [source.id]
            assert node.get("spans") and all(f" in {source.id}: " in s for s in node.get("spans"))
    fine = next(store.iter_nodes("Sanction"))
    assert (fine.get("amount"), fine.get("currency"), fine.get("statutory_maximum")) == (20000000, "EUR", True)
    cnil = store.get("regulator:fr-cnil")
    assert cnil is not None and cnil.get("sources") == ["source:fr-cnil-website"]
    again = store.upsert(accepted_batch(extract(article, store), article, ["all"], store))
    assert not again.changed  # idempotent: the second accept links to what the first made


def test_a_second_article_on_the_same_fine_adds_its_source_and_spans(
        store: GraphStore, shared_data: Path) -> None:
    seed = read_article(shared_data / "seed-article" / "article.txt", url=URL, date="2022-10-20")
    store.upsert(accepted_batch(extract(seed, store), seed, ["all"], store))
    other = Article("France’s CNIL has fined Clearview AI 20 million euros under article 83 of the GDPR.",
                    url="https://example.org/cnil-clearview", date="2022-10-21")
    extraction = extract(other, store)
    decision = extraction.of_kind("decision")[0]
    assert decision.existing and decision.node_id == "decision:fr-cnil-clearview-ai-2022-10-20"
    store.upsert(accepted_batch(extraction, other, ["all"], store))
    assert len(list(store.iter_nodes("Decision"))) == 1
    cites = store.relationships_of([decision.node_id], ["CITES"], "out")
    assert len(cites) == 1
    spans = cites[0].properties["spans"]
    assert len(spans) == 2 and len(cites[0].properties["sources"]) == 2
