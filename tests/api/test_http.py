"""The HTTP surface: health, readiness, GraphiQL, the page at /, CORS, GET queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.errors import StoreUnavailable


def test_health_and_readiness(api: Any) -> None:
    health = httpx.get(api.url + "/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "backend": api.store.backend_name}
    assert api.counting.calls["ping"] == 1
    assert httpx.get(api.url + "/readyz").json()["status"] == "ok"


def test_health_fails_when_the_store_is_unreachable(api: Any) -> None:
    api.counting.failures["ping"] = StoreUnavailable("server down")
    for path in ("/healthz", "/readyz"):
        response = httpx.get(api.url + path)
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"


def test_graphiql_and_the_page_at_root(api: Any) -> None:
    ide = httpx.get(api.url + "/graphql", headers={"accept": "text/html"})
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()
    page = httpx.get(api.url + "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_get_queries_for_browsers(api: Any) -> None:
    response = httpx.get(api.url + "/graphql", params={"query": '{ search(text: "left") { nodes { id } } }'})
    assert response.status_code == 200
    assert response.json()["data"]["search"] == {"nodes": [{"id": "company:left"}]}


def test_cors_closed_by_default(api: Any) -> None:
    headers = {"origin": "https://elsewhere.example", "access-control-request-method": "POST"}
    preflight = httpx.options(api.url + "/graphql", headers=headers)
    assert "access-control-allow-origin" not in preflight.headers
    response = api.post({"query": "{ stats { totalNodes } }"}, headers={"origin": headers["origin"]})
    assert "access-control-allow-origin" not in response.headers


def test_cors_opens_to_configured_origins(store: GraphStore, serve: Callable[..., Any]) -> None:
    api = serve(store, Settings(cors_origins=("https://allowed.example",)))
    allowed = {"origin": "https://allowed.example", "access-control-request-method": "POST",
               "access-control-request-headers": "content-type"}
    preflight = httpx.options(api.url + "/graphql", headers=allowed)
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://allowed.example"
    other = httpx.options(api.url + "/graphql", headers={**allowed, "origin": "https://x.example"})
    assert other.headers.get("access-control-allow-origin") != "https://x.example"


def test_introspection_has_no_mutations(api: Any) -> None:
    response = api.post({"query": "{ __schema { mutationType { name } queryType { name } } }"})
    assert response.json()["data"]["__schema"] == {"mutationType": None,
                                                    "queryType": {"name": "Query"}}
