"""Streaming loads (GraphStore.upsert_stream) on every backend: the same graph as one
batch, references forward in the file, and what a load that stops half way leaves."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch, read_batches
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch


def write_folder(folder: Path, firms: int, *, bad_at: int | None = None) -> Path:
    """A neo4j-csv folder: firms and their officers citing one Source that comes last
    (a reference forward), officers' relationships after every node. ``bad_at``: the
    firm whose name is missing (a required property)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [":ID,:LABEL,name,url,sources:string[]"]
    for i in range(firms):
        name = "" if i == bad_at else f"Firm {i}"
        lines.append(f"company:firm-{i},Company,{name},,source:registry")
        lines.append(f"person:officer-{i},Person,Officer {i},,source:registry")
    lines.append("source:registry,Source,,https://registry.example.org/,")
    (folder / "nodes.csv").write_text("\n".join(lines) + "\n", "utf-8")
    rels = [":START_ID,:END_ID,:TYPE,role,sources:string[]"]
    rels += [f"person:officer-{i},company:firm-{i},OFFICER_OF,director,source:registry"
             for i in range(firms)]
    (folder / "relationships.csv").write_text("\n".join(rels) + "\n", "utf-8")
    return folder


def snapshot(store: GraphStore) -> tuple[dict[str, Any], dict[str, Any]]:
    nodes = {n.id: (n.label, n.properties) for n in store.iter_nodes()}
    rels = {r.id: (r.type, r.properties) for r in store.iter_relationships()}
    return nodes, rels


def records(store: GraphStore) -> dict[str, Any]:
    ids = [n.id for n in store.iter_nodes()] + [r.id for r in store.iter_relationships()]
    return {i: sorted(a.to_dict().items()) for i, found in store.records(ids).items() for a in found}


def clean_load(tmp_path: Path, folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "clean.sqlite")
    store.upsert(read_batch(folder, "neo4j-csv"))
    return store


def crashing(batches: Iterator[Batch], after: int) -> Iterator[Batch]:
    """The batches, then a failure (a killed reader) after ``after`` of them."""
    for number, batch in enumerate(batches):
        if number == after:
            raise RuntimeError("the reader died")
        yield batch


def test_a_stream_gives_the_graph_of_one_batch(store: GraphStore, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "csv", 40)
    summary = store.upsert_stream(read_batches(folder, "neo4j-csv", size=7))
    clean = clean_load(tmp_path, folder)
    assert snapshot(store) == snapshot(clean)
    assert records(store) == records(clean)
    assert (summary.nodes_created, summary.relationships_created) == (81, 40)
    again = store.upsert_stream(read_batches(folder, "neo4j-csv", size=7))
    assert not again.changed and again.nodes_unchanged == 81
    clean.close()


def test_a_reference_never_given_is_an_error(store: GraphStore, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "csv", 5)
    text = (folder / "relationships.csv").read_text("utf-8")
    (folder / "relationships.csv").write_text(text + "person:nobody,company:firm-1,OFFICER_OF,ceo,source:registry\n")
    with pytest.raises(InvalidData) as failed:
        store.upsert_stream(read_batches(folder, "neo4j-csv", size=3))
    assert any(e.field == "from" and "person:nobody" in e.message for e in failed.value.errors)


def test_a_load_that_stops_half_way(store: GraphStore, tmp_path: Path) -> None:
    """Embedded: nothing of it is written. Neo4j: the batches before stay, and running
    the same load again completes it: the same graph and record as one clean load."""
    folder = write_folder(tmp_path / "csv", 60)
    with pytest.raises(RuntimeError):
        store.upsert_stream(crashing(read_batches(folder, "neo4j-csv", size=10), after=16))
    written = store.stats().total_nodes
    if store.stream_in_one_transaction:
        assert written == 0
    else:
        assert written == 121 and store.stats().total_relationships < 60
    summary = store.upsert_stream(read_batches(folder, "neo4j-csv", size=10))
    clean = clean_load(tmp_path, folder)
    assert snapshot(store) == snapshot(clean)
    assert records(store) == records(clean)
    assert summary.nodes_created == 121 - written  # what was written stays as it was
    assert summary.nodes_updated == 0 and summary.relationships_updated == 0
    clean.close()


def test_a_bad_record_half_way(store: GraphStore, tmp_path: Path) -> None:
    """A record that fails validation in a late batch: the load stops there with every
    error of that batch; fixed, the same load completes."""
    bad = write_folder(tmp_path / "bad", 60, bad_at=45)
    with pytest.raises(InvalidData) as failed:
        store.upsert_stream(read_batches(bad, "neo4j-csv", size=10))
    assert [(e.record, e.field) for e in failed.value.errors] == [("line 92", "name")]
    if store.stream_in_one_transaction:
        assert store.stats().total_nodes == 0
    good = write_folder(tmp_path / "good", 60)
    (bad / "nodes.csv").write_text((good / "nodes.csv").read_text("utf-8"), "utf-8")
    store.upsert_stream(read_batches(bad, "neo4j-csv", size=10))
    clean = clean_load(tmp_path, good)
    assert snapshot(store) == snapshot(clean)
    clean.close()


def test_embedded_readers_see_the_store_as_before_until_it_commits(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    folder = write_folder(tmp_path / "csv", 30)
    seen: list[int] = []
    generation = store.generation()

    def watched(batches: Iterator[Batch], other: ThreadPoolExecutor) -> Iterator[Batch]:
        for batch in batches:  # another thread's view, mid-load
            seen.append(other.submit(lambda: store.stats().total_nodes).result())
            yield batch

    with ThreadPoolExecutor(1) as other:
        store.upsert_stream(watched(read_batches(folder, "neo4j-csv", size=5), other))
        assert len(seen) > 5 and set(seen) == {0}
        assert other.submit(lambda: store.stats().total_nodes).result() == 61
    assert store.generation() == generation + 1
    store.close()


def test_a_stream_of_one_batch_is_all_or_nothing(store: GraphStore, tmp_path: Path) -> None:
    """Every error of the file at once, and nothing written, on every backend."""
    folder = write_folder(tmp_path / "csv", 5, bad_at=3)
    text = (folder / "relationships.csv").read_text("utf-8")
    (folder / "relationships.csv").write_text(text + "person:nobody,company:firm-1,OFFICER_OF,ceo,source:registry\n")
    with pytest.raises(InvalidData) as failed:
        store.upsert_stream(read_batches(folder, "neo4j-csv"))
    assert {e.field for e in failed.value.errors} == {"name", "from"}
    assert store.stats().total_nodes == 0
