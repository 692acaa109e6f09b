"""FollowTheMoney: import JSON lines; export our graph as FtM that the library validates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.exports.base import export_graph
from enforcegraph.graph.exports.ftm import FtmExporter
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch
from enforcegraph.loaders.casefile import read_case_file
from enforcegraph.schema.ftmmap import mapping

REPO = Path(__file__).resolve().parents[2]


def _validate(lines: list[dict[str, Any]]) -> None:
    """Strict: known schema and properties, every value valid for its type, no value
    dropped by the library's cleaning, required properties present, no dangling reference."""
    ids = {line["id"] for line in lines}
    assert len(ids) == len(lines)
    for data in lines:
        schema = model.get(data["schema"])
        assert schema is not None, data["schema"]
        for name, values in data["properties"].items():
            prop = schema.properties.get(name)
            assert prop is not None, f"{data['schema']} has no {name}"
            for value in values:
                assert prop.type.validate(value), (data["id"], name, value)
                if prop.type.name == "entity":
                    assert value in ids, (data["id"], name, value)
        schema.validate(data)
        proxy = model.get_proxy(data)
        assert {k: sorted(v) for k, v in proxy.to_dict()["properties"].items()} == {
            k: sorted(v) for k, v in data["properties"].items()}
        assert all(proxy.get(p) for p in schema.required)


@pytest.fixture(scope="module")
def exported(fixtures: Path, shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The FtM export of the mini graph, the extra parties and the fines table (the
    exporter works on the NetworkX view, the same for every backend)."""
    tmp = tmp_path_factory.mktemp("ftm")
    store = EmbeddedStore(tmp / "graph.sqlite")
    store.upsert(read_case_file(fixtures / "mini.yaml"))
    store.upsert(read_case_file(fixtures / "ftm" / "extra.yaml"))
    store.upsert(read_batch(shared_data / "gdpr-fines-2020" / "gdpr_violations.tsv", "gdpr-fines-tsv"))
    target = tmp / "graph.ftm.json"
    exporter = export_graph(store.to_networkx(), "ftm", target)
    store.close()
    assert isinstance(exporter, FtmExporter)
    return [json.loads(line) for line in target.read_text("utf-8").splitlines()]


def test_the_export_validates_with_followthemoney(exported: list[dict[str, Any]]) -> None:
    _validate(exported)
    schemata = {e["schema"] for e in exported}
    assert {"Company", "PublicBody", "LegalEntity", "Person", "Sanction", "Representation",
            "Directorship", "Note"} <= schemata


def test_sanctions_carry_amount_decision_and_provisions(exported: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in exported}
    first = by_id["sanction-gdpr-fines-2020-1"]["properties"]
    assert first["entity"] and first["startDate"] == ["2019-10-18"]
    fine = by_id["sanction-fr-1-fine"]["properties"]
    assert fine["description"] == ["fine: 20,000,000.00 EUR"]
    assert fine["authority"] == ["Autorité Exemple"] and fine["country"] == ["fr"]
    assert fine["provisions"] == ["GDPR Art. 32(1)"] and fine["authorityId"] == ["FR-1"]
    gbp = by_id["sanction-gb-1-fine"]["properties"]["description"][0]
    assert gbp.startswith("fine: 7,552,800.00 GBP")
    rep = next(e for e in exported if e["schema"] == "Representation")["properties"]
    assert rep["client"] == ["company-far-away"] and rep["agent"] == ["company-spin"]
    assert rep["role"] == ["pr"]


def test_the_export_reads_back(exported: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "back.ftm.json"
    path.write_text("".join(json.dumps(e) + "\n" for e in exported), "utf-8")
    batch = read_batch(path, "ftm")
    nodes = {n.id: n for n in batch.nodes}
    assert nodes["company:far-away"].properties["name"] == "Far Away Analytics, Inc."
    assert nodes["company:vodafone-espana"].properties["aliases"] == ["Vodafone España", "Vodafone España, S.A.U."]
    types = {r.type for r in batch.relationships}
    assert {"AGAINST", "REPRESENTED_BY", "OFFICER_OF"} <= types


def test_import_maps_entities_edges_and_reports_the_rest(store: GraphStore, fixtures: Path) -> None:
    batch = read_batch(fixtures / "ftm" / "sample.ftm.json", "ftm")
    summary = store.upsert(batch)
    assert summary.nodes_created == len(batch.nodes)
    acme = store.get("company:ftm-acme-co")
    assert acme is not None and acme.get("identifiers") == ["lei:529900EXAMPLE0000001"]
    assert acme.get("country") == "GB" and acme.get("aliases") == ["Acme"]
    council = store.get("company:ftm-city-council")
    assert council is not None and council.get("kind") == "public_body" and council.get("country") == "DE"
    (rep, agent), = store.neighbours("company:ftm-acme-co", ["REPRESENTED_BY"], "out")
    assert agent.get("name") == "Spin & Partners" and rep.properties["role"] == "pr"
    assert rep.properties["sources"]  # taken from its ends: the edge has no sourceUrl
    (officer, person), = store.neighbours("company:ftm-acme-co", ["OFFICER_OF"], "in")
    assert person.get("name") == "Jane Doe" and officer.properties["role"] == "CEO"
    report = batch.report.to_dict()
    assert report["counts"]["held_back"] == {"role-not-in-model": 1, "schema-not-in-model": 2}
    assert not store.upsert(read_batch(fixtures / "ftm" / "sample.ftm.json", "ftm")).changed


def test_the_mapping_is_documented() -> None:
    doc = (REPO / "docs" / "ftm-mapping.md").read_text("utf-8")
    table = mapping()
    names = set(table["export"]["nodes"]) | set(table["import"]["nodes"]) | set(table["import"]["edges"])
    names |= {spec["schema"] for spec in table["export"]["edges"].values()}
    names |= set(table["export"]["folded"]) | set(table["import"]["not_loaded"])
    assert [n for n in sorted(names) if f"`{n}`" not in doc] == []
    assert "amount" in doc and "description" in doc
