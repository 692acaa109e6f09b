"""The enforcement-tracker-json loader on the real snapshot (../shared/data, read in place):
rows loaded or held back with reasons, totals against a plain reading of the file, the
ICO's Clearview fine beside the case files, reloads of the same and of a changed snapshot."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.loaders.resolution import judge_pair

ICO_FINE = "sanction:gb-ico-2022-05-18-clearview-fine"
ICO_ROW = "sanction:etid-1190"
# Written out here, independently of loaders/data/tracker_authorities.yaml.
ISO = {
    "AUSTRIA": "AT", "BELGIUM": "BE", "BULGARIA": "BG", "CROATIA": "HR", "CYPRUS": "CY",
    "CZECH REPUBLIC": "CZ", "DENMARK": "DK", "ESTONIA": "EE", "FINLAND": "FI", "FRANCE": "FR",
    "GERMANY": "DE", "GREECE": "GR", "HUNGARY": "HU", "ICELAND": "IS", "IRELAND": "IE",
    "ISLE OF MAN": "IM", "ITALY": "IT", "LATVIA": "LV", "LIECHTENSTEIN": "LI", "LITHUANIA": "LT",
    "LUXEMBOURG": "LU", "MALTA": "MT", "THE NETHERLANDS": "NL", "NORWAY": "NO", "POLAND": "PL",
    "PORTUGAL": "PT", "ROMANIA": "RO", "SLOVAKIA": "SK", "SPAIN": "ES", "SWEDEN": "SE",
    "UNITED KINGDOM": "GB",
}


def cli(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def snapshot(shared_data: Path) -> Path:
    return shared_data / "enforcement-tracker-2024" / "enforcementtracker.json"


@pytest.fixture(scope="module")
def raw(snapshot: Path) -> list[list[str]]:
    rows: list[list[str]] = json.loads(snapshot.read_text("utf-8"))["data"]
    return rows


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, snapshot: Path) -> dict[str, Any]:
    """The snapshot alone, loaded once through the CLI with its report."""
    tmp = tmp_path_factory.mktemp("tracker")
    db, report = tmp / "graph.sqlite", tmp / "report.json"
    output = cli(db, "load", "--no-link", str(snapshot), "--report", str(report)).output
    return {"db": db, "report": json.loads(report.read_text("utf-8")), "output": output}


def test_at_least_95_percent_of_the_rows_load_and_the_rest_are_held_back_with_reasons(
        loaded: dict[str, Any], raw: list[list[str]]) -> None:
    report = loaded["report"]
    held = report["held_back"]
    print(f"\ntracker snapshot: {report['rows_read']} rows read, {report['rows_loaded']} loaded "
          f"({report['rows_loaded'] / report['rows_read']:.1%}), {len(held)} held back "
          f"{report['counts']['held_back']}; repairs {report['counts']['repairs']}; "
          f"notes {report['counts']['notes']}")
    assert report["rows_read"] == len(raw) == 2225
    assert report["rows_loaded"] + len(held) == len(raw)
    assert report["rows_loaded"] >= 0.95 * len(raw)
    assert all(h["rule"] and h["message"] for h in held)
    held_ids = {re.search(r"ETid-\d+", h["record"]).group(0) for h in held}  # type: ignore[union-attr]
    with EmbeddedStore(loaded["db"]) as store:
        decisions = {n.id for n in store.iter_nodes("Decision")}
    assert decisions == {f"decision:{r[1].lower()}" for r in raw if r[1] not in held_ids}


def plain_totals(raw: list[list[str]]) -> dict[str, float]:
    """The fine column summed per country: json and re only, not the loader."""
    totals: dict[str, float] = defaultdict(float)
    for cells in raw:
        country = ISO[re.sub(r".*<br\s*/?>", "", cells[2]).strip()]
        if re.fullmatch(r"\d[\d,]*", cells[5].strip()):
            totals[country] += float(cells[5].replace(",", ""))
    return dict(totals)


def test_totals_by_country_equal_a_plain_sum_of_the_fine_column(loaded: dict[str, Any], raw: list[list[str]]) -> None:
    expected = plain_totals(raw)
    rows = json.loads(cli(loaded["db"], "analyze", "totals", "--by", "country", "--json").output)
    got = {r["key"]: r for r in rows}
    assert set(got) == set(expected)
    differ = {}
    for country, total in expected.items():
        row = got[country]
        assert row["total_eur_recorded"] == total, country  # the tracker's figures, as given
        if row["total_eur"] != total:  # only where the row states the original amount ...
            assert set(row["original_amounts"]) - {"EUR"}, country
            assert abs(row["total_eur"] - total) <= 0.01 * total  # ... which the ECB rate converts
            differ[country] = (row["original_amounts"], total, row["total_eur"])
    print(f"\ntotals by country: {len(expected)} countries, EUR {sum(expected.values()):,.0f} in the "
          f"fine column; ECB conversions of stated originals differ in {sorted(differ)}:")
    for country, (originals, tracker, ecb) in sorted(differ.items()):
        print(f"  {country}: tracker EUR {tracker:,.0f}, ECB EUR {ecb:,.2f} (originals {originals})")
    assert len(differ) <= 8


def test_reloading_the_same_file_changes_nothing(loaded: dict[str, Any], snapshot: Path) -> None:
    output = cli(loaded["db"], "load", "--no-link", str(snapshot)).output
    assert "0 created, 0 updated" in output and "(unchanged)" in output


@pytest.fixture(scope="module")
def with_cases(tmp_path_factory: pytest.TempPathFactory, snapshot: Path) -> Iterator[Path]:
    """clearview, reference-cases and the snapshot; the tracker's row of the ICO's fine
    judged the same as the case file's (as `resolve --same` does)."""
    db = tmp_path_factory.mktemp("cases") / "graph.sqlite"
    cli(db, "load", "--no-link", "clearview", "reference-cases", str(snapshot))
    with EmbeddedStore(db) as store:
        case, row = store.get(ICO_FINE), store.get(ICO_ROW)
        assert case is not None and (case.get("amount"), case.get("currency")) == (7_552_800, "GBP")
        assert row is not None and row.get("amount_eur") == 9_000_000 and row.get("currency") is None
        judge_pair(store, ICO_FINE, ICO_ROW, "same", "test", "the ICO's fine on Clearview")
    yield db


