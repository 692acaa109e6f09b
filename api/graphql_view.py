"""GraphQL over HTTP around strawberry's ASGI view: media types, status codes, typed errors.

A client that accepts ``application/graphql-response+json`` (the GraphQL-over-HTTP spec's
media type) gets it, with the spec's status codes: 4xx for a request that fails before
execution (unparsable body, syntax or validation errors), 200 once execution started,
503 when the store cannot answer. Everyone else gets ``application/json`` and 200 for
any GraphQL result, as before. Errors raised outside GraphQL are GraphQL-shaped JSON
with ``extensions.code``; a GET from a browser gets the GraphiQL page built with the
web page (api/web/build.sh), which loads nothing from another origin.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from enforcegraph.api.context import Context
from enforcegraph.api.errors import BAD_USER_INPUT, INTERNAL, NOT_FOUND, UNAVAILABLE
from enforcegraph.api.headers import content_security_policy
from enforcegraph.schema.errors import StoreError

__all__ = ["GRAPHQL_RESPONSE", "JSON", "GraphQLView", "negotiate"]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_MEDIA_TYPES = (GRAPHQL_RESPONSE, JSON)
# In GraphiQL's page: replaced by the nonce of its <style> elements for each response.
STYLE_NONCE = "__STYLE_NONCE__"

# Shown at /graphql in a browser when the page was never built (no npm on the machine).
UNBUILT_IDE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GraphiQL — enforcegraph</title></head>
<body><h1>GraphiQL is not built</h1>
<p>Run <code>sh api/web/build.sh</code> (or <code>make web</code>) to build GraphiQL from
the package lock file; the API itself answers POST and GET requests here.</p>
</body></html>
"""


def negotiate(accept: str | None) -> str:
    """The response media type for an Accept header: graphql-response+json when the client
    accepts it at least as much as application/json, else application/json (the default
    for clients that send no Accept, ``*/*`` or neither type)."""
    if not accept:
        return JSON
    weights: dict[str, float] = {}
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        media = media.lower()
        if media not in _MEDIA_TYPES:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media] = max(weight, weights.get(media, 0.0))
    wanted = weights.get(GRAPHQL_RESPONSE, 0.0)
    return GRAPHQL_RESPONSE if wanted > 0 and wanted >= weights.get(JSON, 0.0) else JSON


def _accept(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"accept":
            return bytes(value).decode("latin-1")
    return None


def _refused(result: ExecutionResult) -> bool:
    """Whether the request failed before execution: a parse or validation error, or no data
    and only errors without a path (variables that do not coerce, a cost over the limit);
    a field's error always has a path."""
    if isinstance(result, PreExecutionError):
        return True
    return result.data is None and bool(result.errors) and not any(
        error.path for error in result.errors or []
    )


def _pre_execution_status(errors: list[GraphQLError]) -> int:
    """The status of a request refused before execution (its errors already typed)."""
    codes = {(error.extensions or {}).get("code") for error in errors}
    if UNAVAILABLE in codes:
        return 503
    if INTERNAL in codes:
        return 500
    return 400


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view with GraphQL-over-HTTP media types and typed HTTP errors."""

    def __init__(self, *args: Any, ide_page: Path | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **{"graphql_ide": "graphiql", **kwargs})
        self.ide_page = ide_page

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """As strawberry's, but errors outside GraphQL (no query, bad JSON, no store) are
        typed GraphQL-shaped JSON in the negotiated media type."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            code = NOT_FOUND if exc.status_code == 404 else BAD_USER_INPUT
            response = self.error_response(scope, exc.status_code, code, exc.reason)
        except StoreError as exc:  # the store failed before execution began
            response = self.error_response(scope, 503, UNAVAILABLE, str(exc))
        await response(scope, receive, send)

    @staticmethod
    def error_response(scope: Scope, status: int, code: str, message: str) -> Response:
        """A request error: only ``errors`` under graphql-response+json (no data entry,
        as the spec asks), ``data: null`` too under application/json."""
        media_type = negotiate(_accept(scope))
        error = {"message": message, "extensions": {"code": code}}
        body: dict[str, Any] = {"errors": [error]}
        if media_type == JSON:
            body = {"data": None, **body}
        return Response(orjson.dumps(body), status_code=status,
                        media_type=f"{media_type}; charset=utf-8")

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST" and "json" in (request.content_type or ""):
            # A JSON document that is an object starts with "{" (a batch with "["; strawberry
            # refuses batches); anything else (5, "x", null, true) is refused here, in O(1).
            first = (await request.get_body()).lstrip(b" \t\r\n")[:1]
            if first and first not in (b"{", b"["):
                raise HTTPException(400, "the request body must be a JSON object")
        return await super().parse_http_body(request)

    async def get_sub_response(self, request: Request | Any) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = negotiate(request.headers.get("accept"))
        return sub_response

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        result = await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )
        if sub_response.media_type == GRAPHQL_RESPONSE and _refused(result):
            sub_response.status_code = _pre_execution_status(result.errors or [])
        return result

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        media_type = sub_response.media_type or JSON
        if media_type == GRAPHQL_RESPONSE and sub_response.status_code:
            response_data = _without_data(response_data)
        response = Response(
            self.encode_json(response_data),
            status_code=sub_response.status_code or 200,
            media_type=media_type if media_type == JSON else f"{media_type}; charset=utf-8",
        )
        response.headers.raw.extend(sub_response.headers.raw)
        if sub_response.background:
            response.background = sub_response.background
        return response

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL's page, with a fresh nonce for the ``<style>`` elements its dialogs add
        (the page's script hands it to them; no other inline style or script may run)."""
        if self.ide_page is None or not self.ide_page.is_file():
            return HTMLResponse(UNBUILT_IDE)
        nonce = secrets.token_urlsafe(18)
        page = self.ide_page.read_text(encoding="utf-8").replace(STYLE_NONCE, nonce)
        return HTMLResponse(page, headers={
            "content-security-policy": content_security_policy(style_nonce=nonce),
            "cache-control": "no-store",
        })


def _without_data(
    response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
) -> GraphQLHTTPResponse | list[GraphQLHTTPResponse]:
    """A request error (no execution) carries no ``data`` entry under graphql-response+json."""
    if isinstance(response_data, dict) and response_data.get("data") is None:
        return {key: value for key, value in response_data.items() if key != "data"}  # type: ignore[return-value]
    return response_data
