"""The GDPRhub loaders on small made-up files, one trap at a time (no GDPRhub text)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import guess_format, read_batch, read_batches
from enforcegraph.loaders.gdprhub_read import CSV_COLUMNS
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch


def row(**cells: str) -> dict[str, str]:
    """A CSV row: a DPA complaint upheld by default."""
    base = {"Decision by": "DPA: CNIL (France)", "Case number/name": "SAN-2099-001",
            "Jurisdiction": "France", "Date of decision": "17.10.2022",
            "Relevant GDPR articles": "5(1)(a), 6", "Relevant EU laws": "",
            "Relevant national/other laws": "", "Type of decision & outcome": "Complaint → Upheld",
            "Fine": "", "Parties": "Example SAS", "Contributor": "x", "Summary": "A made-up summary."}
    base.update({_COLUMN[k]: v for k, v in cells.items()})
    return base


_COLUMN = {"Decision_by": "Decision by", "Case_number_name": "Case number/name", "Jurisdiction": "Jurisdiction",
           "Date_of_decision": "Date of decision", "Relevant_GDPR_articles": "Relevant GDPR articles",
           "Type_of_decision___outcome": "Type of decision & outcome", "Fine": "Fine", "Parties": "Parties",
           "Summary": "Summary"}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def load(path: Path, fmt: str = "gdprhub-csv") -> tuple[Batch, dict[str, Any]]:
    batch = read_batch(path, fmt)
    report = getattr(batch, "report")  # noqa: B009
    return batch, report.to_dict()


def nodes(batch: Batch, label: str) -> dict[str, dict[str, Any]]:
    return {n.id: n.properties for n in batch.nodes if n.label == label}


def rels(batch: Batch, rel_type: str) -> set[tuple[str, str]]:
    return {(r.start, r.end) for r in batch.relationships if r.type == rel_type}


def rules(report: dict[str, Any], section: str) -> set[str]:
    return {i["rule"] for i in report[section]}


def test_fines_in_other_currencies_thousands_and_symbols(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [
        row(Case_number_name="A-1", Fine="10000 RON", Date_of_decision="18.05.2022",
            Decision_by="DPA: ANSPDCP (Romania)", Jurisdiction="Romania"),
        row(Case_number_name="A-2", Fine="2.000 EUR"),
        row(Case_number_name="A-3", Fine="500,000 SEK", Date_of_decision="",
            Decision_by="DPA: IMY (Sweden)", Jurisdiction="Sweden"),
        row(Case_number_name="A-4", Fine="15 €"),
        row(Case_number_name="A-5", Fine="0 EUR"),
    ])
    batch, report = load(path)
    s = nodes(batch, "Sanction")
    ron = s["sanction:gdprhub-ro-anspdcp-a-1"]
    assert (ron["amount"], ron["currency"]) == (10000.0, "RON")
    assert 1900 < ron["amount_eur"] < 2100  # ECB RON rate of 2022-05-18 (about 4.95)
    assert (s["sanction:gdprhub-fr-cnil-a-2"]["amount"], s["sanction:gdprhub-fr-cnil-a-2"]["currency"]) == (2000.0, "EUR")
    sek = s["sanction:gdprhub-se-imy-a-3"]
    assert (sek["amount"], sek["currency"], sek.get("amount_eur")) == (500000.0, "SEK", None)  # no decision date
    assert s["sanction:gdprhub-fr-cnil-a-4"]["currency"] == "EUR"
    assert "sanction:gdprhub-fr-cnil-a-5" not in s  # a fine of 0 is no fine
    assert {"thousands-separator", "currency-symbol"} <= rules(report, "repairs")
    assert {"not-converted", "fine-zero"} <= rules(report, "notes")


def test_a_fine_without_currency_is_eur_only_in_the_euro_area(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [
        row(Decision_by="DPA: VDAI (Lithuania)", Jurisdiction="Lithuania", Fine="20000", Date_of_decision="21.06.2021"),
        row(Decision_by="DPA: VDAI (Lithuania)", Jurisdiction="Lithuania", Case_number_name="old", Fine="20000",
            Date_of_decision="21.06.2014"),
        row(Decision_by="DPA: ANSPDCP (Romania)", Jurisdiction="Romania", Fine="10000"),
    ])
    batch, report = load(path)
    s = nodes(batch, "Sanction")
    assert s["sanction:gdprhub-lt-vdai-san-2099-001"]["currency"] == "EUR"
    assert "amount" not in s["sanction:gdprhub-lt-vdai-old"]  # Lithuania took the euro in 2015
    ro = s["sanction:gdprhub-ro-anspdcp-san-2099-001"]
    assert "amount" not in ro and "10000" in ro["description"]
    assert "currency-from-euro-area" in rules(report, "repairs")
    assert "currency-missing" in rules(report, "notes")


def test_implausible_fines_and_the_edpb_impose_no_amount(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [
        row(Case_number_name="I-1", Fine="2000030000 €"),
        row(Decision_by="DPA: EDPB", Jurisdiction="European Union", Case_number_name="Binding Decision 9/2099",
            Fine="405000000 EUR", Type_of_decision___outcome="Other"),
    ])
    batch, report = load(path)
    s = nodes(batch, "Sanction")
    assert "amount" not in s["sanction:gdprhub-fr-cnil-i-1"]
    assert not [i for i in s if i.startswith("sanction:gdprhub-eu-edpb")]
    assert nodes(batch, "Decision")["decision:gdprhub-eu-edpb-binding-decision-9-2099"]["kind"] == "findings"
    assert {"fine-implausible", "fine-of-lead-authority"} <= rules(report, "notes")


def test_dates_case_numbers_in_the_date_column_and_bad_dates(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [
        row(Case_number_name="'-", Date_of_decision="PS/00032/2020", Summary="one"),
        row(Case_number_name="X-2", Date_of_decision="X-2", Summary="two"),
        row(Case_number_name="X-3", Date_of_decision="Q-9", Summary="three"),
        row(Case_number_name="X-4", Date_of_decision="31.02.2021", Summary="four"),
        row(Case_number_name="31.01.2024", Date_of_decision="", Summary="five"),
    ])
    batch, report = load(path)
    d = nodes(batch, "Decision")
    assert d["decision:gdprhub-fr-cnil-ps-00032-2020"]["ref"] == "PS/00032/2020"
    assert "date" not in d["decision:gdprhub-fr-cnil-ps-00032-2020"]
    assert "date" not in d["decision:gdprhub-fr-cnil-x-2"]
    assert "date" not in d["decision:gdprhub-fr-cnil-31.01.2024"]
    held = {i["record"]: i["rule"] for i in report["held_back"]}
    assert held == {"line 4": "date-unreadable", "line 5": "date-invalid"}
    assert "case-in-date-column" in rules(report, "repairs")
    assert "case-is-date" in rules(report, "notes")


def test_parties_only_the_controller_side_is_against(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [
        row(Case_number_name="P-1", Parties="Data subject\nKebab restaurant"),
        row(Case_number_name="P-2", Parties="Complainant: Mr. X\nKebab restaurant"),
        row(Case_number_name="P-3", Parties="noyb\nVodafone España, S.A.U.\nAutoriteit Persoonsgegevens"),
        row(Case_number_name="P-4", Parties="Anonymous"),
        row(Case_number_name="P-5", Parties="Finnkino\nAnonymous"),
        row(Case_number_name="P-6", Parties="'-"),
    ])
    batch, _ = load(path)
    against = rels(batch, "AGAINST")
    kebab = {e for s, e in against if s in {"decision:gdprhub-fr-cnil-p-1", "decision:gdprhub-fr-cnil-p-2"}}
    assert kebab == {"company:anonymous-gdprhub-fr-cnil-p-1", "company:anonymous-gdprhub-fr-cnil-p-2"}  # never merged
    companies = nodes(batch, "Company")
    assert companies["company:anonymous-gdprhub-fr-cnil-p-1"]["kind"] == "anonymous"
    assert {e for s, e in against if s == "decision:gdprhub-fr-cnil-p-3"} == {"company:vodafone-espana"}
    assert {e for s, e in against if s == "decision:gdprhub-fr-cnil-p-4"} == {"company:anonymous-gdprhub-fr-cnil-p-4"}
    assert {e for s, e in against if s == "decision:gdprhub-fr-cnil-p-5"} == {"company:finnkino"}
    assert not {e for s, e in against if s == "decision:gdprhub-fr-cnil-p-6"}
    assert not any("noyb" in c or "persoonsgegevens" in c for c in companies)


def test_generic_descriptions_of_a_controller_are_anonymous_and_never_merged(tmp_path: Path) -> None:
    """Seen in the 2024 snapshot: "Insurance company" in a Danish decision and in a Belgian
    judgment became one named firm (company:insurance); "Hotel", "Law firm", "Security
    company (name N/A at the moment)" were named firms too."""
    path = write_csv(tmp_path / "g.csv", [
        row(Case_number_name="G-1", Parties="Data subject\nInsurance company"),
        row(Case_number_name="G-2", Parties="Insurance company"),
        row(Case_number_name="G-3", Parties="Hotel"),
        row(Case_number_name="G-4", Parties="Security company (name N/A at the moment)"),
        row(Case_number_name="G-5", Parties="Law firm\nComplainant: Mr. X"),
        row(Case_number_name="G-6", Parties="Hotel Adlon Kempinski Berlin GmbH"),
    ])
    batch, _ = load(path)
    against = rels(batch, "AGAINST")
    companies = nodes(batch, "Company")
    for case in ("g-1", "g-2", "g-3", "g-4", "g-5"):
        targets = {e for s, e in against if s == f"decision:gdprhub-fr-cnil-{case}"}
        assert targets == {f"company:anonymous-gdprhub-fr-cnil-{case}"}, (case, targets)
        assert companies[f"company:anonymous-gdprhub-fr-cnil-{case}"]["kind"] == "anonymous"
    assert not {"company:insurance", "company:hotel", "company:law-firm"} & set(companies)
    assert {e for s, e in against if s == "decision:gdprhub-fr-cnil-g-6"} == {"company:hotel-adlon-kempinski-berlin"}


