"""The enforcement-tracker-json loader on small made-up tables: one test per trap of the
real data (conversions, partial dates, several parties, anonymous and misspelt parties,
courts, placeholders, HTML), each checked against the rule the loader states."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch, read_batches
from enforcegraph.loaders.tracker import DATASET, read_tracker, stream_tracker
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch, NodeRecord

FORMAT = "enforcement-tracker-json"


def row(n: int, *, country: str = "SPAIN", authority: str = "Spanish Data Protection Authority (aepd)",
        date: str = "2022-03-01", fine: str = "1,000", controller: str = "Acme Ibérica, S.L.",
        articles: str = "Art. 6 GDPR", kind: str = "Insufficient legal basis for data processing",
        summary: str = "A fine.", sources: str | None = None) -> list[str]:
    """One row as the tracker's JSON has it (13 cells, HTML where the site puts it)."""
    flag = f"<img src='./flags/flag_{country.lower()}.png' alt='{country}'><br />{country}"
    links = sources if sources is not None else f"<a class='blau' href='https://dpa.example/{n}.pdf' target='_blank'>link</a>"
    page = (f"<a href='https://www.enforcementtracker.com/ETid-{n}' target='_blank'>"
            f"https://www.enforcementtracker.com/ETid-{n}</a> (Copy: <a href='#/'>x</a>)")
    return ["", f"ETid-{n}", flag, authority, date, fine, controller, "Industry and Commerce",
            articles, kind, summary, links, page]


