"""Validation reports every error of a batch at once, located by file, line and field."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.schema.errors import InvalidData

BAD = """\
dataset: bad
nodes:
  - {id: source:s1, label: Source, url: "https://example.org/a"}
  - {id: company:ok, label: Company, name: Fine Firm, sources: [source:s1]}
  - {id: widget:w1, label: Widget, name: Unknown Label, sources: [source:s1]}
  - {id: decision:d1, label: Decision, kind: fine_decision, date: "2020-31-31", sources: [source:s1]}
  - {id: regulator:r1, label: Regulator, name: Nowhere DPA, country: XX, sources: [source:s1]}
  - {id: company:nosource, label: Company, name: No Source Ltd}
relationships:
  - {type: AGAINST, from: decision:d1, to: company:missing, sources: [source:s1]}
  - {type: ISSUED, from: company:ok, to: decision:d1, sources: [source:s1]}
"""

EXPECTED = {
    (5, "label"),
    (6, "date"),
    (7, "country"),
    (8, "sources"),
    (10, "to"),
    (11, "from"),
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, "utf-8")
    return path


def test_every_error_is_listed_with_line_and_field(bad_file: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    with pytest.raises(InvalidData) as caught:
        store.upsert(parse_case_file(bad_file).batch)
    found = {(int(e.record.split()[-1]), e.field) for e in caught.value.errors}
    assert found == EXPECTED
    assert all(e.file == str(bad_file) for e in caught.value.errors)
    assert store.stats().total_nodes == 0


def test_rejected_load_leaves_the_store_file_byte_identical(
    bad_file: Path, tmp_path: Path, fixtures: Path
) -> None:
    db = tmp_path / "g.sqlite"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "load", str(fixtures / "mini.yaml")]).exit_code == 0
    before = _sha(db)
    result = runner.invoke(main, ["--db", str(db), "load", str(bad_file)])
    assert result.exit_code == 2
    for line, fld in EXPECTED:
        assert f"{bad_file}:line {line}: {fld}:" in result.output
    assert "Traceback" not in result.output
    assert _sha(db) == before


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("nodes:\n  - {id: x\n  - y: [\n", "utf-8")
    with pytest.raises(InvalidData) as caught:
        parse_case_file(path)
    assert "line" in caught.value.errors[0].record


def test_non_utf8_bytes_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"nodes:\n  - {id: company:x, label: Company, name: Caf\xe9}\n")
    with pytest.raises(InvalidData, match="not UTF-8"):
        parse_case_file(path)
