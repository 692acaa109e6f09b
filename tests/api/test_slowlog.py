"""Slow requests are logged with their time, status and what was asked; quick ones are not."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from enforcegraph.api.slowlog import BODY_SHOWN, SlowRequestLog
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore


async def _answer(request: Request) -> PlainTextResponse:
    await request.body()
    time.sleep(float(request.query_params.get("sleep", "0")))
    return PlainTextResponse("done", status_code=int(request.query_params.get("status", "200")))


def _ask(threshold_ms: float, method: str, url: str, body: str = "") -> int:
    """One request to a bare app behind the log (in process)."""
    app = Starlette(routes=[Route("/x", _answer, methods=["GET", "POST"])])

    async def ask() -> int:
        transport = httpx.ASGITransport(app=SlowRequestLog(app, threshold_ms))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return (await client.request(method, url, content=body)).status_code

    return asyncio.run(ask())


def _slow_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "enforcegraph.api.slow"]


def test_a_slow_request_is_logged_with_what_was_asked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "enforcegraph.api.slow")
    body = '{"query": "{ stats { nodes } }"}' + " " * 1000
    assert _ask(50, "POST", "/x?sleep=0.12&status=207", body) == 207
    (line,) = _slow_lines(caplog)
    assert line.startswith("slow request: POST '/x?sleep=0.12&status=207' 207 in ")
    took = float(line.split(" in ")[1].split(" ms")[0])
    assert 120 <= took < 5000
    assert line.endswith(repr(body[:BODY_SHOWN]))


def test_a_line_break_cannot_forge_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "enforcegraph.api.slow")
    assert _ask(1, "POST", "/x?sleep=0.01", '{"q": 1}\nslow request: forged') == 200
    (line,) = _slow_lines(caplog)
    assert "\n" not in line and line.endswith("""'{"q": 1}\\nslow request: forged'""")


def test_quick_requests_and_a_zero_threshold_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "enforcegraph.api.slow")
    assert _ask(2000, "GET", "/x?sleep=0.01") == 200
    assert _ask(0, "GET", "/x?sleep=0.06") == 200
    assert _slow_lines(caplog) == []


def test_the_api_logs_past_its_setting(embedded_store: GraphStore, serve: Callable[..., Any],
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "enforcegraph.api.slow")
    api = serve(embedded_store, Settings(request_timeout=120, slow_request_ms=0.001,
                                         response_cache_bytes=0))
    assert api.post({"query": "{ stats { backend } }"}).status_code == 200

    def logged() -> bool:
        return any(line.startswith("slow request: POST '/graphql' 200 in ") and "stats { backend }" in line
                   for line in _slow_lines(caplog))

    # The server thread writes the line once the answer has gone out: it may come just after it.
    deadline = time.monotonic() + 5
    while not logged() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert logged()
    assert Settings.from_env({"ENFORCEGRAPH_SLOW_REQUEST_MS": "250"}).slow_request_ms == 250