@pytest.mark.parametrize(("party", "kind"), [
    ("Ayuntamiento de Burgos", "public_body"), ("Comune di Napoli", "public_body"),
    ("Region Stockholm", "public_body"), ("Ministère de l'Intérieur", "public_body"),
    ("Minister of Finance", "public_body"), ("Gladsaxe Kommune", "public_body"),
    ("Regional Bank Ltd", "company"), ("Comunello S.p.A.", "company"),
])
def test_public_bodies_in_their_own_languages(tmp_path: Path, party: str, kind: str) -> None:
    """Seen in the 2024 snapshots: 126 town halls, comuni, regions and ministries were kind company."""
    batch, _ = load(write_csv(tmp_path / "b.csv", [row(Case_number_name="B-1", Parties=party)]))
    (target,) = [e for s, e in rels(batch, "AGAINST")]
    assert nodes(batch, "Company")[target]["kind"] == kind


def test_the_aepds_anonymised_initials(tmp_path: Path) -> None:
    """Seen in the 2024 snapshot: 'Vodafone España, S.A.U A.A.A.' (the complainant run on to
    the firm) was a firm of its own (company:vodafone-espana-aaa), and 'COMUNIDAD DE
    PROPIETARIOS R.R.R.' one named party of two decisions."""
    path = write_csv(tmp_path / "i.csv", [
        row(Decision_by="DPA: AEPD (Spain)", Case_number_name="PS/00405/2019", Parties="Vodafone España, S.A.U A.A.A."),
        row(Decision_by="DPA: AEPD (Spain)", Case_number_name="PS/1", Parties="COMUNIDAD DE PROPIETARIOS R.R.R."),
        row(Decision_by="DPA: AEPD (Spain)", Case_number_name="PS/2", Parties="COMUNIDAD DE PROPIETARIOS R.R.R."),
    ])
    batch, _ = load(path)
    against = rels(batch, "AGAINST")
    assert {e for s, e in against if s == "decision:gdprhub-es-aepd-ps-00405-2019"} == {"company:vodafone-espana"}
    community = {e for s, e in against if s in {"decision:gdprhub-es-aepd-ps-1", "decision:gdprhub-es-aepd-ps-2"}}
    assert community == {"company:anonymous-gdprhub-es-aepd-ps-1", "company:anonymous-gdprhub-es-aepd-ps-2"}


