"""Streaming reads (loaders/base.py read_batches): bounded batches, the input limits over
the whole file, errors as the whole-file read gives them, memory bounded, and ``load``."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.loaders.base import read_batch, read_batches
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.schema.errors import InvalidData


def write_nodes(folder: Path, firms: int) -> Path:
    """A neo4j-csv folder of ``firms`` Company nodes citing one Source."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes_Company.csv").open("w", encoding="utf-8") as out:
        out.write("id:ID,:LABEL,name,country,sources:string[]\n")
        for i in range(firms):
            out.write(f"company:firm-{i},Company,Firm number {i} Limited,GB,source:registry\n")
    (folder / "nodes_Source.csv").write_text(
        "id:ID,:LABEL,url\nsource:registry,Source,https://registry.example.org/\n", "utf-8")
    return folder


def test_batches_are_bounded_and_name_the_dataset(tmp_path: Path) -> None:
    folder = write_nodes(tmp_path / "csv", 95)
    batches = list(read_batches(folder, "neo4j-csv", size=10))
    assert [len(b) for b in batches] == [10] * 9 + [6]
    assert batches[0].nodes[0].id == "source:registry"  # Sources first: the others cite them
    assert {b.dataset for b in batches} == {"neo4j-csv:csv"}
    whole = read_batch(folder, "neo4j-csv")
    assert [n.id for b in batches for n in b.nodes] == [n.id for n in whole.nodes]


def test_the_limits_hold_over_the_whole_file(tmp_path: Path) -> None:
    folder = write_nodes(tmp_path / "csv", 95)
    with pytest.raises(InvalidData, match="ENFORCEGRAPH_MAX_BATCH_RECORDS"):
        list(read_batches(folder, "neo4j-csv", InputLimits(batch_records=50), size=10))
    with pytest.raises(InvalidData, match="ENFORCEGRAPH_MAX_INPUT_BYTES"):
        list(read_batches(folder, "neo4j-csv", InputLimits(file_bytes=1000), size=10))
    with pytest.raises(InvalidData, match="ENFORCEGRAPH_MAX_LINE_BYTES"):
        list(read_batches(folder, "neo4j-csv", InputLimits(line_bytes=40), size=10))


def test_bad_rows_are_reported_as_the_whole_file_read_reports_them(tmp_path: Path) -> None:
    folder = write_nodes(tmp_path / "csv", 50)
    path = folder / "nodes_Company.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[10] = b"company:short,Company\n"
    lines[30] = b"company:bad-bytes,Company,Caf\xe9,GB,source:registry\n"
    path.write_bytes(b"".join(lines) + b"company:cut,Company,Cut")
    with pytest.raises(InvalidData) as streamed:
        list(read_batches(folder, "neo4j-csv", size=5))
    assert [str(e) for e in streamed.value.errors] == [f"{path}:line 31: name: not UTF-8 text: byte 0xe9 "
                                                        "(invalid continuation byte)"]
    lines[30] = b"company:fine,Company,Fine,GB,source:registry\n"
    path.write_bytes(b"".join(lines) + b"company:cut,Company,Cut")
    with pytest.raises(InvalidData) as streamed:
        list(read_batches(folder, "neo4j-csv", size=5))
    with pytest.raises(InvalidData) as whole:
        read_batch(folder, "neo4j-csv")
    assert streamed.value.errors == whole.value.errors
    assert [e.message.split("(")[-1] for e in streamed.value.errors] == [
        "broken record)", "truncated or broken record)"]


def test_a_stream_holds_one_batch_at_a_time(tmp_path: Path) -> None:
    """120,000 records through ``upsert_stream``: the Python heap's peak stays a small
    part of what reading them into one batch takes."""
    folder = write_nodes(tmp_path / "csv", 120_000)
    gc.collect()
    tracemalloc.start()
    try:
        whole = read_batch(folder, "neo4j-csv")
        _, whole_peak = tracemalloc.get_traced_memory()
        del whole
        gc.collect()
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        store = EmbeddedStore(tmp_path / "graph.sqlite")
        summary = store.upsert_stream(read_batches(folder, "neo4j-csv", size=2000))
        _, stream_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.nodes_created == 120_001
    assert store.stats().total_nodes == 120_001
    store.close()
    assert whole_peak > 100 * 10**6  # holding them all: ~1 KB a record
    assert stream_peak - base < whole_peak / 6, (stream_peak - base, whole_peak)


def test_load_streams_a_file_all_or_nothing(tmp_path: Path) -> None:
    folder = write_nodes(tmp_path / "csv", 300)
    db = tmp_path / "graph.sqlite"
    runner = CliRunner()
    done = runner.invoke(main, ["--db", str(db), "load", str(folder)])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == (f"{folder}: nodes 301 created, 0 updated, 0 unchanged; relationships 0 "
                                   "created, 0 updated, 0 unchanged (changed)")
    more = write_nodes(tmp_path / "more", 60_000)  # three batches; the last row is bad
    with (more / "nodes_Company.csv").open("a", encoding="utf-8") as out:
        out.write("company:late,Company,,GB,source:registry\n")
    report = tmp_path / "report.json"
    failed = runner.invoke(main, ["--db", str(db), "load", str(more), "--report", str(report)])
    assert failed.exit_code == 2
    assert "line 60002: name: required for Company" in failed.output
    assert '"error_count": 1' in report.read_text("utf-8")
    store = EmbeddedStore(db, read_only=True)
    assert store.stats().total_nodes == 301  # nothing of the failed file was written
    store.close()
