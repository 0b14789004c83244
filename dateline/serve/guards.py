"""ASGI guards: security headers on every answer, and a cap on request bodies.

Both are plain ASGI middleware (no per-request task), so they cost next to nothing.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CSP", "BodyLimit", "BodyTooLarge", "SecurityHeaders"]

Scope = dict[str, Any]

# Scripts and styles only from our own /static: article text can never run code here.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class BodyTooLarge(Exception):
    """A request body over the limit (answered 413)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"request body over the limit of {limit:,} bytes")


class SecurityHeaders:
    """Adds CSP, no-sniff, no-framing and no-referrer headers to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for key, value in (
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ):
                    if key not in names:
                        headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes: by Content-Length before reading, and by
    counting while reading when the length is not declared (raises :class:`BodyTooLarge`)."""

    def __init__(self, app: Any, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.limit:
            scope = {**scope, "dateline.body_too_large": self.limit}
        seen = 0
        limit = self.limit

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen
            if scope.get("dateline.body_too_large"):
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send)