def write(tmp_path: Path, rows: Iterable[Any], name: str = "enforcementtracker.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"data": list(rows)}, indent=4, ensure_ascii=False), "utf-8")
    return path


def nodes(batch: Batch) -> dict[str, NodeRecord]:
    return {n.id: n for n in batch.nodes}


def rels(batch: Batch, rel_type: str) -> set[tuple[str, str]]:
    return {(r.start, r.end) for r in batch.relationships if r.type == rel_type}


def rules(batch: Any, section: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in getattr(batch.report, section):
        found.setdefault(issue.rule, []).append(issue.record)
    return found


def test_a_conversion_is_amount_eur_only_unless_the_row_states_the_original(tmp_path: Path) -> None:
    uk = dict(country="UNITED KINGDOM", authority="Information Commissioner (ICO)", date="2022-05-18")
    batch = read_tracker(write(tmp_path, [
        row(1, **uk, fine="9,000,000", summary="The UK DPA has fined Clearview AI Inc. EUR 9 million."),
        row(2, **uk, fine="9,000,000", summary="The ICO fined it GBP 7,552,800 (about EUR 9 million)."),
        row(3, country="ROMANIA", authority="Romanian National Supervisory Authority for Personal Data "
            "Processing (ANSPDCP)", date="2022-06-01", fine="2,030", summary="A fine of RON 10,000."),
        row(4, country="ROMANIA", authority="Romanian National Supervisory Authority for Personal Data "
            "Processing (ANSPDCP)", fine="5,000", summary="The DPA fined the bank EUR 5,000."),
        row(5, fine="20,000", summary="EUR 20,000 fine."),
        row(6, **uk, fine="100,000", summary="GBP 1 million and later GBP 2 million."),
    ]))
    got = nodes(batch)
    assert got["sanction:etid-1"].properties == {"kind": "fine", "amount_eur": 9_000_000,
                                                 "sources": ["source:etid-1", "source:dpa.example-1.pdf"]}
    two = got["sanction:etid-2"].properties
    assert (two["amount"], two["currency"], two["amount_eur"]) == (7_552_800, "GBP", 9_000_000)
    three = got["sanction:etid-3"].properties
    assert (three["amount"], three["currency"], three["amount_eur"]) == (10_000, "RON", 2_030)
    assert "currency" not in got["sanction:etid-4"].properties  # non-euro, nothing stated
    assert got["sanction:etid-4"].properties["amount_eur"] == 5_000
    five = got["sanction:etid-5"].properties
    assert (five["amount"], five["currency"], five["amount_eur"]) == (20_000, "EUR", 20_000)
    assert "currency" not in got["sanction:etid-6"].properties  # two GBP amounts: none used
    notes, repairs = rules(batch, "notes"), rules(batch, "repairs")
    assert len(notes["eur-only-non-euro"]) == 3 and len(repairs["original-from-summary"]) == 2
    assert notes["original-ambiguous"] == ["line 78 (row 6, ETid-6)"]


def test_an_original_the_ecb_rate_contradicts_is_not_used(tmp_path: Path) -> None:
    # HUF 50,000 is about EUR 140, not the EUR 1,385 the tracker gives: a misreading somewhere
    batch = read_tracker(write(tmp_path, [row(
        1, country="HUNGARY", authority="Hungarian National Authority for Data Protection and the "
        "Freedom of Information (NAIH)", date="2019-10-01", fine="1,385", summary="A fine of HUF 50,000.")]))
    assert "currency" not in nodes(batch)["sanction:etid-1"].properties
    assert "original-mismatch" in rules(batch, "notes")


def test_partial_and_unknown_dates_keep_their_precision(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [row(1, date="2019"), row(2, date="2019-03"),
                                          row(3, date="Unknown"), row(4, date="03/2019"),
                                          row(5, date="2019-02-30")]))
    got = nodes(batch)
    assert got["decision:etid-1"].properties["date"] == "2019"
    assert got["decision:etid-2"].properties["date"] == "2019-03"
    assert "date" not in got["decision:etid-3"].properties
    assert {"decision:etid-4", "decision:etid-5"}.isdisjoint(got)
    assert len(rules(batch, "held_back")["date-unreadable"]) == 2
    assert len(rules(batch, "notes")["date-partial"]) == 2
    assert batch.report is not None and batch.report.rows_loaded == 3


@pytest.mark.parametrize("cell", ['"Uber Technologies Inc." and "Uber B.V."',
                                  "Uber Technologies Inc.\nUber B.V."])
def test_two_parties_in_one_field_are_two_parties_both_against(tmp_path: Path, cell: str) -> None:
    batch = read_tracker(write(tmp_path, [row(1, country="THE NETHERLANDS", authority="Dutch "
                                              "Supervisory Authority for Data Protection (AP)",
                                              controller=cell, fine="290,000,000")]))
    against = rels(batch, "AGAINST")
    firms = {"company:uber-technologies", "company:uber"}
    assert against == {(s, f) for s in ("decision:etid-1", "sanction:etid-1") for f in firms}
    assert {nodes(batch)[f].properties["name"] for f in firms} == {"Uber Technologies Inc.", "Uber B.V."}
    assert "parties-split" in rules(batch, "repairs")


def test_one_name_broken_over_two_lines_stays_one_party(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [row(1, controller="MADRID TOURISTIC\r\nCAPITAL, S.L."),
                                          row(2, controller="UniCredit Bank Czech Republic and Slovakia, a.s.")]))
    names = {n.properties["name"] for n in batch.nodes if n.label == "Company"}
    assert names == {"MADRID TOURISTIC CAPITAL, S.L.", "UniCredit Bank Czech Republic and Slovakia, a.s."}


def test_anonymous_controllers_are_never_merged(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [row(1, controller="Private person"), row(2, controller="Private person"),
                                          row(3, controller="Kebab restaurant"), row(4, controller="Unknown"),
                                          row(5, controller="'-"), row(6, controller="Restaurant (SANTI 3000, S.L.)")]))
    companies = {n.id: n.properties for n in batch.nodes if n.label == "Company"}
    anonymous = {i for i, p in companies.items() if p["kind"] == "anonymous"}
    assert anonymous == {f"company:anonymous-etid-{n}" for n in (1, 2, 3, 4, 5)}
    assert companies["company:anonymous-etid-3"]["name"] == "Kebab restaurant"
    assert [p["kind"] for i, p in companies.items() if i not in anonymous] == ["company"]  # SANTI 3000
    assert len(rules(batch, "notes")["anonymous-party"]) == 5


