"""The gdpr-fines-tsv loader against an independent reading of the raw file (csv module)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.base import GraphStore, PropertyFilter
from enforcegraph.loaders.base import read_batch
from enforcegraph.loaders.datasets import dataset_batch

# Written out here, independently of loaders/data/gdpr_fines.yaml.
ISO = {
    "Austria": "AT", "Belgium": "BE", "Bulgaria": "BG", "Croatia": "HR", "Cyprus": "CY",
    "Czech Republic": "CZ", "Denmark": "DK", "France": "FR", "Germany": "DE", "Greece": "GR",
    "Hungary": "HU", "Iceland": "IS", "Italy": "IT", "Latvia": "LV", "Lithuania": "LT",
    "Malta": "MT", "Netherlands": "NL", "Norway": "NO", "Poland": "PL", "Portugal": "PT",
    "Romania": "RO", "Slovakia": "SK", "Spain": "ES", "Sweden": "SE", "United Kingdom": "GB",
}
ART32 = re.compile(r"\bArt\.?\s*32\b")


def _held_back_ids(report: dict[str, Any]) -> set[str]:
    return {re.search(r"\(id (\d+)\)", h["record"]).group(1) for h in report["held_back"]}  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, fines_tsv: Path) -> dict[str, Any]:
    """The table loaded once through the CLI, with its report."""
    from click.testing import CliRunner

    from enforcegraph.graph.cli import main

    tmp = tmp_path_factory.mktemp("fines")
    db, report = tmp / "graph.sqlite", tmp / "r.json"
    result = CliRunner().invoke(
        main, ["--db", str(db), "load", str(fines_tsv), "--format", "gdpr-fines-tsv", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    return {"db": db, "report": json.loads(report.read_text("utf-8")), "summary": report.with_suffix(".txt")}


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def fines_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                fines_tsv: Path) -> Iterator[GraphStore]:
    """A store of each backend holding the GDPR text and the fines table, loaded once per
    module (the tests only read it)."""
    opened: GraphStore
    if request.param == "embedded":
        opened = EmbeddedStore(tmp_path_factory.mktemp("fines-store") / "graph.sqlite")
    else:
        from enforcegraph.graph.backends.neo4j import Neo4jStore
        from enforcegraph.graph.settings import Settings

        server = request.getfixturevalue("neo4j_server")
        opened = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=server.uri, neo4j_password=""))
        opened.clear()
    opened.upsert(dataset_batch("gdpr-text"))
    opened.upsert(read_batch(fines_tsv, "gdpr-fines-tsv"))
    yield opened
    opened.close()


def test_250_decisions_or_every_held_back_row_reported(loaded: dict[str, Any], fines_raw: list[dict[str, str]]) -> None:
    from enforcegraph.graph.backends.embedded import EmbeddedStore

    report = loaded["report"]
    assert report["rows_read"] == len(fines_raw) == 250
    assert report["rows_loaded"] + len(report["held_back"]) == 250
    assert all(h["message"] and h["rule"] for h in report["held_back"])
    held = _held_back_ids(report)
    with EmbeddedStore(loaded["db"]) as store:
        ids = {n.id for n in store.iter_nodes("Decision")}
    assert ids == {f"decision:gdpr-fines-2020-{r['id']}" for r in fines_raw if r["id"] not in held}
    text = loaded["summary"].read_text("utf-8")
    assert "held back" in text and "repairs" in text
    rules = {r["rule"] for r in report["repairs"]}
    assert {"article-type-swap", "authority-controller-swap", "url-in-type", "controller-url",
            "proposed-fine-from-summary"} <= rules


def test_fine_totals_by_country_match_the_raw_file(fines_store: GraphStore, fines_raw: list[dict[str, str]], loaded: dict[str, Any]) -> None:
    held = _held_back_ids(loaded["report"])
    expected: dict[str, float] = defaultdict(float)
    for row in fines_raw:
        if row["id"] not in held:
            expected[ISO[row["name"]]] += float(row["price"])
    issued = {r.end: r.start for r in fines_store.iter_relationships("ISSUED")}
    imposed = {r.end: r.start for r in fines_store.iter_relationships("IMPOSES")}
    regulators = {n.id: n for n in fines_store.iter_nodes("Regulator")}
    got: dict[str, float] = defaultdict(float)
    for sanction in fines_store.find("Sanction", [PropertyFilter("kind", "eq", "fine")]):
        country = regulators[issued[imposed[sanction.id]]].get("country")
        got[country] += float(sanction.get("amount_eur") or 0)
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in expected.items() if v}
    assert all(s.get("currency") == "EUR" for s in fines_store.find("Sanction") if s.get("amount"))


def test_art_32_count_matches_the_raw_file(fines_store: GraphStore, fines_raw: list[dict[str, str]], loaded: dict[str, Any]) -> None:
    held = _held_back_ids(loaded["report"])
    # the article is in `type` where the two columns are swapped (id 99)
    expected = {f"decision:gdpr-fines-2020-{r['id']}" for r in fines_raw if r["id"] not in held
                and (ART32.search(r["article_violated"]) or ART32.search(r["type"]))}
    rows = fines_store.traversals().run("decisions-citing", "GDPR Art. 32")
    assert {r["id"] for r in rows} == expected and len(expected) > 50
    article = fines_store.get("article:gdpr-32")
    assert article is not None and article.get("title") == "Security of processing"


def test_the_largest_fine_is_google_by_the_cnil(fines_store: GraphStore) -> None:
    top = fines_store.find("Sanction", [PropertyFilter("kind", "eq", "fine")], order_by="amount_eur", descending=True, limit=1)[0]
    assert top.get("amount_eur") == 50_000_000 and top.get("currency") == "EUR"
    (_imposes, decision), = fines_store.neighbours(top.id, ["IMPOSES"], "in")
    assert decision.get("date") == "2019-01-21"
    (_, regulator), = fines_store.neighbours(decision.id, ["ISSUED"], "in")
    assert regulator.id == "regulator:fr-cnil"
    (_, firm), = fines_store.neighbours(decision.id, ["AGAINST"], "out")
    assert firm.get("name") == "Google"


def test_vodafone_spain_variants_are_one_firm(fines_store: GraphStore, fines_raw: list[dict[str, str]]) -> None:
    variants = {"Vodafone Espana", "Vodafone España", "Vodafone España, S.A.U."}
    expected = sum(1 for r in fines_raw if r["controller"].strip() in variants)
    firm = fines_store.get("company:vodafone-espana")
    assert firm is not None and {firm.get("name"), *firm.get("aliases")} == variants
    history = fines_store.traversals().run("enforcement-history", "Vodafone España, S.A.U.")
    assert len(history) == expected == 20
    assert fines_store.search("Vodafone España")[0].id == "company:vodafone-espana"


def test_no_decision_is_dated_1970_and_summaries_are_decoded(fines_store: GraphStore, fines_raw: list[dict[str, str]]) -> None:
    decisions = list(fines_store.iter_nodes("Decision"))
    assert not [d.id for d in decisions if str(d.get("date") or "").startswith("1970")]
    unknown = sum(1 for r in fines_raw if r["date"] == "01/01/1970")
    assert sum(1 for d in decisions if d.get("date") is None) == unknown == 15
    assert not [d.id for d in decisions if re.search(r"&#\d+;|&amp;|<strong>", d.get("summary") or "")]


def test_repaired_rows(fines_store: GraphStore) -> None:
    def ends(node_id: str, rel: str) -> list[str]:
        return sorted(r.end for r in fines_store.relationships_of([node_id], [rel], "out"))

    def starts(node_id: str, rel: str) -> list[str]:
        return sorted(r.start for r in fines_store.relationships_of([node_id], [rel], "in"))

    assert starts("decision:gdpr-fines-2020-229", "ISSUED") == ["regulator:es-aepd"]
    assert ends("decision:gdpr-fines-2020-99", "INFRINGES") == ["article:gdpr-32"]
    party = fines_store.get(ends("decision:gdpr-fines-2020-246", "AGAINST")[0])
    assert party is not None and party.get("kind") == "anonymous"
    proposed = fines_store.get("sanction:gdpr-fines-2020-23")
    assert proposed is not None and proposed.get("kind") == "proposed_fine"
    assert proposed.get("amount_eur") == 110_390_200
    provisions = sorted(r.properties.get("provision") for r in fines_store.relationships_of(
        ["decision:gdpr-fines-2020-243"], ["INFRINGES"], "out"))
    assert provisions == ["15(1)", "15(3)"]


def test_anonymous_parties_are_one_per_decision(fines_store: GraphStore) -> None:
    anonymous = fines_store.find("Company", [PropertyFilter("kind", "eq", "anonymous")])
    for party in anonymous:
        assert len(fines_store.relationships_of([party.id], ["AGAINST"], "in")) == 2  # decision, sanction


def test_reload_is_idempotent(fines_store: GraphStore, fines_tsv: Path) -> None:
    assert not fines_store.upsert(read_batch(fines_tsv, "gdpr-fines-tsv")).changed
