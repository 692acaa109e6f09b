"""Locating the firms of the CMS Enforcement Tracker snapshot (test data, never bundled):
the share of sanctioned firms whose establishment is known grows, Spain's "S.A.U." firms
fined by the AEPD are in Spain, no GmbH is placed anywhere by its legal form, every found
location carries its rule, confidence and existing sources, and Clearview stays a headline
firm (its case file locates it)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.loaders.location import OWN_RULES

TRACKER = "enforcement-tracker-2024/enforcementtracker.json"


def _stats(db: Path) -> dict[str, float]:
    result = CliRunner().invoke(main, ["--db", str(db), "stats", "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output)["establishment"])


def test_tracker_firms_located_from_evidence(shared_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    runner = CliRunner()
    loaded = runner.invoke(main, ["--db", str(db), "load", "clearview", "reference-cases",
                                  str(shared_data / TRACKER), "--no-locate"])
    assert loaded.exit_code == 0, loaded.output
    before = _stats(db)
    located = runner.invoke(main, ["--db", str(db), "locate"])
    assert located.exit_code == 0, located.output
    after = _stats(db)
    print(f"\nsanctioned firms with a known establishment: {before['known']}/{before['firms']} "
          f"before, {after['known']}/{after['firms']} after")
    assert after["firms"] == before["firms"] and after["known"] > before["known"] * 5

    store = EmbeddedStore(db, read_only=True)
    try:
        firms = {n.id: n for n in store.iter_nodes("Company")}
        rels = store.relationships_of(list(firms), ["HAS_ESTABLISHMENT", "INCORPORATED_IN"], "out")
        found = [r for r in rels if r.properties.get("rule") in OWN_RULES]
        assert found
        sources = store.get_many({s for r in found for s in r.properties["sources"]})
        for rel in found:
            assert 0 < rel.properties["confidence"] <= 1 and rel.properties["sources"], rel.id
            assert all(s in sources for s in rel.properties["sources"]), rel.id
        where = {(firms[r.start].properties["name"], r.end, r.properties["rule"]) for r in found
                 if r.type == "HAS_ESTABLISHMENT"}
        spanish = {(n, j) for n, j, _ in where if n.replace(",", "").endswith(" S.A.U.")}
        assert spanish and {j for _, j in spanish} == {"jurisdiction:es"}
        assert any(n.startswith("Vodafone España") and j == "jurisdiction:es" for n, j in spanish)
        assert not [n for n, _, rule in where if n.endswith("GmbH") and rule.startswith("legal-form")]
        headline = {r["firm"]["id"] for r in store.traversals().sanctions_without_eu_establishment()}
        assert "company:clearview-ai" in headline
    finally:
        store.close()
