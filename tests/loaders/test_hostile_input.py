"""Hostile and careless input: repeated keys, endless streams, huge lines and records,
folders, control characters, error floods and echoed input. Each gives a clear error
naming file, line/record and field; the store is left as it was."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from enforcegraph.graph.cli import PRINTED_ERRORS, main
from enforcegraph.loaders.base import read_batch
from enforcegraph.loaders.limits import InputLimits, read_input
from enforcegraph.schema.errors import EnforcegraphError, InvalidData

SOURCE = '{id: source:s, label: Source, url: "https://example.org/s"}'


def _load(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, ["--db", str(db), "load", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _error_lines(result: Result) -> list[str]:
    return [line.strip() for line in result.output.splitlines() if line.startswith("  ")]


def _case_file(tmp_path: Path, *nodes: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text("nodes:\n" + "".join(f"  - {n}\n" for n in (SOURCE, *nodes)), "utf-8")
    return path


# -- item 5: a key given twice ------------------------------------------------------------
def test_yaml_duplicate_key_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(f"nodes:\n  - {SOURCE}\n  - id: company:a\n    label: Company\n"
                    "    name: First\n    name: Second\n    sources: [source:s]\n", "utf-8")
    with pytest.raises(InvalidData) as caught:
        read_batch(path)
    assert [str(e) for e in caught.value.errors] == [
        f"{path}:line 6: name: duplicate key (given twice in one mapping)"]


def test_yaml_duplicate_top_level_key(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(f"nodes:\n  - {SOURCE}\nnodes: []\n", "utf-8")
    with pytest.raises(InvalidData, match="line 3: nodes: duplicate key"):
        read_batch(path)


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("a: &x [1, 2]\nnodes:\n  - *x\n", "utf-8")
    with pytest.raises(InvalidData, match="anchors and aliases"):
        read_batch(path, "casefile")


def test_json_case_file_duplicate_key_names_the_record(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    nodes = ('[{"id": "source:s", "label": "Source", "url": "https://example.org/s"},'
             ' {"id": "company:a", "label": "Company", "name": "A", "name": "B", "sources": ["source:s"]}]')
    path.write_text('{"nodes": ' + nodes + ', "dataset": "x", "dataset": "y"}', "utf-8")
    with pytest.raises(InvalidData) as caught:
        read_batch(path)
    assert sorted(str(e) for e in caught.value.errors) == [
        f"{path}:line 1: dataset: duplicate key (given twice in one object)",
        f"{path}:nodes[1]: name: duplicate key (given twice in one object)",
    ]


def test_ftm_duplicate_key_names_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "dup.ftm.json"
    good = {"id": "a", "schema": "Company", "properties": {"name": ["A"], "sourceUrl": ["https://example.org/a"]}}
    path.write_text(json.dumps(good) + "\n"
                    '{"id": "b", "schema": "Company", "properties": {"name": ["B"], "name": ["C"]}}\n',
                    "utf-8")
    with pytest.raises(InvalidData) as caught:
        read_batch(path)
    assert [str(e) for e in caught.value.errors] == [
        f"{path}:line 2: properties.name: duplicate key (given twice in one object)"]


@pytest.mark.parametrize(("name", "fmt", "header"), [
    ("nodes.csv", "neo4j-csv", ":ID,:LABEL,name,name\n"),
    ("gdpr_violations.tsv", "gdpr-fines-tsv",
     "id\tpicture\tname\tprice\tauthority\tdate\tcontroller\tarticle_violated\ttype\tsource\tsummary\tname\n"),
])
def test_tables_refuse_a_column_given_twice(tmp_path: Path, name: str, fmt: str, header: str) -> None:
    path = tmp_path / name
    path.write_text(header, "utf-8")
    with pytest.raises(InvalidData, match="line 1: name: column given more than once"):
        read_batch(path, fmt)


# -- item 6: bounded input ------------------------------------------------------------------
def test_dev_zero_fails_fast_in_bounded_memory(tmp_path: Path) -> None:
    """No newline ever comes: the line limit stops the read after a few megabytes."""
    started = time.monotonic()
    result = _load(tmp_path / "g.sqlite", "/dev/zero", "--format", "casefile")
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert _error_lines(result) == [
        "/dev/zero:line 1: -: line longer than 4,000,000 bytes (ENFORCEGRAPH_MAX_LINE_BYTES)"]
    assert not (tmp_path / "g.sqlite").exists()


def test_a_stream_stops_at_the_file_limit(tmp_path: Path) -> None:
    limits = InputLimits(file_bytes=100_000, line_bytes=50_000)
    with pytest.raises(InvalidData, match=r"/dev/zero:-: -: larger than 100,000 bytes"):
        read_input(Path("/dev/zero"), InputLimits(file_bytes=100_000, line_bytes=10**9))
    fifo = tmp_path / "lines.fifo"
    os.mkfifo(fifo)
    pid = os.fork()
    if pid == 0:  # an endless writer of short lines; the reader must stop on its own
        try:
            with fifo.open("wb") as sink:
                while True:
                    sink.write(b"x" * 99 + b"\n")
        finally:
            os._exit(0)
    try:
        started = time.monotonic()
        with pytest.raises(InvalidData, match="larger than 100,000 bytes"):
            read_input(fifo, limits)
        assert time.monotonic() - started < 5
    finally:
        os.waitpid(pid, 0)


def test_a_huge_sparse_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(600_000_000_000 // 1000)  # 600 MB, no blocks written
    started = time.monotonic()
    result = _load(tmp_path / "g.sqlite", str(path))
    assert time.monotonic() - started < 2
    assert _error_lines(result) == [
        f"{path}:-: -: larger than 512,000,000 bytes (ENFORCEGRAPH_MAX_INPUT_BYTES); "
        "split it, or raise the limit"]


def test_a_long_line_is_named_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_bytes(b"nodes:\n  - {id: a}\n" + b"#" * 5000 + b"\n" + b"x" * 10)
    for chunk_sized in (InputLimits(line_bytes=4000), InputLimits(line_bytes=100)):
        with pytest.raises(InvalidData, match=r"long.yaml:line 3: -: line longer than"):
            read_input(path, chunk_sized)
    assert read_input(path, InputLimits(line_bytes=5000)).endswith(b"x" * 10)


def test_record_and_batch_limits_from_the_settings(tmp_path: Path) -> None:
    path = _case_file(tmp_path, '{id: company:a, label: Company, name: "' + "A" * 300
                      + '", sources: [source:s]}')
    db = tmp_path / "g.sqlite"
    result = _load(db, str(path), env={"ENFORCEGRAPH_MAX_RECORD_BYTES": "200"})
    assert result.exit_code == 2
    assert _error_lines(result) == [f"{path}:line 3: -: record of 334 bytes, more than 200 "
                                    "(ENFORCEGRAPH_MAX_RECORD_BYTES)"]
    result = _load(db, str(path), env={"ENFORCEGRAPH_MAX_BATCH_RECORDS": "1"})
    assert "2 records, more than 1 (ENFORCEGRAPH_MAX_BATCH_RECORDS)" in result.output
    assert not db.exists()
    assert _load(db, str(path)).exit_code == 0


# -- item 7: a folder -------------------------------------------------------------------------
def test_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    _case_file(folder)
    for args in ([str(folder)], [str(folder), "--format", "casefile"], [str(folder), "--format", "ftm"]):
        result = _load(tmp_path / "g.sqlite", *args)
        assert result.exit_code == 1, result.output
        assert result.output.strip().startswith(f"error: {folder}: is a folder"), result.output
        assert "Traceback" not in result.output
    with pytest.raises(EnforcegraphError, match="is a folder"):
        read_input(folder)


# -- item 12: control characters, error floods, echoed input -------------------------------
def test_control_characters_are_refused_naming_record_and_field(tmp_path: Path) -> None:
    path = _case_file(tmp_path, '{id: company:a, label: Company, name: "Nul\\0Corp", sources: [source:s]}',
                      '{id: company:b, label: Company, name: "Esc\\eCorp", sources: [source:s]}',
                      '{id: company:c, label: Company, name: "Tab\\tCorp", sources: [source:s]}')
    result = _load(tmp_path / "g.sqlite", str(path))
    assert result.exit_code == 2
    assert _error_lines(result) == [
        f"{path}:line 3: name: control character U+0000 at position 3 (not allowed here)",
        f"{path}:line 4: name: control character U+001B at position 3 (not allowed here)",
        f"{path}:line 5: name: control character U+0009 at position 3 (not allowed here)",
    ]


def test_long_text_keeps_its_line_breaks_but_not_other_controls(tmp_path: Path) -> None:
    base = '{id: statement:s1, label: Statement, date: "2022-01-01", sources: [source:s], text: '
    path = _case_file(tmp_path, base + '"One.\\r\\n\\tTwo."}', name="ok.yaml")
    assert _load(tmp_path / "g.sqlite", str(path)).exit_code == 0
    path = _case_file(tmp_path, base + '"One.\\0Two."}', name="bad.yaml")
    result = _load(tmp_path / "g.sqlite", str(path))
    assert _error_lines(result) == [f"{path}:line 3: text: control character U+0000 at position 4 "
                                    "(not allowed here)"]


def test_error_lists_are_capped_and_the_report_keeps_all(tmp_path: Path) -> None:
    bad = [f'{{id: company:c{i}, label: Company, sources: [source:s]}}' for i in range(120)]
    path = _case_file(tmp_path, *bad)
    report = tmp_path / "report.json"
    result = _load(tmp_path / "g.sqlite", str(path), "--report", str(report))
    assert result.exit_code == 2
    lines = _error_lines(result)
    assert len(lines) == PRINTED_ERRORS + 1
    assert lines[-1] == f"... and {120 - PRINTED_ERRORS} more errors (all of them in {report})"
    kept = json.loads(report.read_text("utf-8"))
    assert kept["error_count"] == 120 and len(kept["errors"]) == 120
    assert kept["errors"][0] == {"file": str(path), "record": "line 3", "field": "name",
                                 "message": "required for Company"}


def test_echoed_input_is_cut_to_a_short_prefix(tmp_path: Path) -> None:
    huge = "x" * 500_000
    nodes = [{"id": "source:s", "label": "Source", "url": "https://example.org/s"},
             {"id": "company:a", "label": "Company", "name": "A", huge: 1, "sources": ["source:s"]},
             {"id": "company:b", "label": "Company", "name": "B", "country": huge, "sources": ["source:s"]}]
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"nodes": nodes}), "utf-8")
    result = _load(tmp_path / "g.sqlite", str(path))
    assert result.exit_code == 2
    lines = _error_lines(result)
    assert len(lines) == 2 and all(len(line) < 500 for line in lines), [len(x) for x in lines]
    assert "(500,000 characters)" in lines[0] and "… (" in lines[1]