def test_a_person_described_not_named_is_anonymous(tmp_path: Path) -> None:
    """Seen in the 2024 snapshot (ETid-582, ETid-1030): a person described at length was a
    named party (kind association), whose id any later row of the same words would share."""
    batch = read_tracker(write(tmp_path, [
        row(1, controller="Natural person holding the position of General Secretary for a political party"),
        row(2, controller="Employee at a Covid 19 testing center"),
        row(3, controller="Employees Provident Fund Ltd"),
    ]))
    companies = {n.id: n.properties for n in batch.nodes if n.label == "Company"}
    assert companies["company:anonymous-etid-1"]["kind"] == "anonymous"
    assert companies["company:anonymous-etid-2"]["kind"] == "anonymous"
    assert "company:anonymous-etid-3" not in companies  # a name that merely starts alike


def test_a_misspelt_name_keeps_its_own_spelling(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [row(1, controller="Clearview Al Inc."),
                                          row(2, controller="Clearview AI Inc.")]))
    got = nodes(batch)
    assert got["company:clearview-al"].properties["name"] == "Clearview Al Inc."
    assert got["company:clearview-ai"].properties["name"] == "Clearview AI Inc."


def test_courts_issue_and_an_unknown_court_is_held_back(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [row(1, authority="Audiencia Nacional"),
                                          row(2, authority="Tribunal Supremo"),
                                          row(3, authority="Catalan Data Protection Authority")]))
    assert rels(batch, "ISSUED") == {("court:es-audiencia-nacional", "decision:etid-1")}
    assert nodes(batch)["court:es-audiencia-nacional"].label == "Court"
    held = rules(batch, "held_back")
    assert held == {"court-unknown": ["line 18 (row 2, ETid-2)"], "authority-unknown": ["line 33 (row 3, ETid-3)"]}


def test_placeholders_leave_fields_empty_by_a_rule(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [
        row(1, fine="Fine in five-digit amount"), row(2, fine="Unknown"), row(3, fine="'-"),
        row(4, fine="Only intention to issue fine"), row(5, fine="Only fine", articles="Unknown", kind="Unknown"),
        row(6, fine="0")]))
    got = nodes(batch)
    for n in (1, 2, 3, 5):
        assert "amount_eur" not in got[f"sanction:etid-{n}"].properties
    assert got["sanction:etid-1"].properties["description"] == "The tracker gives the fine as: Fine in five-digit amount"
    assert got["sanction:etid-4"].properties["kind"] == "proposed_fine"
    assert got["decision:etid-4"].properties["status"] == "proposed"
    assert got["sanction:etid-6"].properties["amount_eur"] == 0
    assert "violation_category" not in got["decision:etid-5"].properties
    notes = rules(batch, "notes")
    assert len(notes["amount-placeholder"]) == 3 and notes["amount-unknown"] and notes["intention-only"]
    assert notes["fine-zero"] and notes["article-unknown"] and notes["category-unknown"]


def test_html_is_stripped_and_links_become_sources(tmp_path: Path) -> None:
    summary = ("Fined &amp; ordered<script>alert('x')</script>, see <a class='blau' "
               "href='https://news.example/a b'>this <b>report</b></a>.")
    batch = read_tracker(write(tmp_path, [row(1, summary=summary, controller="<b>Acme</b> S.L.",
                                              sources="<a href='https://dpa.example/1.pdf'>link</a> "
                                                      "<a href='javascript:alert(1)'>x</a>")]))
    got = nodes(batch)
    assert got["decision:etid-1"].properties["summary"] == "Fined & ordered, see this report."
    assert got["company:acme"].properties["name"] == "Acme S.L."
    assert set(got["decision:etid-1"].properties["sources"]) == {
        "source:etid-1", "source:dpa.example-1.pdf", "source:news.example-a-20b"}
    assert got["source:news.example-a-20b"].properties["url"] == "https://news.example/a%20b"
    texts = [v for n in batch.nodes for v in n.properties.values() if isinstance(v, str)]
    assert not [t for t in texts if "<" in t or "&amp;" in t]
    assert "link-not-http" in rules(batch, "notes") and "url-encoded" in rules(batch, "repairs")
    page = got["source:etid-1"].properties
    assert page == {"url": "https://www.enforcementtracker.com/ETid-1", "kind": "dataset",
                    "title": "CMS GDPR Enforcement Tracker: ETid-1", "publisher": "CMS GDPR Enforcement Tracker"}


