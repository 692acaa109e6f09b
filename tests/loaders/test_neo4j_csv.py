"""CSV in the neo4j-admin import layout: the exporter's folder reads back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

import enforcegraph.graph.exports.csv as csv_export
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.exports.base import export_graph
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders import neo4jcsv
from enforcegraph.loaders.base import read_batch
from enforcegraph.loaders.casefile import read_case_file


def _snapshot(store: GraphStore) -> tuple[dict[str, object], dict[str, object]]:
    nodes = {n.id: (n.label, n.properties) for n in store.iter_nodes()}
    rels = {r.id: (r.type, r.start, r.end, r.key, r.properties) for r in store.iter_relationships()}
    return nodes, rels


def test_the_layouts_agree() -> None:
    assert neo4jcsv.ARRAY_DELIMITER == csv_export.ARRAY_DELIMITER


def test_exact_round_trip(embedded_store: EmbeddedStore, fixtures: Path, fines_tsv: Path, tmp_path: Path) -> None:
    """The exporter reads the NetworkX view (the same for every backend): one backend suffices."""
    store = embedded_store
    store.upsert(read_case_file(fixtures / "mini.yaml"))
    store.upsert(read_case_file(fixtures / "ftm" / "extra.yaml"))
    store.upsert(read_batch(fines_tsv, "gdpr-fines-tsv"))
    folder = tmp_path / "csv"
    export_graph(store.to_networkx(), "csv", folder)
    assert (folder / "nodes_Company.csv").read_text("utf-8").startswith("id:ID,:LABEL,")
    header = (folder / "nodes_Sanction.csv").read_text("utf-8").splitlines()[0]
    assert "amount:double" in header.split(",") and "sources:string[]" in header.split(",")
    batch = read_batch(folder, "neo4j-csv")
    copy = EmbeddedStore(tmp_path / "copy.sqlite")
    summary = copy.upsert(batch)
    assert summary.nodes_created == store.stats().total_nodes
    assert _snapshot(copy) == _snapshot(store)
    again = tmp_path / "again"
    export_graph(copy.to_networkx(), "csv", again)
    for path in sorted(folder.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    copy.close()


def test_single_file_layout_and_typed_cells(tmp_path: Path) -> None:
    (tmp_path / "nodes.csv").write_text(
        "id:ID,:LABEL,url,kind,amount:float,statutory_maximum:boolean,sources:string[]\n"
        "source:s,Source,https://example.org/s,,,,\n"
        "sanction:a,Sanction,,fine,20000000,true,source:s\n"
        "sanction:b,Sanction,,fine,1.5,,source:s\n", "utf-8")
    (tmp_path / "relationships.csv").write_text(":START_ID,:END_ID,:TYPE,key,sources:string[]\n", "utf-8")
    batch = read_batch(tmp_path / "nodes.csv", "neo4j-csv")
    props = {n.id: n.properties for n in batch.nodes}
    assert props["sanction:a"] == {"kind": "fine", "amount": 20000000, "statutory_maximum": True, "sources": ["source:s"]}
    assert isinstance(props["sanction:a"]["amount"], int) and props["sanction:b"]["amount"] == 1.5
    (tmp_path / "nodes.csv").write_text("id:ID,:LABEL,amount:float\nsanction:c,Sanction,inf\n", "utf-8")
    with pytest.raises(Exception, match="not a finite number"):
        read_batch(tmp_path / "nodes.csv", "neo4j-csv")
