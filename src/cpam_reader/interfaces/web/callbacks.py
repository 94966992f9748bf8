"""Batch callbacks: when a batch finishes, its summary POSTed to the client's URL, signed, retried for a while.

The body is the batch's summary: counts and, per document, its outcome, kind of letter and whether a number was
found, never the number (nor the file names, which mailrooms fill with names and numbers) unless the client asked
for the full results (``callback_results=full``). It is signed like the webhooks HR tools already verify:
``X-Cpam-Reader-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body under the client's secret>``;
checking ``t`` against the clock stops a replay (:func:`verify`, and the README's few lines).

Delivery: any 2xx is delivered; anything else (an error status, a redirect, which is never followed, a refused
connection, a time-out) is retried after ``callback_backoff_s``, doubling up to five minutes between tries, until
``callback_give_up_s`` after the batch finished; then the callback is ``failed``. Each attempt is recorded in the
batch's status (``callback``), so a client whose endpoint was down can see it and fetch the results itself.

A callback URL is a request the service makes on the client's behalf: only ``http``/``https``, and, unless
``CPAM_READER_CALLBACK_ALLOW_PRIVATE`` is set, only to public addresses, checked when the batch is created and
again at each attempt, the connection made to the very address checked (a name that resolves elsewhere the
second time cannot reach the service's own network).
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import threading
import time
import urllib.parse
from typing import Any

from cpam_reader.base.errors import BadRequest
from cpam_reader.base.settings import Settings
from cpam_reader.interfaces.keys import KeyRing
from cpam_reader.interfaces.web.batches import Batch, BatchStore, iso_time

log = logging.getLogger(__name__)

SIGNATURE = "X-Cpam-Reader-Signature"
MAX_INTERVAL_S = 300.0
MAX_URL = 2000
EVENT = "batch.finished"


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``.

    >>> sign("s3cret", b'{"event": "batch.finished"}', 1767225600)
    't=1767225600,v1=1759df6e65b1c9a7a24a49f42d4fcb281a3295dcf21fde74859cf3b4e6b631be'
    """
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, body: bytes, header: str, now: float, tolerance_s: float = 300) -> bool:
    """Whether ``header`` signs ``body`` under ``secret``, sent less than ``tolerance_s`` ago.

    >>> header = sign("s3cret", b"{}", 1767225600)
    >>> verify("s3cret", b"{}", header, now=1767225660), verify("s3cret", b"{ }", header, now=1767225660)
    (True, False)
    >>> verify("s3cret", b"{}", header, now=1767225600 + 3600)  # a replay, an hour later
    False
    """
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return abs(now - timestamp) <= tolerance_s and hmac.compare_digest(expected, parts.get("v1", ""))


@dataclasses.dataclass(frozen=True)
class Callback:
    """A batch's callback and how its delivery went (replaced whole at each change: read without a lock)."""

    url: str
    full_results: bool = False
    state: str = "waiting"
    """``waiting`` (the batch runs), ``retrying``, ``delivered`` or ``failed``."""
    attempts: int = 0
    last_status: int | None = None
    last_error: str | None = None
    delivered_at: float | None = None
    next_attempt_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """As the batch's status shows it: the URL without its query (which may hold the client's token)."""
        shown = urllib.parse.urlsplit(self.url)._replace(query="", fragment="").geturl()
        return {
            "url": shown,
            "results": "full" if self.full_results else "summary",
            "state": self.state,
            "attempts": self.attempts,
            "last_status": self.last_status,
            "last_error": self.last_error,
            "delivered_at": iso_time(self.delivered_at) if self.delivered_at else None,
            "next_attempt_at": iso_time(self.next_attempt_at) if self.next_attempt_at else None,
        }


def checked_url(url: str, allow_private: bool) -> tuple[urllib.parse.SplitResult, str]:
    """The URL's parts and the address to connect to; :class:`BadRequest` for a URL the service will not call."""
    parts = urllib.parse.urlsplit(url.strip())
    if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise BadRequest("callback_url must be an http or https URL, without a user name, at most 2000 characters.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)}
    except (OSError, ValueError) as exc:
        raise BadRequest(f"callback_url: its host cannot be resolved ({type(exc).__name__}).") from exc
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise BadRequest("callback_url points to a private or local address, which the service does not call.")
    return parts, sorted(addresses)[0]


def post_once(url: str, body: bytes, headers: dict[str, str], timeout_s: float, allow_private: bool) -> int:
    """POST ``body`` once, to the address just checked; the status (redirects are not followed). OSError if none."""
    try:
        parts, address = checked_url(url, allow_private)
    except BadRequest as exc:
        raise OSError(exc.message) from exc
    port = parts.port or (443 if parts.scheme == "https" else 80)
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname or "", port, timeout=timeout_s)
    connection._create_connection = lambda _address, timeout, source=None: socket.create_connection(  # type: ignore[attr-defined]
        (address, port), timeout, source
    )
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()


