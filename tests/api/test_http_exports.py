"""Exports at /export/{format}: whole graph, a neighbourhood, a traversal's result, streamed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest

from enforcegraph.graph.exports import EXPORTERS, read_graphml, read_node_link


def _download(api: Any, fmt: str, tmp_path: Path, **params: str) -> Path:
    response = httpx.get(f"{api.url}/export/{fmt}", params=params, timeout=60)
    assert response.status_code == 200, response.text
    filename = response.headers["content-disposition"].split('filename="')[1].rstrip('"')
    target = tmp_path / filename
    target.write_bytes(response.content)
    return target


def _graph(api: Any, fmt: str, tmp_path: Path, **params: str) -> nx.MultiDiGraph:
    path = _download(api, fmt, tmp_path, **params)
    return read_graphml(path) if fmt == "graphml" else read_node_link(path)


@pytest.mark.parametrize("fmt", ["graphml", "json", "nodelink"])
def test_whole_graph(api: Any, fmt: str, tmp_path: Path) -> None:
    graph = _graph(api, fmt, tmp_path)
    stats = api.store.stats()
    assert graph.number_of_nodes() == stats.total_nodes
    assert graph.number_of_edges() == stats.total_relationships
    node = graph.nodes["sanction:fr-1-fine"]
    assert node["label"] == "Sanction" and float(node["amount"]) == 20_000_000
    types = {data["type"] for _, _, data in graph.edges(data=True)}
    assert {"ISSUED", "IMPOSES", "AGAINST", "INFRINGES"} <= types


def test_every_exporter_is_served(api: Any, tmp_path: Path) -> None:
    for fmt, exporter in EXPORTERS.items():
        path = _download(api, fmt, tmp_path, of="company:far-away")
        assert path.stat().st_size > 0, fmt
        if exporter.is_folder:
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zipped:
                assert zipped.namelist(), fmt


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_neighbourhood_subgraph(api: Any, fmt: str, tmp_path: Path) -> None:
    graph = _graph(api, fmt, tmp_path, of="company:far-away", depth="1")
    entities = {n for n, attrs in graph.nodes(data=True) if attrs["label"] != "Source"}
    assert entities == {"company:far-away", "decision:fr-1", "decision:gb-1"}
    assert "source:example-1" in graph  # provenance travels with the selection


def test_traversal_subgraph(api: Any, tmp_path: Path) -> None:
    graph = _graph(api, "json", tmp_path, traversal="sanctions-without-eu-establishment")
    assert {"company:far-away", "sanction:fr-1-fine", "decision:fr-1", "regulator:fr-dpa",
            "sanction:gb-1-fine", "article:gdpr-32"} <= set(graph.nodes)
    assert "company:local" not in graph.nodes
    assert graph.has_edge("decision:fr-1", "sanction:fr-1-fine")


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/export/pdf", 404, "NOT_FOUND"),
        ("/export/json?of=company:nobody-at-all-here", 404, "NOT_FOUND"),
        ("/export/json?traversal=no-such-thing", 404, "NOT_FOUND"),
        ("/export/json?of=company:local&depth=9", 400, "LIMIT_EXCEEDED"),
        ("/export/json?of=company:local&depth=x", 400, "BAD_USER_INPUT"),
    ],
)
def test_export_errors(api: Any, path: str, status: int, code: str) -> None:
    response = httpx.get(api.url + path)
    assert response.status_code == status, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == code


def test_an_ego_export_past_its_bound_is_refused_with_the_cli_command(
        api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from enforcegraph.api import exporting

    monkeypatch.setattr(exporting, "MAX_EXPORT_NODES", 1)
    response = httpx.get(api.url + "/export/json", params={"of": "company:far-away", "depth": "1"})
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "enforcegraph export --of company:far-away --depth 1" in error["message"]
