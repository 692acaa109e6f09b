"""Issue 21's must-show: the ICO's fine on Clearview as each source gave it, on the CLI,
in GraphQL (real HTTP) and in the FollowTheMoney statements export.

The case file says GBP 7,552,800; a collection (shaped as the CMS Enforcement Tracker
gives it) says EUR 9,000,000, its own conversion. Both stay on record with their sources.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from followthemoney.statement.serialize import read_json_statements

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.schema.records import Batch, NodeRecord

ICO_FINE = "sanction:gb-ico-2022-05-18-clearview-fine"
TRACKER = "enforcement-tracker:sample"
TRACKER_URL = "https://www.enforcementtracker.com/ETid-1150"


def tracker_batch() -> Batch:
    """What the tracker's row says of the ICO's fine: EUR 9,000,000."""
    return Batch(nodes=[
        NodeRecord("source:etid-1150", "Source", {"url": TRACKER_URL, "kind": "dataset"}),
        NodeRecord(ICO_FINE, "Sanction", {"kind": "fine", "amount": 9000000, "currency": "EUR",
                                          "amount_eur": 9000000, "sources": ["source:etid-1150"]}),
    ], dataset=TRACKER)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.sqlite"
    store = EmbeddedStore(path)
    store.upsert(dataset_batch("clearview"))
    store.upsert(tracker_batch())
    store.close()
    return path


def _cli(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_the_cli_shows_each_value_with_its_source(db: Path) -> None:
    result = _cli(db, "provenance", ICO_FINE)
    assert result.exit_code == 0, result.output
    assert "conflict on amount: shown 7552800" in result.output
    assert f"9000000  <- {TRACKER} (source:etid-1150)" in result.output
    data = json.loads(_cli(db, "provenance", ICO_FINE, "--json").output)
    said = {a["dataset"]: a for a in data["assertions"]}
    assert said["clearview"]["values"]["amount"] == 7552800
    assert said["clearview"]["values"]["currency"] == "GBP"
    assert said[TRACKER]["values"]["amount_eur"] == 9000000
    assert said[TRACKER]["sources"] == ["source:etid-1150"]


def test_graphql_shows_the_record_and_the_conflicts(db: Path, serve: Callable[..., Any]) -> None:
    api = serve(EmbeddedStore(db))
    query = f"""{{ node(id: "{ICO_FINE}") {{ ... on Sanction {{ amount currency amountEur
        record {{ dataset sources values }} conflicts {{ property shown values }} }} }} }}"""
    node = api.post({"query": query}).json()["data"]["node"]
    assert (node["amount"], node["currency"], node["amountEur"]) == (7552800, "GBP", 9000000)
    by_dataset = {r["dataset"]: r for r in node["record"]}
    assert by_dataset[TRACKER]["values"]["amount_eur"] == 9000000
    assert by_dataset[TRACKER]["sources"] == ["source:etid-1150"]
    assert by_dataset["clearview"]["values"]["amount"] == 7552800
    amount = next(c for c in node["conflicts"] if c["property"] == "amount")
    assert amount["shown"] == 7552800
    assert {v["said_by"][0]["dataset"]: v["value"] for v in amount["values"]} == {
        "clearview": 7552800, TRACKER: 9000000}


def test_the_ftm_statements_state_each_value_with_its_dataset(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "statements.json"
    result = _cli(db, "export", "ftm-statements", "--of", ICO_FINE, "--depth", "1", "--out", str(out))
    assert result.exit_code == 0, result.output
    with out.open("rb") as handle:  # followthemoney's own reader accepts them
        statements = list(read_json_statements(handle))
    fine = [s for s in statements if s.entity_id == "sanction-gb-ico-2022-05-18-clearview-fine"
            and s.prop == "description"]
    by_dataset = {s.dataset: s for s in fine}
    assert "GBP" in by_dataset["clearview"].value and "7,552,800" in by_dataset["clearview"].value
    assert "9,000,000.00 EUR" in by_dataset[TRACKER].value
    assert by_dataset[TRACKER].origin == TRACKER_URL
    assert by_dataset["clearview"].first_seen is not None
