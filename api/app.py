"""The ASGI app: GraphQL (GraphiQL in the browser) at /graphql, health, exports, the page at /."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp
from strawberry.asgi import GraphQL

from enforcegraph.api.context import Context, make_context
from enforcegraph.api.errors import (
    BAD_USER_INPUT,
    LIMIT_EXCEEDED,
    NOT_FOUND,
    UNAVAILABLE,
    ApiError,
    error_payload,
)
from enforcegraph.api.exporting import FORMATS
from enforcegraph.api.middleware import BodyLimit, Timeout
from enforcegraph.api.schema import MAX_DEPTH, build_schema
from enforcegraph.api.walks import Subgraph, induced, neighbourhood
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store import open_store
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.graph.traversals import CATALOGUE
from enforcegraph.schema.errors import EnforcegraphError, NotFound, StoreError

__all__ = ["app_from_env", "create_app"]

# The built page (api/web/build.sh): index.html at /, its assets under /static/.
WEB_DIR = Path(__file__).resolve().parent / "web" / "dist"
PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>enforcegraph</title></head>
<body><h1>enforcegraph</h1>
<p>The GraphQL API and its explorer (GraphiQL) are at <a href="/graphql">/graphql</a>.</p>
<p>Exports: <a href="/export/graphml">/export/graphml</a>, <a href="/export/json">/export/json</a>.</p>
</body></html>
"""


class _Holder:
    """The store the app serves (opened at startup unless one was given)."""

    def __init__(self, store: GraphStore | None) -> None:
        self.store = store
        self.ready = False

    def get(self) -> GraphStore:
        if self.store is None:
            raise StoreError("the store is not open yet")
        return self.store


class _GraphQLApp(GraphQL[Context, None]):
    def __init__(self, settings: Settings, holder: _Holder) -> None:
        super().__init__(build_schema(settings), graphql_ide="graphiql", allow_queries_via_get=True)
        self.settings = settings
        self.holder = holder

    async def get_context(self, request: Any, response: Any) -> Context:
        return make_context(self.settings, self.holder.get())


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_payload(code, message), status_code=status)


def _node_ids(value: Any, prefixes: Iterable[str]) -> Iterable[str]:
    """Every string in a traversal row that looks like a node id."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _node_ids(item, prefixes)
    elif isinstance(value, list):
        for item in value:
            yield from _node_ids(item, prefixes)
    elif isinstance(value, str) and value.split(":", 1)[0] in prefixes and ":" in value:
        yield value


def _subgraph(store: GraphStore, params: dict[str, str], max_page: int) -> Subgraph | None:
    """The subgraph the query parameters ask for; None for the whole graph."""
    if "of" in params:
        depth = int(params.get("depth", "1"))
        if not 1 <= depth <= MAX_DEPTH:
            raise ApiError(LIMIT_EXCEEDED, f"depth must be between 1 and {MAX_DEPTH}")
        return neighbourhood(store, params["of"], depth, max_page)
    if "traversal" in params:
        name = params["traversal"]
        entry = CATALOGUE.get(name)
        if entry is None:
            raise NotFound(f"no traversal {name!r} (known: {', '.join(CATALOGUE)})")
        options = {k: params[k] for k in entry.options if k in params}
        rows = store.traversals().run(name, params.get("argument"), **options)
        return induced(store, list(_node_ids(rows, store.model.prefixes)))
    return None


def create_app(settings: Settings, store: GraphStore | None = None) -> ASGIApp:
    """The whole ASGI app; opens (and closes) the configured store unless one is given."""
    holder = _Holder(store)
    graphql_app = _GraphQLApp(settings, holder)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = holder.store is None
        if owned:
            holder.store = await run_in_threadpool(open_store, settings)
        holder.ready = True
        try:
            yield
        finally:
            holder.ready = False
            if owned and holder.store is not None:
                holder.store.close()
                holder.store = None

    async def healthz(request: Request) -> Response:
        try:
            opened = holder.get()
            await run_in_threadpool(opened.ping)
        except StoreError as exc:
            return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok", "backend": opened.backend_name})

    async def readyz(request: Request) -> Response:
        if not holder.ready:
            return JSONResponse({"status": "starting"}, status_code=503)
        return await healthz(request)

    async def export(request: Request) -> Response:
        fmt = FORMATS.get(request.path_params["format"])
        if fmt is None:
            return _error(404, NOT_FOUND, f"no export format {request.path_params['format']!r} "
                          f"(known: {', '.join(FORMATS)})")
        opened = holder.get()
        params = dict(request.query_params)
        try:
            sub = await run_in_threadpool(_subgraph, opened, params, settings.max_page_size)
        except (NotFound, ApiError) as exc:
            code = getattr(exc, "code", NOT_FOUND)
            return _error(404 if code == NOT_FOUND else 400, code, str(exc))
        except StoreError as exc:
            return _error(503, UNAVAILABLE, str(exc))
        except (EnforcegraphError, ValueError) as exc:
            return _error(400, BAD_USER_INPUT, str(exc))
        if sub is None:
            chunks = fmt.write(opened.model, opened.iter_nodes(), opened.iter_relationships())
        else:
            chunks = fmt.write(opened.model, sub.nodes, sub.relationships)
        headers = {"content-disposition": f'attachment; filename="enforcegraph.{fmt.suffix}"'}
        return StreamingResponse(chunks, media_type=fmt.media_type, headers=headers)

    async def placeholder(request: Request) -> Response:
        return HTMLResponse(PLACEHOLDER)

    routes: list[Any] = [
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/export/{format}", export),
    ]
    web = next((d for d in (WEB_DIR / "dist", WEB_DIR) if (d / "index.html").exists()), None)
    if web is not None:
        routes.append(Mount("/", StaticFiles(directory=web, html=True)))
    else:
        routes.append(Route("/", placeholder))
    app: ASGIApp = Starlette(routes=routes, lifespan=lifespan)
    app = BodyLimit(app, settings.max_body_bytes)
    app = Timeout(app, settings.request_timeout)
    if settings.cors_origins:
        app = CORSMiddleware(
            app,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["content-type", "authorization"],
        )
    return app


def app_from_env() -> ASGIApp:
    """An app from ``ENFORCEGRAPH_*`` (the factory uvicorn workers import)."""
    return create_app(Settings.from_env())