def test_issuers_regulators_courts_the_cjeu_and_unmapped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "i.csv", [
        row(Decision_by="Court: BVwG", Jurisdiction="Austria", Case_number_name="W1", Type_of_decision___outcome=""),
        row(Decision_by="CJEU (Court of Justice of the European Union)", Jurisdiction="European Union",
            Case_number_name="C-311/18 - Schrems II"),
        row(Decision_by="Court: OLG Köln", Jurisdiction="Germany", Case_number_name="15 U 1/21"),
        row(Decision_by="Court: EWCA (UK)", Jurisdiction="United Kingdom", Case_number_name="[2021] 1"),
        row(Decision_by="DPA: Nowhere (Atlantis)", Jurisdiction="France"),
        row(Decision_by="'-", Jurisdiction="'-"),
        row(Decision_by="Court: undefined", Jurisdiction="Germany"),
    ])
    batch, report = load(path)
    issued = rels(batch, "ISSUED")
    assert ("court:at-bvwg", "decision:gdprhub-at-bvwg-w1") in issued
    assert ("court:eu-cjeu", "decision:gdprhub-eu-cjeu-c-311-18-schrems-ii") in issued
    assert ("court:de-olg-koln", "decision:gdprhub-de-olg-koln-15-u-1-21") in issued
    assert ("court:gb-ewca", "decision:gdprhub-gb-ewca-2021-1") in issued
    assert nodes(batch, "Decision")["decision:gdprhub-at-bvwg-w1"]["kind"] == "judgment"
    assert nodes(batch, "Court")["court:de-olg-koln"] == {"name": "OLG Köln", "country": "DE", "kind": "court",
                                                           "sources": ["source:gdprhub"]}
    held = sorted((i["record"], i["rule"]) for i in report["held_back"])
    assert held == [("line 6", "issuer-unmapped"), ("line 7", "issuer-placeholder"), ("line 8", "issuer-placeholder")]
    assert all(i["message"] for i in report["held_back"])


