"""Security headers on the page, GraphQL, GraphiQL, exports, health and error answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from enforcegraph.api.headers import CONTENT_SECURITY_POLICY, content_security_policy


@pytest.mark.parametrize(("method", "path", "headers"), [
    ("GET", "/", {}),
    ("GET", "/graphql", {"accept": "text/html"}),
    ("GET", "/graphql?query=%7B__typename%7D", {}),
    ("POST", "/graphql", {"content-type": "application/json"}),
    ("GET", "/export/json", {}),
    ("GET", "/export/nope", {}),
    ("GET", "/healthz", {}),
    ("GET", "/static/no-such-file.js", {}),
])
def test_every_answer_carries_the_security_headers(
    embedded_api: Any, method: str, path: str, headers: dict[str, str]
) -> None:
    body = b'{"query": "{ stats { totalNodes } }"}' if method == "POST" else None
    response = httpx.request(method, embedded_api.url + path, headers=headers, content=body)
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    if "text/html" in headers.get("accept", "") and "nonce-" in policy:  # GraphiQL's page
        nonce = directives["style-src"].split("'nonce-")[1].rstrip("'")
        assert policy == content_security_policy(style_nonce=nonce)
        assert f'content="{nonce}"' in response.text
    else:
        assert policy == CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_graphiql_is_served_from_this_origin(embedded_api: Any) -> None:
    page = httpx.get(embedded_api.url + "/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert "unpkg" not in page.text and "jsdelivr" not in page.text and "//" not in page.text
    assert "<script>" not in page.text, "no inline script: the CSP forbids it"
    if "GraphiQL is not built" in page.text:  # no npm here: api/web/build.sh never ran
        return
    again = httpx.get(embedded_api.url + "/graphql", headers={"accept": "text/html"})
    assert again.headers["content-security-policy"] != page.headers["content-security-policy"], \
        "a fresh style nonce for each response"
    assert page.headers["cache-control"] == "no-store"
