"""Access control for private deployments: bearer-token API keys and per-client rate limits.

Keys live hashed in a file (``ENFORCEGRAPH_API_KEYS``), one per line::

    sha256:<64 hex digits> [label]

``enforcegraph api-key new`` makes a key and its line. A key is 32 random bytes, so a
fast hash is enough (no one can guess 2**256 inputs, salted or not) and checking a key
costs one SHA-256 per request; the presented key's digest is compared with every stored
digest by ``hmac.compare_digest``, so neither a mismatch's position nor which key matched
shows in the time taken. Keys are never logged or echoed.

Rate limits are token buckets per client: the key's label when one was given, else the
client address (uvicorn puts the ``X-Forwarded-For`` address there for a trusted proxy).
Each worker keeps its own buckets. ``/healthz`` and ``/readyz`` stay open to probes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from enforcegraph.api.errors import RATE_LIMITED, UNAUTHENTICATED, error_payload
from enforcegraph.schema.errors import EnforcegraphError

__all__ = ["OPEN_PATHS", "AccessControl", "ApiKey", "RateLimiter", "load_keys", "new_key"]

OPEN_PATHS = frozenset({"/healthz", "/readyz"})
KEY_PREFIX = "eg_"
_LINE = re.compile(r"sha256:(?P<digest>[0-9a-f]{64})(?:\s+(?P<label>\S.*))?")
# buckets kept per worker; the least recently seen client is forgotten first (it comes
# back with a full bucket)
MAX_CLIENTS = 10_000


@dataclass(frozen=True)
class ApiKey:
    """One stored key: the SHA-256 digest of its secret and a label (who holds it)."""

    digest: bytes
    label: str


def hash_key(secret: str) -> bytes:
    """The stored digest of a key."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


def new_key(label: str | None = None) -> tuple[str, str]:
    """A fresh secret and the line that stores it (label defaults to the digest's start)."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    digest = hash_key(secret).hex()
    label = (label or f"key-{digest[:8]}").strip()
    if not label or any(c.isspace() for c in label):
        raise EnforcegraphError("an API key label must be one word (no spaces)")
    return secret, f"sha256:{digest} {label}"


def load_keys(path: Path) -> tuple[ApiKey, ...]:
    """The keys of a key file; blank lines and ``#`` comments are skipped."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EnforcegraphError(f"cannot read the API key file {path}: {exc}") from exc
    keys = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:  # the line is not echoed: it might be a pasted secret
            raise EnforcegraphError(
                f"{path}, line {number}: expected 'sha256:<64 lowercase hex digits> [label]'"
                " (make one with: enforcegraph api-key new)"
            )
        digest = bytes.fromhex(match["digest"])
        keys.append(ApiKey(digest, (match["label"] or f"key-{match['digest'][:8]}").strip()))
    return tuple(keys)


def _match(keys: tuple[ApiKey, ...], secret: str) -> ApiKey | None:
    """The key whose digest is the secret's, comparing with every key in constant time."""
    presented = hash_key(secret)
    found = None
    for key in keys:
        if hmac.compare_digest(key.digest, presented):
            found = key
    return found


class RateLimiter:
    """Token buckets by client: ``rate`` requests a second, up to ``burst`` at once."""

    def __init__(self, rate: float, burst: int, max_clients: int = MAX_CLIENTS) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, client: str, now: float | None = None) -> float:
        """Take one token: 0 when allowed, else the seconds until one is there."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[client] = (tokens, now)
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait


def _bearer(scope: Scope) -> str | None:
    """The token of an ``Authorization: Bearer`` header ("" for another scheme)."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").strip().partition(" ")
            return token.strip() if scheme.lower() == "bearer" else ""
    return None


async def _refuse(send: Send, status: int, code: str, message: str,
                  headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps(error_payload(code, message)).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]})
    await send({"type": "http.response.body", "body": body})


class AccessControl:
    """Refuse requests without a valid key (401) or over their client's rate (429)."""

    def __init__(self, app: ASGIApp, keys: tuple[ApiKey, ...] | None,
                 limiter: RateLimiter | None) -> None:
        self.app = app
        self.keys = keys
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        key: ApiKey | None = None
        refusal: tuple[str, bytes] | None = None
        if self.keys is not None:
            token = _bearer(scope)
            key = _match(self.keys, token) if token else None
            if key is None:
                refusal = (("an API key is required: send 'Authorization: Bearer <key>'",
                            b'Bearer realm="enforcegraph"') if token is None else
                           ("the API key is not valid",
                            b'Bearer realm="enforcegraph", error="invalid_token"'))
        if self.limiter is not None:
            client = scope.get("client")
            who = f"key:{key.label}" if key else f"addr:{client[0] if client else '?'}"
            wait = self.limiter.take(who)
            if wait > 0 and scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                await _refuse(send, 429, RATE_LIMITED,
                              f"too many requests: try again in {seconds} s",
                              [(b"retry-after", str(seconds).encode())])
                return
        if refusal is not None and scope["type"] == "websocket":  # closed before it opens: 403
            await send({"type": "websocket.close", "code": 1008})
            return
        if refusal is not None:
            await _refuse(send, 401, UNAUTHENTICATED, refusal[0],
                          [(b"www-authenticate", refusal[1])])
            return
        await self.app(scope, receive, send)