def test_shared_case_numbers_placeholders_and_duplicate_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", [
        row(Case_number_name="20/03293", Summary="First decision."),
        row(Case_number_name="20/03293", Summary="Second decision."),
        row(Case_number_name="56/2021", Summary="Same."),
        row(Case_number_name="56/2021", Summary="Same."),
        row(Case_number_name="'-", Summary="No case number."),
        row(Case_number_name="N/A", Summary=""),
    ])
    batch, report = load(path)
    ids = sorted(nodes(batch, "Decision"))
    assert len([i for i in ids if i.startswith("decision:gdprhub-fr-cnil-20-03293-")]) == 2
    assert "decision:gdprhub-fr-cnil-56-2021" in ids
    assert len([i for i in ids if "-nocase-" in i]) == 1
    assert {"case-shared", "duplicate-row"} <= rules(report, "notes")
    assert [i["rule"] for i in report["held_back"]] == ["no-identity"]
    assert report["rows_read"] == 6 and report["rows_loaded"] == 5


def test_articles_infringed_when_a_violation_is_found_else_cited(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        row(Case_number_name="U", Relevant_GDPR_articles="5(1)(f), 32, 5(1)(f)"),
        row(Case_number_name="R", Type_of_decision___outcome="Complaint → Rejected", Relevant_GDPR_articles="15(3)"),
        row(Case_number_name="B", Relevant_GDPR_articles="Art. X, 150"),
    ])
    batch, report = load(path)
    infringes = {(r.start, r.end, r.properties.get("provision")) for r in batch.relationships if r.type == "INFRINGES"}
    assert infringes == {("decision:gdprhub-fr-cnil-u", "article:gdpr-5", "5(1)(f)"),
                         ("decision:gdprhub-fr-cnil-u", "article:gdpr-32", "32")}
    assert rels(batch, "CITES") == {("decision:gdprhub-fr-cnil-r", "article:gdpr-15")}
    assert [i["rule"] for i in report["notes"] if i["field"] == "Relevant GDPR articles"] == ["article-unreadable"] * 2


