"""ASGI middleware: a request body size cap (before parsing) and a per-request timeout."""

from __future__ import annotations

import json
import math

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from enforcegraph.api.errors import BAD_USER_INPUT, LIMIT_EXCEEDED, error_payload

__all__ = ["BodyLimit", "Timeout", "replaying", "send_error"]


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    """A GraphQL-shaped JSON error response."""
    body = json.dumps(error_payload(code, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# A refused body is read and dropped up to this many times the cap before the 413 goes
# out, so that clients still sending see the answer instead of a reset connection; a
# larger body gets the 413 at once and the connection is closed.
_DRAIN_FACTOR = 16


async def _discard(receive: Receive, budget: int) -> None:
    """Read and drop the rest of a request body, at most ``budget`` bytes."""
    while budget > 0:
        msg = await receive()
        if msg["type"] != "http.request":
            return
        budget -= len(msg.get("body", b""))
        if not msg.get("more_body"):
            return


class BodyLimit:
    """Refuse bodies over ``max_bytes`` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"request body is larger than {self.max_bytes} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await send_error(send, 400, BAD_USER_INPUT, "invalid Content-Length")
                    return
                if length > self.max_bytes:
                    await _discard(receive, self.max_bytes * _DRAIN_FACTOR)
                    await send_error(send, 413, LIMIT_EXCEEDED, message)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:  # read (at most max_bytes of) the body before the app parses any of it
            msg = await receive()
            if msg["type"] != "http.request":
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                if msg.get("more_body"):
                    await _discard(receive, self.max_bytes * _DRAIN_FACTOR - size)
                await send_error(send, 413, LIMIT_EXCEEDED, message)
                return
            chunks.append(chunk)
            if not msg.get("more_body"):
                break
        await self.app(scope, replaying(b"".join(chunks), receive), send)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the already read ``body`` once, then whatever comes next."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class Timeout:
    """Cut a request off after ``seconds`` unless its response has started (streams run on)."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        with anyio.CancelScope() as cancel:
            cancel.deadline = anyio.current_time() + self.seconds

            async def watching_send(msg: Message) -> None:
                nonlocal started
                if msg["type"] == "http.response.start":
                    started = True
                    cancel.deadline = math.inf
                await send(msg)

            await self.app(scope, receive, watching_send)
        if cancel.cancelled_caught and not started:
            await send_error(
                send, 503, LIMIT_EXCEEDED, f"the request took longer than {self.seconds:g} s"
            )
