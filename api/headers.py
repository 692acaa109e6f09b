"""Security headers on every HTTP response (ASGI middleware).

The page at /, GraphiQL at /graphql and their assets all come from this origin (built
from npm packages by api/web/build.sh), so the policy is ``'self'`` for everything they
load, with ``data:`` only for images and fonts (GraphiQL's stylesheet embeds its fonts
and icons), no inline or evaluated scripts, no plugins, and no framing by anyone.
A response that sets one of these headers itself keeps its own value: GraphiQL's page
allows the one kind of inline style it needs (the ``<style>`` its dialogs add) by a nonce
made for each response (:func:`content_security_policy`).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "SecurityHeaders",
           "content_security_policy"]


def content_security_policy(style_nonce: str | None = None) -> str:
    """The policy; ``style_nonce`` also allows ``<style>`` elements carrying that nonce."""
    style = f"'self' 'nonce-{style_nonce}'" if style_nonce else "'self'"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"style-src {style}",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


CONTENT_SECURITY_POLICY = content_security_policy()

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every HTTP response that does not set them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(name).lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
