"""A log line for every slow request: how long it took, its status and what was asked.

Operators find what made a p99 (a hub's export, a catalogue page with an unusual filter)
without a profiler: each request that takes ``threshold_ms`` or more, from its first byte
to the end of its answer, is logged at WARNING on ``enforcegraph.api.slow`` with its
method, path and query string, status, milliseconds and the start of its body.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BODY_SHOWN", "SlowRequestLog"]

log = logging.getLogger("enforcegraph.api.slow")
BODY_SHOWN = 300  # bytes of a request body the line shows


class SlowRequestLog:
    """Log requests that take ``threshold_ms`` or more (``threshold_ms`` 0: none)."""

    def __init__(self, app: ASGIApp, threshold_ms: float) -> None:
        self.app = app
        self.threshold_ms = threshold_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.threshold_ms <= 0:
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        head = bytearray()
        status = 0

        async def keeping_receive() -> Message:
            msg = await receive()
            if msg["type"] == "http.request" and len(head) < BODY_SHOWN:
                head.extend(msg.get("body", b"")[: BODY_SHOWN - len(head)])
            return msg

        async def watching_send(msg: Message) -> None:
            nonlocal status
            if msg["type"] == "http.response.start":
                status = int(msg["status"])
            await send(msg)

        try:
            await self.app(scope, keeping_receive, watching_send)
        finally:
            took_ms = (time.perf_counter() - began) * 1000
            if took_ms >= self.threshold_ms:
                query = scope.get("query_string", b"").decode("latin-1")
                target = scope.get("path", "") + (f"?{query}" if query else "")
                # quoted (repr): a line break in a path or a body cannot start a log line
                log.warning("slow request: %s %r %s in %.0f ms: %r", scope.get("method", ""),
                            target, status or "no answer", took_ms,
                            head.decode("utf-8", "replace"))