def test_articles_infringe_the_gdpr_and_national_laws_are_cited(tmp_path: Path) -> None:
    batch = read_tracker(write(tmp_path, [row(1, articles="Art. 5 (1) a), b) GDPR, Art. 13 GPDR, "
                                                          "Art. 21 LSSI, Art. 32 (4)")]))
    infringes = {r.properties["provision"] for r in batch.relationships if r.type == "INFRINGES"}
    assert infringes == {"5(1)(a)", "5(1)(b)", "13"}
    assert rels(batch, "CITES") == {("decision:etid-1", "law:es-lssi")}
    assert nodes(batch)["law:es-lssi"].properties["name"] == "LSSI"
    assert "gdpr-typo" in rules(batch, "repairs") and "article-no-law" in rules(batch, "notes")


@pytest.mark.parametrize(("content", "message"), [
    ({"data": [row(1)[:12]]}, "not a row of 13 strings"),
    ({"data": [row(1), row(1)]}, "ETid-1 again"),
    ({"data": [["", "ETid-x", *row(1)[2:]]]}, "not an ETid-N"),
    ({"data": [[*row(1)[:12], row(2)[12]]]}, "does not link the row's own page ETid-1"),
    ({"rows": []}, "no 'data' member"),
    ([], "expected a JSON object"),
])
def test_a_file_that_is_not_the_table_is_an_error_naming_the_row(tmp_path: Path, content: Any, message: str) -> None:
    path = tmp_path / "enforcementtracker.json"
    path.write_text(json.dumps(content, indent=1), "utf-8")
    with pytest.raises(InvalidData) as caught:
        read_batch(path, FORMAT)
    assert message in " ".join(e.message for e in caught.value.errors)
    assert all(e.file == str(path) and e.record.startswith("line ") for e in caught.value.errors)


def test_a_cut_short_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "enforcementtracker.json"
    text = json.dumps({"data": [row(1), row(2)]}, indent=1)
    path.write_text(text[: len(text) // 2], "utf-8")
    with pytest.raises(InvalidData) as caught:
        read_batch(path, FORMAT)
    (error,) = caught.value.errors
    assert "not JSON" in error.message and error.record.startswith("line ")


def test_every_batch_is_the_enforcement_tracker_dataset_and_a_stream_equals_one_read(tmp_path: Path) -> None:
    path = write(tmp_path, [row(n, controller=f"Firm {n % 3} S.L.") for n in range(1, 41)], "snapshot-2024.json")
    whole = read_batch(path, FORMAT)
    streamed = list(stream_tracker(path, None, 50))
    assert len(streamed) > 3 and {b.dataset for b in [whole, *streamed]} == {DATASET}
    assert [b.dataset for b in read_batches(path, FORMAT)] == [DATASET]
    assert {n.id for n in whole.nodes} == {n.id for b in streamed for n in b.nodes}
    assert {r.id for r in whole.relationships} == {r.id for b in streamed for r in b.relationships}
    assert max(len(b) for b in streamed) < 50 + 20  # a row's records stay together


def test_loading_the_traps_twice_changes_nothing_on_each_backend(store: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, [row(1, controller="Uber Technologies Inc.\nUber B.V."),
                            row(2, controller="Private person", date="2019"),
                            row(3, country="UNITED KINGDOM", authority="Information Commissioner (ICO)",
                                fine="9,000,000", summary="GBP 7,552,800")])
    first = store.upsert_stream(stream_tracker(path, None, 40))
    again = store.upsert_stream(stream_tracker(path, None, 40))
    assert first.nodes_created > 0 and not again.changed
    sanction = store.get("sanction:etid-3")
    assert sanction is not None and (sanction.get("amount"), sanction.get("currency")) == (7_552_800, "GBP")
    decision = store.get("decision:etid-2")
    assert decision is not None and decision.get("date") == "2019"
    firms = {n.id for _, n in store.neighbours("decision:etid-1", ["AGAINST"], "out")}
    assert firms == {"company:uber-technologies", "company:uber"}
