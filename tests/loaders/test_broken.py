"""Every file of the broken corpus: one clear error naming file, line and field; the store
file stays byte-identical."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CASES = [
    ("truncated.tsv", "gdpr-fines-tsv", "line 3", "controller", "6 fields, expected 11"),
    ("wrong_header.tsv", "gdpr-fines-tsv", "line 1", "header", "missing: ['controller']"),
    ("missing_header.tsv", "gdpr-fines-tsv", "line 1", "header", "no header row"),
    ("wrong_delimiter.tsv", "gdpr-fines-tsv", "line 1", "header", "comma-separated"),
    ("non_utf8.tsv", "gdpr-fines-tsv", "line 3", "controller", "not UTF-8"),
    ("negative_amount.tsv", "gdpr-fines-tsv", "line 3", "price", "'-500'"),
    ("nan_amount.tsv", "gdpr-fines-tsv", "line 2", "price", "'NaN'"),
    ("bad_date.tsv", "gdpr-fines-tsv", "line 4", "date", "'31/31/2020'"),
    ("invalid_json.ftm.json", "ftm", "line 2", "-", "invalid JSON"),
    ("unknown_schema.ftm.json", "ftm", "line 2", "schema", "'Spaceship'"),
    ("missing_id", "neo4j-csv", "line 2", "to", "no node with id 'company:nowhere'"),
    ("bad_amount_csv", "neo4j-csv", "line 3", "amount", "-20"),
]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with content (the GDPR text), loaded through the CLI."""
    from click.testing import CliRunner

    from enforcegraph.graph.cli import main

    db = tmp_path_factory.mktemp("broken") / "graph.sqlite"
    result = CliRunner().invoke(main, ["--db", str(db), "load", "gdpr-text"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(("name", "fmt", "record", "field", "words"), CASES)
def test_broken_file_gives_a_clear_error_and_changes_nothing(
    database: Path, fixtures: Path, cli: Any, hash_file: Any,
    name: str, fmt: str, record: str, field: str, words: str,
) -> None:
    path = fixtures / "broken" / name
    before = hash_file(database)
    result = cli("--db", str(database), "load", str(path), "--format", fmt)
    assert result.exit_code == 2
    lines = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert len(lines) == 1, result.output
    expected_file = str(path / ("relationships.csv" if name == "missing_id" else "nodes.csv")) if path.is_dir() else str(path)
    assert lines[0].startswith(f"{expected_file}:{record}: {field}: "), lines[0]
    assert words in lines[0]
    assert hash_file(database) == before


def test_a_good_load_does_change_the_file(database: Path, fixtures: Path, cli: Any, hash_file: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    broken = (fixtures / "broken" / "bad_date.tsv").read_text("utf-8").splitlines(keepends=True)
    good.write_text("".join(broken[:3]), "utf-8")  # header and the two valid rows
    before = hash_file(database)
    assert cli("--db", str(database), "load", str(good), "--format", "gdpr-fines-tsv").exit_code == 0
    assert hash_file(database) != before