def test_the_page_url_rule_and_the_sources(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", [row(Decision_by="DPA: AEPD (Spain)", Jurisdiction="Spain",
                                             Case_number_name="PS/00001/2021")])
    batch, _ = load(path)
    sources = nodes(batch, "Source")
    page = [p for p in sources.values() if p["url"].startswith("https://gdprhub.eu/index.php")]
    assert [p["url"] for p in page] == ["https://gdprhub.eu/index.php?title=AEPD_(Spain)_-_PS/00001/2021"]
    assert (page[0]["kind"], page[0]["publisher"]) == ("dataset", "GDPRhub")
    for record in [*batch.nodes, *batch.relationships]:
        if getattr(record, "label", "") != "Source":
            assert record.properties.get("sources"), record


def api(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": len(rows), "rows": rows}


def api_row(case: str = "PS/00030/2021", **content: Any) -> dict[str, Any]:
    base = {"decider_type": "dpa", "jurisdiction": "Spain", "jurisdiction_abbr": "ES", "dpa": "AEPD (Spain)",
            "case_nr_name": case, "decision_type": "Complaint", "outcome": "Upheld",
            "date_decided": "2021-05-17 00:00:00 UTC", "date_published": "2021-05-25 00:00:00 UTC",
            "fine": {"amount": "100000", "currency": "EUR"}, "parties": [{"name": "Vodafone España, S.A.U."}],
            "sources": [{"name": "AEPD", "url": "https://www.aepd.es/es/documento/ps-00030-2021.pdf"}],
            "applied_laws": {"gdpr": [{"article": "6", "paragraph": "1"}]}, "text": {"summary": "Made up."}}
    base.update(content)
    return {"content": base, "wiki": {"url": f"https://gdprhub.eu/index.php?title=AEPD_(Spain)_-_{case}",
                                      "title": f"AEPD (Spain) - {case}", "page_id": 1}}


def test_the_api_json_gives_the_csv_ids_and_adds_its_own_facts(tmp_path: Path) -> None:
    json_path = tmp_path / "x.gdprhub.json"
    json_path.write_text(json.dumps(api([api_row()])), "utf-8")
    csv_path = write_csv(tmp_path / "x.csv", [row(Decision_by="DPA: AEPD (Spain)", Jurisdiction="Spain",
                                                  Case_number_name="PS/00030/2021", Fine="100000 EUR",
                                                  Date_of_decision="17.05.2021", Summary="Made up.")])
    from_json, _ = load(json_path, "gdprhub-json")
    from_csv, _ = load(csv_path)
    assert set(nodes(from_json, "Decision")) == set(nodes(from_csv, "Decision")) == {"decision:gdprhub-es-aepd-ps-00030-2021"}
    decision = nodes(from_json, "Decision")["decision:gdprhub-es-aepd-ps-00030-2021"]
    assert (decision["date"], decision["announced_date"]) == ("2021-05-17", "2021-05-25")
    assert "source:www.aepd.es-es-documento-ps-00030-2021.pdf" in decision["sources"]
    assert (from_json.dataset, from_csv.dataset) == ("gdprhub-json", "gdprhub-csv")


@pytest.mark.parametrize(("text", "field"), [
    ('[1, 2]', "-"),
    ('{"total": 1, "rows": {"a": 1}}', "rows"),
    ('{"total": 1}', "rows"),
    ('{"total": 1, "rows": [{"content": {"case_nr_name": {"a": 1}}, "wiki": {}}]}', "content.case_nr_name"),
    ('{"total": 1, "rows": [{"content": [], "wiki": {}}]}', "content"),
    ('{"total": 1, "rows": [{"content": {}, "wiki": {}}', "-"),
])
def test_the_api_json_of_the_wrong_shape_is_a_located_error(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "bad.gdprhub.json"
    path.write_text(text, "utf-8")
    with pytest.raises(InvalidData) as caught:
        list(read_batches(path, "gdprhub-json"))
    error = caught.value.errors[0]
    assert (error.file, error.field) == (str(path), field), caught.value


def test_a_broken_csv_row_loads_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "b.csv", [row(Case_number_name="OK")])
    path.write_text(path.read_text("utf-8-sig") + '"DPA: CNIL (France)","short"\n', "utf-8")
    with pytest.raises(InvalidData) as caught:
        list(read_batches(path, "gdprhub-csv", size=2))  # no batch before the error
    assert caught.value.errors[0].record == "line 3"


def test_a_changed_file_updates_what_changed_and_keeps_judgements(store: GraphStore, tmp_path: Path) -> None:
    first = [row(Case_number_name="C-1", Fine="1000 EUR", Parties="Vodafone España, S.A.U."),
             row(Case_number_name="C-2", Parties="Vodafone Spain")]
    path = write_csv(tmp_path / "gdprhub-decisions.csv", first)
    store.upsert_stream(read_batches(path, "gdprhub-csv", size=8))
    again = store.upsert_stream(read_batches(path, "gdprhub-csv", size=8))
    assert not again.changed  # re-loading the same file is a no-op
    store.judge(Judgement("company:vodafone-espana", "company:vodafone-spain", "same", "analyst",
                          "2024-03-01", "the same firm"))
    changed = [row(Case_number_name="C-1", Fine="1500 EUR", Parties="Vodafone España, S.A.U."),
               row(Case_number_name="C-2", Parties="Vodafone Spain", Summary="Edited.")]
    write_csv(path, changed)
    summary = store.upsert_stream(read_batches(path, "gdprhub-csv", size=8))
    assert summary.changed and summary.nodes_created == 0
    assert store.get("sanction:gdprhub-fr-cnil-c-1").properties["amount"] == 1500.0  # type: ignore[union-attr]
    assert store.get("decision:gdprhub-fr-cnil-c-2").properties["summary"] == "Edited."  # type: ignore[union-attr]
    assert store.get("company:vodafone-spain") is None  # the judgement still holds
    targets = {r.end for r in store.relationships_of(["decision:gdprhub-fr-cnil-c-2"], ["AGAINST"], "out")}
    assert "company:vodafone-espana" in targets


@pytest.mark.parametrize(("name", "expected"), [
    ("gdprhub-decisions.csv", "gdprhub-csv"), ("gdprhub-eu_full_download.csv", "gdprhub-csv"),
    ("gdprhub-decisions.json", "gdprhub-json"), ("gdprhub-api-sample.json", "gdprhub-json"),
    ("mine.gdprhub.json", "gdprhub-json"),
])
def test_the_format_is_guessed_from_the_names_the_site_and_fetch_give(name: str, expected: str) -> None:
    assert guess_format(Path(name)) == expected


def test_api_issuer_kinds_and_the_file_limit(tmp_path: Path) -> None:
    rows = [api_row("C-1", decider_type="cjeu", dpa=None, jurisdiction="European Union"),
            api_row("X-1", decider_type="ombudsman", dpa="Someone (Atlantis)"),
            api_row("AD 2021 nr 23", decider_type="court", dpa=None, court={"orig_abbr": "AD"},
                    jurisdiction="Sweden")]
    path = tmp_path / "k.gdprhub.json"
    path.write_text(json.dumps(api(rows)), "utf-8")
    batch, report = load(path, "gdprhub-json")
    issued = rels(batch, "ISSUED")
    assert ("court:eu-cjeu", "decision:gdprhub-eu-cjeu-c-1") in issued
    assert ("court:se-ad", "decision:gdprhub-se-ad-ad-2021-nr-23") in issued
    assert [(i["record"], i["rule"]) for i in report["held_back"]] == [("row 1", "issuer-unmapped")]
    from enforcegraph.loaders.limits import InputLimits
    with pytest.raises(InvalidData, match="ENFORCEGRAPH_MAX_INPUT_BYTES"):
        list(read_batches(path, "gdprhub-json", InputLimits(file_bytes=1000)))
