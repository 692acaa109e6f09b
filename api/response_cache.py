"""Finished GraphQL answers kept until the data changes (ASGI middleware).

The API is read-only, so one request body asked twice over the same data gets the same
answer. The first asker executes it; an error-free JSON answer is kept, keyed by the
request (method, query string, Accept, Content-Type, body) and the store's generation, and sent as-is
to later askers until the store reports another generation (a load by any process).
Concurrent askers of one missing key wait for the first instead of executing it again.
Stores that cannot tell when their data changed (``generation()`` is None) are never
cached. Bounded by what the answers cost in memory, least recently used first out.

What an entry costs is more than its body: the key, the headers, the answer object and the
dictionary's node (measured with tracemalloc: 290 to 370 bytes beyond the key and body on
CPython 3.11, ten times the body of a small answer such as ``node(id)``), and a body
straight from ``orjson.dumps`` holds a buffer of at least 4 KB whatever its length, so a
body is kept as a copy of its exact size. The cache counts
:data:`ENTRY_OVERHEAD` + key + headers + body for each entry, shares one copy of each set of
headers between answers (Content-Length is added when an answer is sent) and keeps at most
one entry per :data:`MIN_ENTRY_BYTES` of its budget.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from enforcegraph.api.middleware import replaying

__all__ = ["CACHE_HEADER", "ENTRY_OVERHEAD", "CachedAnswer", "ResponseCache",
           "ResponseCacheMiddleware", "entry_cost"]

CACHE_HEADER = b"x-enforcegraph-cache"
# one answer may take at most this share of the cache
_ENTRY_SHARE = 8
# Bytes an entry costs beyond its key, headers and body: the answer object (slots), the
# body's and key's bytes-object headers, the OrderedDict's hash slot and linked-list node
# and allocator rounding (tests/api/test_response_cache.py measures it with tracemalloc).
ENTRY_OVERHEAD = 384
# at most one entry per this many bytes of budget
MIN_ENTRY_BYTES = 512
# distinct header sets shared between answers (more are kept per answer, and counted)
_MAX_SHARED_HEADERS = 64


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """One finished response: status, headers (without Content-Length) and body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def entry_cost(key: bytes, answer: CachedAnswer) -> int:
    """What keeping ``answer`` under ``key`` costs, in bytes (counted when it is put)."""
    headers = sum(len(name) + len(value) for name, value in answer.headers)
    return ENTRY_OVERHEAD + len(key) + headers + len(answer.body)


class ResponseCache:
    """Answers by key for one generation of the data, costing at most ``max_bytes``."""

    def __init__(self, max_bytes: int, max_entries: int | None = None) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max(1, max_bytes // MIN_ENTRY_BYTES) if max_entries is None else max_entries
        self.generation: int | None = None
        self.size = 0
        self._answers: OrderedDict[bytes, tuple[CachedAnswer, int]] = OrderedDict()
        self._headers: dict[tuple[tuple[bytes, bytes], ...], tuple[tuple[bytes, bytes], ...]] = {}

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: bytes, generation: int) -> CachedAnswer | None:
        """The answer kept for ``key`` at this generation (a newer one empties the cache)."""
        if generation != self.generation:
            self._answers.clear()
            self.size = 0
            self.generation = generation
        found = self._answers.get(key)
        if found is None:
            return None
        self._answers.move_to_end(key)
        return found[0]

    def shared_headers(self, headers: tuple[tuple[bytes, bytes], ...]
                       ) -> tuple[tuple[bytes, bytes], ...]:
        """One copy of each (few) distinct set of headers for all the answers that have it."""
        shared = self._headers.get(headers)
        if shared is None:
            shared = headers
            if len(self._headers) < _MAX_SHARED_HEADERS:
                self._headers[headers] = headers
        return shared

    def put(self, key: bytes, generation: int, answer: CachedAnswer) -> bool:
        """Keep ``answer`` if it is small enough and the generation is still current."""
        cost = entry_cost(key, answer)
        if generation != self.generation or cost > self.max_bytes // _ENTRY_SHARE:
            return False
        old = self._answers.pop(key, None)
        if old is not None:
            self.size -= old[1]
        self._answers[key] = (answer, cost)
        self.size += cost
        while self.size > self.max_bytes or len(self._answers) > self.max_entries:
            _, (_, dropped) = self._answers.popitem(last=False)
            self.size -= dropped
        return True


def request_key(scope: Scope, body: bytes) -> bytes:
    """What makes two requests the same question: method, query string, the Accept and
    Content-Type headers, body."""
    headers = dict(scope.get("headers", []))
    digest = hashlib.blake2b(digest_size=20)
    for part in (scope["method"].encode(), scope.get("query_string", b""),
                 headers.get(b"accept", b""), headers.get(b"content-type", b""), body):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()


_KEPT_TYPES = (b"application/json", b"application/graphql-response+json")


def _cacheable(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> bool:
    """An error-free JSON answer, in either GraphQL-over-HTTP media type (GraphQL errors
    and HTTP errors are never kept; the request's Accept is part of the key)."""
    content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    if status != 200 or not content_type.startswith(_KEPT_TYPES):
        return False
    try:
        decoded = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    return isinstance(decoded, dict) and "data" in decoded and "errors" not in decoded


class ResponseCacheMiddleware:
    """Serve repeated GraphQL requests from a :class:`ResponseCache`."""

    def __init__(self, app: ASGIApp, cache: ResponseCache,
                 generation: Callable[[], int | None]) -> None:
        self.app = app
        self.cache = cache
        self.generation = generation
        self._pending: dict[bytes, asyncio.Future[CachedAnswer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        generation = self.generation()
        if generation is None:
            await self.app(scope, receive, send)
            return
        body, cut = await _read_body(receive)
        if cut:  # the client went away mid-body: nobody to answer
            return
        key = request_key(scope, body)
        found = self.cache.get(key, generation)
        if found is None and key in self._pending:
            found = await asyncio.shield(self._pending[key])
        if found is not None:
            await _send_hit(send, found)
            return
        await self._execute(scope, replaying(body, receive), send, key, generation)

    async def _execute(self, scope: Scope, receive: Receive, send: Send, key: bytes,
                       generation: int) -> None:
        """Run the app once for ``key``, keeping its answer when it may be reused."""
        waiting: asyncio.Future[CachedAnswer | None] = asyncio.get_running_loop().create_future()
        self._pending[key] = waiting
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def capturing_send(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                message = {**message, "headers": [*headers, (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        answer: CachedAnswer | None = None
        try:
            await self.app(scope, receive, capturing_send)
            body = b"".join(chunks)  # one chunk: that very object
            if len(body) <= self.cache.max_bytes // _ENTRY_SHARE and _cacheable(status, headers,
                                                                                 body):
                if len(chunks) == 1:  # a copy: orjson's bytes keep a 4 KB buffer however short
                    body = bytes(memoryview(body))
                kept = tuple((k, v) for k, v in headers if k.lower() != b"content-length")
                answer = CachedAnswer(status, self.cache.shared_headers(kept), body)
                self.cache.put(key, generation, answer)
        finally:
            del self._pending[key]
            waiting.set_result(answer)


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole request body, and whether it was cut short by a disconnect."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), True
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks), False


async def _send_hit(send: Send, answer: CachedAnswer) -> None:
    length = (b"content-length", str(len(answer.body)).encode())
    await send({"type": "http.response.start", "status": answer.status,
                "headers": [*answer.headers, length, (CACHE_HEADER, b"hit")]})
    await send({"type": "http.response.body", "body": answer.body})