def payload(batch: Batch, ttl_s: float, full_results: bool) -> bytes:
    """The callback's body: the batch summary, the numbers and file names only when the client asked."""
    summary = batch.summary(ttl_s)
    results = summary.pop("results")
    if not full_results:
        results = [
            {
                "index": index,
                "outcome": "failed" if result is None or not result.ok else "ok",
                "error_code": result.error.code if result is not None and result.error else None,
                "letter_type": result.letter_type if result is not None else None,
                "number_found": bool(result is not None and result.nir),
                "needs_review": bool(result is None or result.needs_review),
            }
            for index, result in enumerate(batch.results)
        ]
    summary.pop("callback", None)
    body = {"event": EVENT, "batch": {**summary, "status_url": f"/v1/batches/{batch.id}"}, "results": results}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode()


class CallbackSender:
    """One thread delivering the finished batches' callbacks, each retried on its own schedule."""

    def __init__(self, store: BatchStore, keys: KeyRing, settings: Settings) -> None:
        self.store, self.keys, self.settings = store, keys, settings
        self._due: list[tuple[float, int, str]] = []
        self._count = 0
        self._wake = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="callbacks", daemon=True)
        self._thread.start()

    def finished(self, batch: Batch) -> None:
        """A batch with a callback has its last result: deliver now (called by the store, from any thread)."""
        self._schedule(batch.id, time.time())

    def _schedule(self, batch_id: str, when: float) -> None:
        with self._wake:
            self._count += 1
            heapq.heappush(self._due, (when, self._count, batch_id))
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._closed and (not self._due or self._due[0][0] > time.time()):
                    self._wake.wait(timeout=(self._due[0][0] - time.time()) if self._due else None)
                if self._closed:
                    return
                _, _, batch_id = heapq.heappop(self._due)
            self._attempt(batch_id)

    def _attempt(self, batch_id: str) -> None:
        batch = self.store.find(batch_id)
        if batch is None or batch.callback is None or batch.finished is None:
            return  # deleted, or expired, since: nothing left to tell
        callback, settings = batch.callback, self.settings
        secret = self.keys.secret_of(batch.owner)
        status, error = None, None
        if secret is None:
            error = "the client has no signing secret (cpam-reader api-key NAME --new-secret)"
        else:
            body = payload(batch, self.store.ttl_s, callback.full_results)
            headers = {
                "Content-Type": "application/json",
                "User-Agent": "cpam-reader",
                SIGNATURE: sign(secret, body, int(time.time())),
            }
            try:
                status = post_once(
                    callback.url, body, headers, settings.callback_timeout_s, settings.callback_allow_private
                )
            except (OSError, http.client.HTTPException) as exc:
                error = f"{type(exc).__name__}: {exc}"[:200]
        attempts = callback.attempts + 1
        now = time.time()
        if status is not None and 200 <= status < 300:
            batch.callback = dataclasses.replace(
                callback,
                state="delivered",
                attempts=attempts,
                last_status=status,
                last_error=None,
                delivered_at=now,
                next_attempt_at=None,
            )
            log.info("batch %s: callback delivered (attempt %d)", batch.ref, attempts)
            return
        wait = min(settings.callback_backoff_s * 2 ** (attempts - 1), MAX_INTERVAL_S)
        give_up = secret is None or now + wait > batch.finished + settings.callback_give_up_s
        batch.callback = dataclasses.replace(
            callback,
            state="failed" if give_up else "retrying",
            attempts=attempts,
            last_status=status,
            last_error=error if status is None else f"HTTP {status}",
            next_attempt_at=None if give_up else now + wait,
        )
        log.warning(
            "batch %s: callback attempt %d failed (%s)%s",
            batch.ref,
            attempts,
            status or error,
            ": given up" if give_up else f": next in {wait:g} s",
        )
        if not give_up:
            self._schedule(batch_id, now + wait)
