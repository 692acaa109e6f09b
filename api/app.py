"""The ASGI app: GraphQL (GraphiQL in the browser) at /graphql, health, exports, the page at /."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from functools import partial
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

from enforcegraph.api.access import AccessControl, RateLimiter, load_keys
from enforcegraph.api.context import Context, make_context
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.errors import (
    BAD_USER_INPUT,
    NOT_FOUND,
    UNAVAILABLE,
    ApiError,
    error_payload,
)
from enforcegraph.api.exporting import prepare_export
from enforcegraph.api.graphql_view import GraphQLView
from enforcegraph.api.headers import SecurityHeaders
from enforcegraph.api.middleware import BodyLimit, Timeout
from enforcegraph.api.response_cache import ResponseCache, ResponseCacheMiddleware
from enforcegraph.api.schema import build_schema
from enforcegraph.api.slowlog import SlowRequestLog
from enforcegraph.graph.backends import open_store
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.errors import EnforcegraphError, NotFound, StoreError

__all__ = ["GC_THRESHOLD", "app_from_env", "create_app", "settle_heap"]

log = logging.getLogger(__name__)

# The built page (api/web/build.sh): index.html at /, its assets under /static/, and
# GraphiQL's page (served at /graphql to browsers).
WEB_DIR = Path(__file__).resolve().parent / "web" / "dist"
GRAPHIQL_PAGE = "graphiql.html"
PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>enforcegraph</title></head>
<body><h1>enforcegraph</h1>
<p>The GraphQL API and its explorer (GraphiQL) are at <a href="/graphql">/graphql</a>.</p>
<p>Exports: <a href="/export/graphml">/export/graphml</a>, <a href="/export/gexf">/export/gexf</a>,
<a href="/export/json">/export/json</a> (add <code>?of=ID&amp;depth=N</code> or
<code>?traversal=NAME</code> for a subgraph).</p>
</body></html>
"""


# Allocations between two young-generation collections in a serving process (Python's
# default is 700): a page of 100 rows allocates thousands of short-lived objects.
GC_THRESHOLD = 5000


def settle_heap() -> None:
    """Tune the garbage collector of a serving process, once its start-up is done.

    What start-up made (modules, the schema, the model: over 100,000 objects once the CLI
    and the analytics are imported) is frozen out of every later collection, and young
    objects are collected less often. Each request's objects then never make a full
    collection walk the whole heap: at 100k firms that walk was about 2 ms of CPU per
    headline page (1.4 ms of full collections, 0.7 of young ones; 8.5 -> 5.8 ms a page).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


class _Holder:
    """The store the app serves (opened at startup unless one was given)."""

    def __init__(self, store: GraphStore | None) -> None:
        self.store = store
        self.ready = False
        self.failure: StoreError | None = None  # why the store could not be opened

    def get(self) -> GraphStore:
        if self.store is None:
            raise self.failure or StoreError("the store is not open yet")
        return self.store

    def generation(self) -> int | None:
        """The open store's generation; None (cache nothing) when it cannot tell or fails."""
        try:
            return None if self.store is None else self.store.generation()
        except StoreError:
            return None


class _GraphQLApp(GraphQLView):
    def __init__(self, settings: Settings, holder: _Holder) -> None:
        super().__init__(build_schema(settings), allow_queries_via_get=True,
                         ide_page=(_web_dir() or WEB_DIR) / GRAPHIQL_PAGE)
        self.settings = settings
        self.holder = holder

    async def get_context(self, request: Any, response: Any) -> Context:
        return make_context(self.settings, self.holder.get())


def _web_dir() -> Path | None:
    """The built page's folder, if it was built."""
    return next((d for d in (WEB_DIR / "dist", WEB_DIR) if (d / "index.html").exists()), None)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_payload(code, message), status_code=status)


def create_app(settings: Settings, store: GraphStore | None = None, *,
               serving: bool = False) -> ASGIApp:
    """The whole ASGI app; opens (and closes) the configured store unless one is given.

    ``serving``: the app is the process's one job (``enforcegraph serve``): its start-up
    also tunes the garbage collector (:func:`settle_heap`), which a test or an embedding
    program should not have done to its own process.
    """
    holder = _Holder(store)
    graphql_app = _GraphQLApp(settings, holder)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = holder.store is None
        if owned:
            try:
                holder.store = await run_in_threadpool(open_store, settings)
            except StoreError as exc:  # serve 503 UNAVAILABLE (and say why) rather than exit
                log.error("the store cannot be opened: %s", exc)
                holder.failure = StoreError(f"the store cannot be opened: {exc}")
        if serving:
            settle_heap()
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
            await in_thread(opened.ping)
        except StoreError as exc:
            return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok", "backend": opened.backend_name})

    async def readyz(request: Request) -> Response:
        if not holder.ready:
            return JSONResponse({"status": "starting"}, status_code=503)
        return await healthz(request)

    async def export(request: Request) -> Response:
        name, params = request.path_params["format"], dict(request.query_params)
        try:
            done = await in_thread(partial(prepare_export, holder.get(), name, params))
        except (NotFound, ApiError) as exc:
            code = getattr(exc, "code", NOT_FOUND)
            return _error(404 if code == NOT_FOUND else 400, code, str(exc))
        except StoreError as exc:
            return _error(503, UNAVAILABLE, str(exc))
        except EnforcegraphError as exc:
            return _error(400, BAD_USER_INPUT, str(exc))
        headers = {"content-disposition": f'attachment; filename="{done.filename}"'}
        return StreamingResponse(done.chunks(), media_type=done.media_type, headers=headers)

    async def placeholder(request: Request) -> Response:
        return HTMLResponse(PLACEHOLDER)

    served: ASGIApp = graphql_app
    if settings.response_cache_bytes:
        served = ResponseCacheMiddleware(graphql_app, ResponseCache(settings.response_cache_bytes),
                                         holder.generation)
    routes: list[Any] = [
        Route("/graphql", served, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/export/{format}", export),
    ]
    web = _web_dir()
    if web is not None:
        routes.append(Mount("/", StaticFiles(directory=web, html=True)))
    else:
        routes.append(Route("/", placeholder))
    app: ASGIApp = Starlette(routes=routes, lifespan=lifespan)
    app = BodyLimit(app, settings.max_body_bytes)
    app = Timeout(app, settings.request_timeout)
    app = SlowRequestLog(app, settings.slow_request_ms)
    if settings.api_keys is not None or settings.rate_limit:
        app = AccessControl(
            app,
            load_keys(settings.api_keys) if settings.api_keys is not None else None,
            RateLimiter(settings.rate_limit, settings.rate_burst) if settings.rate_limit else None,
        )
    if settings.cors_origins:
        app = CORSMiddleware(
            app,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["content-type", "authorization"],
        )
    return SecurityHeaders(app)


def app_from_env() -> ASGIApp:
    """An app from ``ENFORCEGRAPH_*`` (the factory uvicorn workers import)."""
    return create_app(Settings.from_env(), serving=True)
