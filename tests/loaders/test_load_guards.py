"""Issue 16's leftovers that put wrong facts or wrong merges into the graph, each on small
made-up files through the real loaders (and the real store and linker where it matters):
firms of one name key that the firm-name guard tells apart, titled natural persons, trade
unions, placeholder case numbers, fines in a currency the issuer does not fine in, and
``load --report`` for case files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch, read_batches
from enforcegraph.loaders.gdprhub_read import CSV_COLUMNS
from enforcegraph.loaders.linkage import link_all
from enforcegraph.schema.records import Batch

AEPD = {"Decision by": "DPA: AEPD (Spain)", "Jurisdiction": "Spain"}


def hub_row(case: str, parties: str = "Example S.L.", fine: str = "", date: str = "17.10.2022",
            summary: str | None = None, **issuer: str) -> dict[str, str]:
    """One row of GDPRhub's CSV (an AEPD fine by default)."""
    row = {"Decision by": "DPA: AEPD (Spain)", "Case number/name": case, "Jurisdiction": "Spain",
           "Date of decision": date, "Relevant GDPR articles": "6", "Relevant EU laws": "",
           "Relevant national/other laws": "", "Type of decision & outcome": "Complaint → Upheld",
           "Fine": fine, "Parties": parties, "Contributor": "x",
           "Summary": summary or f"A made-up summary of {case}."}
    row.update(issuer)
    return row


