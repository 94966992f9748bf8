"""The connection's own time limit: a request head that comes too slowly is answered 408 and its connection closed.

uvicorn has no limit on the time a request head may take: a client sending a header line every few seconds
(slowloris) holds a connection, and enough of them hold them all. No ASGI middleware can help, since the app
sees a request only once its head is complete; so the limit lives in uvicorn's h11 protocol, subclassed here and
given to ``uvicorn.run(http=...)`` by ``cpam-reader serve``. The clock starts when a connection opens, and on a
kept-alive connection when the next request's first byte arrives (uvicorn's keep-alive timeout covers the idle
time between requests); it stops when the head is complete. The body's limit is :class:`~.guard.BodyDeadline`'s.

The h11 protocol is used even when httptools is installed: the limit must hold whichever is.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from cpam_reader.base.errors import RequestTimeout
from cpam_reader.interfaces.web.guard import SECURITY_HEADERS
from cpam_reader.interfaces.web.http import raw_error_response

HEAD_TOO_SLOW = raw_error_response(
    RequestTimeout("The request's headers arrived too slowly and were cut off: send it again."), SECURITY_HEADERS
)


class HeadTimeProtocol(H11Protocol):
    """uvicorn's h11 protocol with a time limit on each request head (``head_timeout_s``; 0: none).

    A connection that sent part of a head gets the 408 of :data:`HEAD_TOO_SLOW`; one that sent nothing at all
    (a browser's spare connection) is closed without a word, as uvicorn closes an idle kept-alive one.
    """

    head_timeout_s = 10.0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is complete: the app has the request now
            self._disarm()
        elif self._head_timer is None:  # the next request's head has begun (or its cycle has, inside this call)
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.head_timeout_s > 0:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0]:  # part of a head is waiting for the rest
            self.transport.write(HEAD_TOO_SLOW)
        self.transport.close()


def head_time_protocol(head_timeout_s: float) -> type[HeadTimeProtocol]:
    """The protocol class for ``uvicorn.run(http=...)`` (uvicorn takes a class and makes one per connection)."""
    return type("HeadTimeProtocol", (HeadTimeProtocol,), {"head_timeout_s": head_timeout_s})