def test_the_icos_clearview_fine_keeps_gbp_and_the_tracker_keeps_its_conversion(with_cases: Path) -> None:
    with EmbeddedStore(with_cases) as store:
        merged = store.get(ICO_FINE)
        assert merged is not None and store.get(ICO_ROW) is None
        assert (merged.get("amount"), merged.get("currency")) == (7_552_800, "GBP")
    said = json.loads(cli(with_cases, "provenance", ICO_FINE, "--json").output)
    tracker = [a for a in said["assertions"] if a["dataset"] == "enforcement-tracker"]
    assert [(a["source_id"], a["values"].get("amount_eur"), a["values"].get("currency")) for a in tracker] \
        == [(ICO_ROW, 9_000_000, None)]
    assert "source:etid-1190" in tracker[0]["sources"]


def test_a_changed_snapshot_updates_what_changed_and_keeps_judgements(
        with_cases: Path, raw: list[list[str]], tmp_path: Path) -> None:
    changed = [list(r) for r in raw]
    by_id = {r[1]: r for r in changed}
    by_id["ETid-2"][5] = "1,500"  # the court's reduction
    by_id["ETid-1190"][10] += " Addendum: under appeal."
    newer = tmp_path / "enforcementtracker-2024-03.json"
    newer.write_text(json.dumps({"data": changed}), "utf-8")
    with EmbeddedStore(with_cases) as store:
        judged_before = len(store.judgements())
    output = cli(with_cases, "load", "--no-link", str(newer), "--format", "enforcement-tracker-json").output
    assert re.search(r"nodes 0 created, [1-9]\d* updated", output), output
    with EmbeddedStore(with_cases) as store:
        assert len(store.judgements()) == judged_before >= 1
        assert store.get(ICO_ROW) is None  # still merged into the case file's fine
        sanction = store.get("sanction:etid-2")
        assert sanction is not None and (sanction.get("amount"), sanction.get("amount_eur")) == (1_500, 1_500)
        decision = store.get("decision:etid-1190")
        assert decision is not None and decision.get("summary", "").endswith("Addendum: under appeal.")
    said = json.loads(cli(with_cases, "provenance", "sanction:etid-2", "--json").output)
    assert [(a["dataset"], a["values"]["amount"]) for a in said["assertions"]] == [("enforcement-tracker", 1_500)]
