"""The command line: load, idempotency, query output formats, stats, schema, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from enforcegraph.graph.cli import main


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_load_twice_changes_nothing(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "g.sqlite"
    code, first = _run(db, "load", str(fixtures / "mini.yaml"))
    assert code == 0 and "(changed)" in first
    _, stats_before = _run(db, "stats", "--json")
    code, second = _run(db, "load", str(fixtures / "mini.yaml"))
    assert code == 0
    assert "0 created, 0 updated, 20 unchanged" in second and "(unchanged)" in second
    assert _run(db, "stats", "--json")[1] == stats_before
    assert json.loads(stats_before)["total_nodes"] == 20


def test_query_json_csv_and_table(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "g.sqlite"
    _run(db, "load", str(fixtures / "mini.yaml"))
    code, text = _run(db, "query", "sanctions-without-eu-establishment", "--json")
    assert code == 0
    rows = json.loads(text)
    assert [r["sanction"]["id"] for r in rows] == ["sanction:gb-1-fine", "sanction:fr-1-fine"]
    assert rows[1]["sources"] == ["https://example.org/decision-1"]
    assert rows[1]["articles"] == ["article:gdpr-32"]
    code, text = _run(db, "query", "sanctions-without-eu-establishment", "--csv", "--regulator", "regulator:fr-dpa")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert [r["sanction.id"] for r in parsed] == ["sanction:fr-1-fine"]
    code, text = _run(db, "query", "cross-border-cases")
    assert code == 0 and "Far Away Analytics" in text


def test_at_today_judges_establishments_now(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "g.sqlite"
    _run(db, "load", str(fixtures / "mini.yaml"))
    _, text = _run(db, "query", "sanctions-without-eu-establishment", "--json", "--at", "today")
    ids = {r["sanction"]["id"] for r in json.loads(text)}
    # Left Ltd's UK establishment no longer counts as EU today; at its 2019 decision it did.
    assert "sanction:fr-3-fine" in ids
    _, text = _run(db, "query", "sanctions-without-eu-establishment", "--json")
    assert "sanction:fr-3-fine" not in {r["sanction"]["id"] for r in json.loads(text)}


def test_bad_input_gives_one_clear_line_and_non_zero_exit(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    code, text = _run(db, "load", str(tmp_path / "missing.yaml"))
    assert code == 1 and text.strip().startswith("error:") and "Traceback" not in text
    code, text = _run(db, "load", "no-such-dataset")
    assert code == 1 and "no such file" in text
    assert not db.exists()  # a load that reads nothing makes no store
    code, text = _run(db, "query", "enforcement-history", "Nobody Corp")
    assert code == 1 and f"no store at {db} (load data first)" in text
    _run(db, "load", "gdpr-text")
    code, text = _run(db, "query", "enforcement-history", "Nobody Corp")
    assert code == 1 and "no Company or Person" in text


def test_schema_json_schema_is_json(tmp_path: Path) -> None:
    code, text = _run(tmp_path / "g.sqlite", "schema", "--json-schema")
    assert code == 0
    assert "Company" in {v["title"] for v in json.loads(text)["properties"]["nodes"]["items"]["oneOf"]}
