"""Locating firms from evidence (loaders/location.py), on both backends.

tests/fixtures/location.yaml holds one firm per rule and per trap: a legal form of one
jurisdiction (S.p.A.), of several EU states (AB), of the issuer's state and states overseas
(S.A.U.), of several European states (GmbH: stays unknown); a lead authority's decision,
a cookie decision and a local Art. 56(2) case; a firm a case file located; a stated EU
country; an anonymous party.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcegraph.graph.cli import main
from enforcegraph.graph.domain.provenance import provenance
from enforcegraph.graph.domain.traversals import Traversals
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders import location
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.loaders.legalforms import legal_forms
from enforcegraph.loaders.location import DATASET, ELF_SOURCE, apply_locations, find_locations
from enforcegraph.schema.ids import relationship_id

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "location.yaml"

# firm -> (type, jurisdiction, rule, confidence) of every location the step must write
EXPECTED = {
    ("company:sau", "HAS_ESTABLISHMENT", "jurisdiction:es", "legal-form-issuer", 0.75),
    ("company:spa", "INCORPORATED_IN", "jurisdiction:it", "legal-form", 0.9),
    ("company:spa", "HAS_ESTABLISHMENT", "jurisdiction:it", "legal-form", 0.9),
    ("company:ab", "HAS_ESTABLISHMENT", "jurisdiction:eu", "legal-form", 0.9),
    ("company:french", "HAS_ESTABLISHMENT", "jurisdiction:fr", "stated-country", 0.95),
    ("company:lead", "HAS_ESTABLISHMENT", "jurisdiction:ie", "one-stop-shop", 0.8),
}


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.upsert(dataset_batch("jurisdictions"))
    store.upsert(parse_case_file(FIXTURE).batch)
    return store


def _found(store: GraphStore) -> set[tuple[str, str, str, str, float]]:
    rels = store.relationships_of([f[0] for f in EXPECTED] + ["company:gmbh", "company:stated"],
                                  ["INCORPORATED_IN", "HAS_ESTABLISHMENT"], "out")
    return {(r.start, r.type, r.end, r.properties["rule"], r.properties["confidence"])
            for r in rels if r.properties.get("rule")}


def _unknown(store: GraphStore) -> set[str]:
    return {row["firm"]["id"] for row in store.traversals().sanctions_with_unknown_establishment()}


def test_each_rule_locates_and_ambiguity_stays_unknown(loaded: GraphStore) -> None:
    before = _unknown(loaded)
    assert {"company:sau", "company:spa", "company:ab", "company:lead"} <= before
    found, summary = apply_locations(loaded)
    assert summary.relationships_created == len(EXPECTED)
    assert _found(loaded) == EXPECTED
    # GmbH (DE, AT, BE, LI, CH), a cookie decision, a local case, an anonymous party: unknown
    assert _unknown(loaded) == {"company:gmbh", "company:cookies", "company:local", "company:private"}
    assert "GmbH" in found.unlocated["company:gmbh"] and "company:private" not in found.unlocated
    # the one-stop-shop holds at the decision date: the firm is in the EU then
    lead = loaded.relationships_of(["company:lead"], ["HAS_ESTABLISHMENT"], "out")[0]
    assert (lead.properties["valid_from"], lead.properties["valid_to"]) == ("2023-05-12", "2023-05-12")
    assert set(lead.properties["sources"]) == {"source:loc-2"}
    headline = {r["firm"]["id"] for r in loaded.traversals().sanctions_without_eu_establishment()}
    assert headline == {"company:stated"}  # stated US; its B.V. and the lead decision change nothing
    assert loaded.traversals().establishment_coverage() == {
        "firms": 10, "known": 6, "unknown": 4, "share_known": 0.6}
    assert Traversals(loaded).establishment_coverage() == loaded.traversals().establishment_coverage()


def test_a_stated_location_is_never_touched(loaded: GraphStore) -> None:
    apply_locations(loaded)
    rels = loaded.relationships_of(["company:stated"], ["INCORPORATED_IN", "HAS_ESTABLISHMENT"], "out")
    assert [(r.type, r.end, r.properties.get("rule")) for r in rels] == [
        ("INCORPORATED_IN", "jurisdiction:us", None)]


def test_idempotent_and_sourced(loaded: GraphStore) -> None:
    apply_locations(loaded)
    again, summary = apply_locations(loaded)
    assert not summary.changed and len(again.findings) == len(EXPECTED)
    spa = relationship_id("INCORPORATED_IN", "company:spa", "jurisdiction:it", "legal-form")
    record = provenance(loaded, [spa])[spa].to_dict()
    [said] = record["assertions"]
    assert said["dataset"] == DATASET
    assert said["values"]["rule"] == "legal-form" and said["values"]["confidence"] == 0.9
    assert ELF_SOURCE in said["sources"] and "source:loc-1" in said["sources"]
    assert loaded.get(ELF_SOURCE) is not None


def test_dry_run_writes_nothing_and_chunks_agree(loaded: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    found = find_locations(loaded)
    assert len(found.findings) == len(EXPECTED)
    assert _found(loaded) == set()
    monkeypatch.setattr(location, "CHUNK", 2)  # firms read two at a time: the same answer
    assert sorted(find_locations(loaded).findings, key=repr) == sorted(found.findings, key=repr)


def test_legal_forms_keep_ambiguity() -> None:
    forms = legal_forms()
    assert forms.candidates("Esempio S.p.A.") == ("S.p.A.", ("IT",))
    assert forms.candidates("Beispiel GmbH") == ("GmbH", ("AT", "BE", "CH", "DE", "LI"))
    assert forms.candidates("Voorbeeld B.V.") == ("B.V.", ("AW", "NL"))  # as written: NL and Aruba
    assert forms.candidates("Voorbeeld BV") == ("BV", ("AW", "BE", "NL", "SX"))
    assert forms.candidates("Telefonía Ejemplo, S.A.U.") == ("S.A.U.", ("AR", "ES"))
    assert forms.candidates("Przykład Sp. z.o.o.") == ("Sp. z.o.o.", ("PL",))
    assert forms.candidates("Clearview AI") is None


def test_provenance_command_shows_rule_and_source(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "load", "jurisdictions"]).exit_code == 0
    result = runner.invoke(main, ["--db", str(db), "load", str(FIXTURE), "--no-link"])
    assert result.exit_code == 0, result.output
    assert "locate:" in result.output  # load runs the step
    rel = relationship_id("HAS_ESTABLISHMENT", "company:lead", "jurisdiction:ie", "one-stop-shop:decision:ie-1")
    shown = runner.invoke(main, ["--db", str(db), "provenance", rel])
    assert shown.exit_code == 0, shown.output
    assert "one-stop-shop" in shown.output and "location" in shown.output and "source:loc-2" in shown.output
    again = runner.invoke(main, ["--db", str(db), "locate"])
    assert again.exit_code == 0 and "0 written" in again.output


def test_graphql_shows_rule_and_confidence(loaded: GraphStore) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from enforcegraph.api.context import make_context
    from enforcegraph.api.schema import build_schema
    from enforcegraph.graph.settings import Settings

    apply_locations(loaded)
    settings = Settings()
    query = """{ node(id: "company:lead") { ... on Company { establishments {
        jurisdiction { id } rule confidence validFrom sourceUrls } } } }"""
    run = build_schema(settings).execute(query, context_value=make_context(settings, loaded))
    with ThreadPoolExecutor(max_workers=1) as pool:  # a loop of its own (Playwright's runs here)
        result = pool.submit(asyncio.run, run).result()
    assert not result.errors, result.errors
    assert result.data is not None
    assert result.data["node"]["establishments"] == [{
        "jurisdiction": {"id": "jurisdiction:ie"}, "rule": "one-stop-shop", "confidence": 0.8,
        "validFrom": "2023-05-12", "sourceUrls": ["https://example.org/location-2"]}]
