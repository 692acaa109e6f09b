"""The analyze command: formats, arguments and option checks."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main


def _run(store: EmbeddedStore, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(store.path), "analyze", *args])
    return result.exit_code, result.output


def test_json_csv_and_table(rich_store: EmbeddedStore) -> None:
    code, output = _run(rich_store, "path", "Spin Partners", "Local Données", "--json")
    assert code == 0
    hops = json.loads(output)
    assert (hops[0]["from"]["id"], hops[-1]["to"]["id"]) == ("company:pr-agency", "company:local")
    code, output = _run(rich_store, "ego", "company:far-away", "--depth", "1", "--csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0 and rows[0]["id"] == "company:far-away" and len(rows) == 5
    code, output = _run(rich_store, "centrality", "--labels", "Regulator", "--top", "1")
    assert code == 0 and "Autorité Exemple" in output
    code, output = _run(rich_store, "co-enforcement", "--via", "target", "--json")
    assert code == 0 and json.loads(output)[0]["via"] == "target"


def test_errors(rich_store: EmbeddedStore) -> None:
    code, output = _run(rich_store, "totals", "--depth", "2")
    assert code != 0 and "does not take --depth" in output
    code, output = _run(rich_store, "path", "company:local")
    assert code == 1 and "path takes SOURCE TARGET" in output
    code, output = _run(rich_store, "ego", "no such firm at all")
    assert code == 1 and "no node is named" in output
