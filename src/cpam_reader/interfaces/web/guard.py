"""What protects the service and its users before any reading starts: body size and time, request rate, headers.

The size cap is enforced on the bytes as they stream in (a declared ``Content-Length`` over the cap is refused at
once, and a body that keeps coming past it is cut off), so a 2 GB upload costs the server the cap, not 2 GB.
A body must also arrive whole within a time limit (:class:`BodyDeadline`): a client trickling a byte a minute
would otherwise hold a connection and a request for ever. The request head has its own limit, kept by the
connection itself (``connection.py``), since no app sees a request before its head is complete.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cpam_reader.base.errors import RateLimited, RequestTimeout, UploadTooLarge

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), geolocation=(), microphone=()",
}


class BodyLimit:
    """ASGI middleware: request bodies larger than ``limit_for(path)`` bytes end in :class:`UploadTooLarge`."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        await self.app(scope, _counting(receive, limit, int(declared) if declared.isdigit() else 0), send)


def _too_large(limit: int) -> UploadTooLarge:
    return UploadTooLarge(f"The upload is larger than {limit // (1024 * 1024)} MB: send a smaller photo or PDF.")


def _counting(receive: Receive, limit: int, declared: int) -> Receive:
    """``receive`` raising once the body passes ``limit``: at the first read when the declared length does."""
    seen = declared if declared > limit else 0

    async def counted() -> Message:
        nonlocal seen
        if seen > limit:
            raise _too_large(limit)
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit)
        return message

    return counted


class BodyDeadline:
    """ASGI middleware: a body not all in ``timeout_s`` after its head is a :class:`RequestTimeout` (0: no limit).

    The answer is 408, then the connection is closed.

    The limit is on the whole body, not between its chunks: a client sending one byte just inside every
    between-chunks limit would still hold its connection as long as it likes. Once the body is in, ``receive``
    is left alone (a route waiting for the client to disconnect waits as long as it needs).
    """

    def __init__(self, app: ASGIApp, timeout_s: float) -> None:
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.timeout_s <= 0:
            await self.app(scope, receive, send)
            return
        await self.app(scope, _in_time(receive, asyncio.get_running_loop().time() + self.timeout_s), send)


def _in_time(receive: Receive, deadline: float) -> Receive:
    """``receive`` raising :class:`RequestTimeout` when the body is not all in by ``deadline`` (loop time)."""
    body_done = False

    async def timed() -> Message:
        nonlocal body_done
        if body_done:
            return await receive()
        try:
            async with asyncio.timeout_at(deadline):
                message = await receive()
        except TimeoutError:
            raise RequestTimeout("The request's body arrived too slowly and was cut off: send it again.") from None
        body_done = message["type"] != "http.request" or not message.get("more_body", False)
        return message

    return timed


class RateLimiter:
    """A token bucket per client: ``per_minute`` requests a minute, in bursts of up to a third of that."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.burst = max(1, math.ceil(per_minute / 3))
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> None:
        """Spend one token of ``client``'s, or raise :class:`RateLimited` saying when one will be there."""
        if self.per_minute <= 0:
            return
        rate = self.per_minute / 60.0
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                raise RateLimited(retry_after_s=math.ceil((1 - tokens) / rate))
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > 100_000:  # forget clients whose bucket has refilled
                full = [c for c, (t, w) in self._buckets.items() if t + (now - w) * rate >= self.burst]
                for stale in full:
                    del self._buckets[stale]
