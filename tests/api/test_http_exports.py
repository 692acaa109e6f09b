"""Streamed exports at /export/{format}: whole graph, a neighbourhood, a traversal's result."""

from __future__ import annotations

import io
from typing import Any

import httpx
import networkx as nx
import pytest
from networkx.readwrite import json_graph


def _graph(api: Any, fmt: str, **params: str) -> nx.MultiDiGraph:
    response = httpx.get(f"{api.url}/export/{fmt}", params=params, timeout=30)
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(response.content), force_multigraph=True)
    else:
        graph = json_graph.node_link_graph(response.json(), edges="edges")
    assert isinstance(graph, nx.MultiDiGraph)
    return graph


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_whole_graph(api: Any, fmt: str) -> None:
    graph = _graph(api, fmt)
    stats = api.store.stats()
    assert graph.number_of_nodes() == stats.total_nodes
    assert graph.number_of_edges() == stats.total_relationships
    node = graph.nodes["sanction:fr-1-fine"]
    assert node["label"] == "Sanction" and float(node["amount"]) == 20_000_000
    types = {data["type"] for _, _, data in graph.edges(data=True)}
    assert {"ISSUED", "IMPOSES", "AGAINST", "INFRINGES"} <= types


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_neighbourhood_subgraph(api: Any, fmt: str) -> None:
    graph = _graph(api, fmt, of="company:far-away", depth="1")
    assert set(graph.nodes) == {"company:far-away", "decision:fr-1", "decision:gb-1"}
    assert graph.number_of_edges() == 2


def test_traversal_subgraph(api: Any) -> None:
    graph = _graph(api, "json", traversal="sanctions-without-eu-establishment")
    assert {"company:far-away", "sanction:fr-1-fine", "decision:fr-1", "regulator:fr-dpa",
            "sanction:gb-1-fine", "article:gdpr-32"} <= set(graph.nodes)
    assert "company:local" not in graph.nodes
    assert graph.has_edge("decision:fr-1", "sanction:fr-1-fine")


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/export/pdf", 404, "NOT_FOUND"),
        ("/export/json?of=company:nobody", 404, "NOT_FOUND"),
        ("/export/json?traversal=no-such-thing", 404, "NOT_FOUND"),
        ("/export/json?of=company:local&depth=9", 400, "LIMIT_EXCEEDED"),
        ("/export/json?of=company:local&depth=x", 400, "BAD_USER_INPUT"),
    ],
)
def test_export_errors(api: Any, path: str, status: int, code: str) -> None:
    response = httpx.get(api.url + path)
    assert response.status_code == status
    assert response.json()["errors"][0]["extensions"]["code"] == code