def write_hub(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def tracker_row(n: int, controller: str, authority: str = "Spanish Data Protection Authority (aepd)") -> list[str]:
    """One row of the tracker's JSON (13 cells)."""
    page = f"<a href='https://www.enforcementtracker.com/ETid-{n}'>https://www.enforcementtracker.com/ETid-{n}</a>"
    return ["", f"ETid-{n}", "SPAIN", authority, "2022-03-01", "1,000", controller, "Industry",
            "Art. 6 GDPR", "Insufficient legal basis", "A fine.", "", page]


def write_tracker(path: Path, rows: list[list[str]]) -> Path:
    path.write_text(json.dumps({"data": rows}), "utf-8")
    return path


def labelled(batch: Batch, label: str) -> dict[str, dict[str, Any]]:
    return {n.id: n.properties for n in batch.nodes if n.label == label}


def against(batch: Batch) -> set[tuple[str, str]]:
    return {(r.start, r.end) for r in batch.relationships if r.type == "AGAINST"}


def notes(batch: Batch, rule: str) -> list[str]:
    return [i.message for i in getattr(batch, "report").notes if i.rule == rule]  # noqa: B009


def names_of(props: dict[str, Any]) -> set[str]:
    return {props["name"], *(props.get("aliases") or [])}


# 1. one name key, two firms ------------------------------------------------------------

def test_two_legal_entities_in_one_gdprhub_row_are_two_firms(tmp_path: Path) -> None:
    """Seen in the 2024 snapshot: 'Niantic, Inc.' and 'Niantic International Limited' share
    the key ``niantic`` and were one node."""
    batch = read_batch(write_hub(tmp_path / "gdprhub-decisions.csv", [
        hub_row("PS/00001/2022", "Niantic, Inc.\nNiantic International Limited"),
        hub_row("PS/00002/2022", "Niantic"),
    ]))
    firms = labelled(batch, "Company")
    assert names_of(firms["company:niantic-inc"]) == {"Niantic, Inc.", "Niantic"}  # the one family it fits
    assert names_of(firms["company:niantic-intl-ltd"]) == {"Niantic International Limited"}
    assert "company:niantic" not in firms
    assert {e for s, e in against(batch) if s == "decision:gdprhub-es-aepd-ps-00001-2022"} == {
        "company:niantic-inc", "company:niantic-intl-ltd"}
    (note,) = notes(batch, "party-not-merged")
    assert "company:niantic-inc" in note and "company:niantic-intl-ltd" in note


@pytest.mark.parametrize("spellings", [
    ["Clearview AI Inc.", "Clearview AI", "Clearview AI, Inc."],
    ["Vodafone España, S.A.U.", "VODAFONE ESPAÑA, S.A.", "Vodafone Espana", "Vodafone España S.A.U"],
    ["DIGI SPAIN TELECOM, S.L.", "Digi Spain Telecom, S.L.U."],
    ["UAB „IT sprendimai sėkmei“ (Company)", "IT sprendimai sėkmei"],
])
def test_spellings_of_one_firm_stay_one_node(tmp_path: Path, spellings: list[str]) -> None:
    rows = [hub_row(f"PS/{i:05d}/2022", name) for i, name in enumerate(spellings)]
    batch = read_batch(write_hub(tmp_path / "gdprhub-decisions.csv", rows))
    (firm,) = labelled(batch, "Company").values()
    assert names_of(firm) == set(spellings)
    assert notes(batch, "party-not-merged") == []


def test_tracker_rows_of_one_key_and_different_legal_forms_are_two_firms_in_every_batch(tmp_path: Path) -> None:
    """Seen in the tracker: 'Tensa Art Design SA' / 'Tensa Art Design SRL' were one node."""
    path = write_tracker(tmp_path / "enforcementtracker.json", [
        tracker_row(1, "Tensa Art Design SA"), tracker_row(2, "Acme, S.L."),
        tracker_row(3, "Tensa Art Design SRL"), tracker_row(4, "Tensa Art Design S.A.")])
    whole = read_batch(path)
    firms = labelled(whole, "Company")
    assert names_of(firms["company:tensa-art-design-sa"]) == {"Tensa Art Design SA", "Tensa Art Design S.A."}
    assert names_of(firms["company:tensa-art-design-srl"]) == {"Tensa Art Design SRL"}
    assert notes(whole, "party-not-merged")
    streamed: dict[str, set[str]] = {}
    for batch in read_batches(path, size=8):  # the first pass: the first batch knows row 3
        streamed.update({i: names_of(p) for i, p in labelled(batch, "Company").items()})
    assert streamed == {i: names_of(p) for i, p in firms.items()}


def _store_with(tmp_path: Path, *paths: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    for path in paths:
        store.upsert(read_batch(path))
    return store


def test_the_split_pair_goes_to_review_and_the_linker_keeps_the_guard(tmp_path: Path) -> None:
    hub = write_hub(tmp_path / "gdprhub-decisions.csv", [hub_row("PS/00001/2022", "Niantic, Inc.\nNiantic International Limited")])
    # the tracker names the group without a legal form: with 'Niantic, Inc.' a form on one
    # side only and names that differ beyond it, the same issuer (the linker merged them)
    tracker = write_tracker(tmp_path / "enforcementtracker.json", [tracker_row(7, "Niantic International")])
    with _store_with(tmp_path, hub, tracker) as store:
        report = link_all(store)
        review = {(k.canonical, k.other): k.rule for k in report.review}
        assert review == {
            ("company:niantic-inc", "company:niantic-intl-ltd"): "names: one key, legal forms differ",
            ("company:niantic", "company:niantic-inc"):
                "names: one key, a legal form on one side only, names differ beyond it"}
        # the tracker's 'Niantic International' (company:niantic) is 'Niantic International Limited'
        assert [(k.canonical, k.other) for k in report.applied] == [("company:niantic", "company:niantic-intl-ltd")]
        assert store.get("company:niantic-inc") is not None


def test_a_name_without_form_linked_to_two_firms_of_its_key_goes_to_review(tmp_path: Path) -> None:
    """'Google' would link to both 'Google LLC' and 'Google Inc.', and so merge them."""
    hub = write_hub(tmp_path / "gdprhub-decisions.csv", [hub_row("PS/00001/2022", "Google LLC"), hub_row("PS/00002/2022", "Google Inc.")])
    tracker = write_tracker(tmp_path / "enforcementtracker.json", [tracker_row(3, "Google")])
    with _store_with(tmp_path, hub, tracker) as store:
        report = link_all(store)
        assert report.applied == []
        assert {k.other for k in report.review} | {k.canonical for k in report.review} == {
            "company:google", "company:google-llc", "company:google-inc"}
        assert all(store.get(i) is not None for i in ("company:google", "company:google-llc", "company:google-inc"))


# 2. persons and unions -----------------------------------------------------------------

def test_titled_names_are_persons_or_anonymous(tmp_path: Path) -> None:
    batch = read_batch(write_hub(tmp_path / "gdprhub-decisions.csv", [
        hub_row("PS/00001/2022", "Mr Panah Farhadbahman"), hub_row("PS/00002/2022", "sig. Stefano Molena"),
        hub_row("PS/00003/2022", "Mr. Y.L."), hub_row("PS/00004/2022", "Dr. Ludwig A***"),
        hub_row("PS/00005/2022", "Dr. Oetker"), hub_row("PS/00006/2022", "Dr Marín Cirugia Plástica, S.L.P.")]))
    persons = labelled(batch, "Person")
    assert {i: p["name"] for i, p in persons.items()} == {
        "person:panah-farhadbahman": "Panah Farhadbahman", "person:stefano-molena": "Stefano Molena"}
    assert persons["person:panah-farhadbahman"]["aliases"] == ["Mr Panah Farhadbahman"]
    assert ("decision:gdprhub-es-aepd-ps-00001-2022", "person:panah-farhadbahman") in against(batch)
    firms = labelled(batch, "Company")
    assert {p["name"]: p["kind"] for p in firms.values()} == {
        "Mr. Y.L.": "anonymous", "Dr. Ludwig A***": "anonymous", "Dr. Oetker": "company",
        "Dr Marín Cirugia Plástica, S.L.P.": "company"}
    assert len(notes(batch, "person-named")) == 2 and len(notes(batch, "person-anonymised")) == 2


def test_a_titled_controller_of_the_tracker_is_a_person(tmp_path: Path) -> None:
    batch = read_batch(write_tracker(tmp_path / "enforcementtracker.json", [
        tracker_row(1, "Herr Max Mustermann"), tracker_row(2, "Mr. X")]))
    assert labelled(batch, "Person") == {"person:max-mustermann": {
        "name": "Max Mustermann", "aliases": ["Herr Max Mustermann"], "sources": ["source:etid-1"]}}
    assert ("sanction:etid-1", "person:max-mustermann") in against(batch)
    assert labelled(batch, "Company")["company:anonymous-etid-2"]["kind"] == "anonymous"


@pytest.mark.parametrize(("party", "kind"), [
    ("Sindicato Aragonés de Transporte", "association"), ("Christian Trade Union", "association"),
    ("Syndicat des avocats de France", "association"), ("Gewerkschaft ver.di", "association"),
    ("FEDERACION DE SERVICIOS CCOO (CCOO)", "association"), ("English School staff union (ESSA)", "association"),
    ("ILUNION SEGURIDAD, S.A.", "company"), ("Union Investment Privatfonds GmbH", "company"),
])
def test_trade_unions_are_no_companies(tmp_path: Path, party: str, kind: str) -> None:
    batch = read_batch(write_hub(tmp_path / "gdprhub-decisions.csv", [hub_row("PS/00001/2022", party)]))
    (firm,) = labelled(batch, "Company").values()
    assert firm["kind"] == kind


# 3. placeholder case numbers -----------------------------------------------------------

@pytest.mark.parametrize("case", ["Not available", "not available", "XXXXXXXXX", "Not public (27/01/2021)",
                                  "unbekannt", "non disponibile", "Google Analytics (no case number)"])
def test_a_case_cell_that_gives_no_number_is_never_a_ref(tmp_path: Path, case: str) -> None:
    batch = read_batch(write_hub(tmp_path / "gdprhub-decisions.csv", [hub_row(case), hub_row("PS/00331/2022")]))
    decisions = labelled(batch, "Decision")
    (placeholder,) = [d for i, d in decisions.items() if "nocase" in i]
    assert "ref" not in placeholder and placeholder["title"] == f"AEPD (Spain) - {case}"
    assert decisions["decision:gdprhub-es-aepd-ps-00331-2022"]["ref"] == "PS/00331/2022"
    assert len(notes(batch, "ref-placeholder")) == 1


# 5. a currency the issuer does not fine in ---------------------------------------------

def test_a_fine_in_a_currency_neither_eur_nor_the_issuers_is_held_for_review(tmp_path: Path) -> None:
    """Seen in GDPRhub: an AEPD fine (PS/00331/2022) in BGN."""
    batch = read_batch(write_hub(tmp_path / "gdprhub-decisions.csv", [
        hub_row("PS/00331/2022", fine="2500000 BGN"), hub_row("PS/1/2022", fine="1000 EUR"),
        hub_row("A-1", fine="1000 BGN", **{"Decision by": "DPA: CPDP (Bulgaria)", "Jurisdiction": "Bulgaria"}),
        hub_row("A-2", fine="1000 HRK", date="10.03.2021", **{"Decision by": "DPA: AZOP (Croatia)", "Jurisdiction": "Croatia"}),
        hub_row("A-3", fine="1000 HRK", date="10.03.2023", **{"Decision by": "DPA: AZOP (Croatia)", "Jurisdiction": "Croatia"}),
        hub_row("A-4", fine="1000 GBP", **{"Decision by": "DPA: CNIL (France)", "Jurisdiction": "France"}),
    ]))
    fines = labelled(batch, "Sanction")
    bgn = fines["sanction:gdprhub-es-aepd-ps-00331-2022"]
    assert "amount" not in bgn and "amount_eur" not in bgn and "review" in bgn["description"]
    assert (fines["sanction:gdprhub-es-aepd-ps-1-2022"]["currency"], fines["sanction:gdprhub-bg-kzld-a-1"]["currency"],
            fines["sanction:gdprhub-hr-azop-a-2"]["currency"]) == ("EUR", "BGN", "HRK")
    assert "amount" not in fines["sanction:gdprhub-hr-azop-a-3"]  # Croatia has the euro since 2023
    assert "amount" not in fines["sanction:gdprhub-fr-cnil-a-4"]
    assert len(notes(batch, "currency-foreign")) == 3


# 4. load --report with a case file -----------------------------------------------------

@pytest.mark.parametrize("source", ["clearview", "CASEFILE"])
def test_load_report_for_a_case_file_or_bundled_dataset(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch,
                                                        source: str) -> None:
    monkeypatch.setenv("ENFORCEGRAPH_DB", str(tmp_path / "graph.sqlite"))
    if source == "CASEFILE":
        source = str(tmp_path / "case.yaml")
        Path(source).write_text(
            "nodes:\n"
            "  - {id: source:example, label: Source, url: 'https://example.org/a'}\n"
            "  - {id: company:example, label: Company, name: Example Ltd, sources: [source:example]}\n"
            "relationships: []\n", "utf-8")
    report = tmp_path / "report.json"
    result = cli("load", source, "--report", str(report), "--no-link", "--no-locate")
    assert result.exit_code == 0, result.output
    written = json.loads(report.read_text("utf-8"))
    assert written["file"] == source and written["counts"]["notes"] == {"records-as-written": 1}
    assert written["figures"]["nodes"] == written["rows_loaded"] - written["figures"]["relationships"] > 0
    assert "Company" in written["figures"]["nodes_by_label"]
    assert report.with_suffix(".txt").exists()


def test_several_inputs_with_one_report_get_one_report_each(tmp_path: Path, cli: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENFORCEGRAPH_DB", str(tmp_path / "graph.sqlite"))
    case = tmp_path / "case.yaml"
    case.write_text(
        "nodes:\n"
        "  - {id: source:example, label: Source, url: 'https://example.org/a'}\n"
        "relationships: []\n", "utf-8")
    report = tmp_path / "quality.json"
    result = cli("load", "clearview", str(case), "--report", str(report), "--no-link", "--no-locate")
    assert result.exit_code == 0, result.output
    first, second = tmp_path / "quality.1-clearview.json", tmp_path / "quality.2-case.json"
    assert json.loads(first.read_text("utf-8"))["file"] == "clearview"
    assert json.loads(second.read_text("utf-8"))["file"] == str(case)
    assert json.loads(second.read_text("utf-8"))["rows_loaded"] == 1
    assert not report.exists() and "quality.2-case.json" in result.output.replace("\n", "")


def test_each_backend_stores_the_guarded_records_and_a_reload_changes_nothing(store: GraphStore,
                                                                               tmp_path: Path) -> None:
    hub = write_hub(tmp_path / "gdprhub-decisions.csv", [
        hub_row("PS/00331/2022", "Niantic, Inc.\nNiantic International Limited", fine="2500000 BGN"),
        hub_row("Not available", "Mr Panah Farhadbahman"), hub_row("PS/2/2022", "Sindicato Aragonés de Transporte")])
    tracker = write_tracker(tmp_path / "enforcementtracker.json", [
        tracker_row(1, "Tensa Art Design SA"), tracker_row(2, "Tensa Art Design SRL"), tracker_row(3, "Herr Max Mustermann")])
    first = [store.upsert_stream(read_batches(path, size=10)) for path in (hub, tracker)]
    again = [store.upsert_stream(read_batches(path, size=10)) for path in (hub, tracker)]
    assert all(s.nodes_created for s in first) and not any(s.changed for s in again)
    targets = {n.id for _, n in store.neighbours("decision:gdprhub-es-aepd-ps-00331-2022", ["AGAINST"], "out")}
    assert targets == {"company:niantic-inc", "company:niantic-intl-ltd"}
    person = store.get("person:panah-farhadbahman")
    assert person is not None and person.label == "Person"
    assert {n.id for _, n in store.neighbours("person:max-mustermann", ["AGAINST"], "in")} == {
        "decision:etid-3", "sanction:etid-3"}
    sanction = store.get("sanction:gdprhub-es-aepd-ps-00331-2022")
    assert sanction is not None and sanction.get("amount") is None
    union = store.get("company:sindicato-aragones-de-transporte")
    assert union is not None and union.get("kind") == "association"
    assert {store.get(i) is not None for i in ("company:tensa-art-design-sa", "company:tensa-art-design-srl")} == {True}
    assert [n for n in store.iter_nodes("Decision") if n.get("ref") == "Not available"] == []


def test_resolve_lists_firms_the_guard_tells_apart_and_never_accepts_them(tmp_path: Path) -> None:
    """Without the linker's judgements (load --no-link), 'resolve --accept' merged every
    name proposal: 'Google' with both 'Google LLC' and 'Google Inc.'."""
    from enforcegraph.loaders.resolution import accept, propose

    hub = write_hub(tmp_path / "gdprhub-decisions.csv", [
        hub_row("PS/00001/2022", "Niantic, Inc.\nNiantic International Limited"),
        hub_row("PS/00002/2022", "Google LLC"), hub_row("PS/00003/2022", "Google Inc.")])
    tracker = write_tracker(tmp_path / "enforcementtracker.json", [tracker_row(3, "Google")])
    with _store_with(tmp_path, hub, tracker) as store:
        proposals = {frozenset([p.canonical, *p.merged]): p.strength for p in propose(store)}
        assert proposals[frozenset({"company:niantic-inc", "company:niantic-intl-ltd"})] == "legal-forms"
        assert proposals[frozenset({"company:google", "company:google-llc", "company:google-inc"})] == "legal-forms"
        assert accept(store, propose(store)) == 0  # (test_resolution: 'Google' / 'Google LLC' alone merge)
        assert all(store.get(i) is not None for i in ("company:niantic-inc", "company:niantic-intl-ltd",
                                                      "company:google", "company:google-llc", "company:google-inc"))
