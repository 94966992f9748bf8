"""Connection hygiene, against a real ``cpam-reader serve`` on raw sockets.

Slow clients are cut (the request head after ``CPAM_READER_HEADER_TIMEOUT_S``, the body after
``CPAM_READER_BODY_TIMEOUT_S``) with a 408 in the error shape; ``X-Forwarded-For`` is believed only from a proxy
named by ``--forwarded-allow-ips``; a queued letter whose client went away is dropped before it is read.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

from cpam_reader.base.settings import Settings
from cpam_reader.jobs.job import Job
from cpam_reader.jobs.local import ReaderPool
from tests.conftest import LETTERS, Served, serving, slow_pdf

pytestmark = pytest.mark.slow  # real services: `pytest -m "not slow"` skips it

SCAN = sorted(LETTERS.glob("na-*.png"))[0]


def letter_request(data: bytes, forwarded_for: str | None = None) -> bytes:
    """A whole ``POST /v1/letters`` as bytes, ``data`` in its ``file`` field."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="letter"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    head = [
        "POST /v1/letters HTTP/1.1",
        "Host: localhost",
        f"Content-Type: multipart/form-data; boundary={boundary}",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *([f"X-Forwarded-For: {forwarded_for}"] if forwarded_for else []),
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def answer_of(sock: socket.socket, within_s: float) -> tuple[bytes, float]:
    """All the server sends until it closes the connection, and how long after the call it closed it."""
    started = time.monotonic()
    sock.settimeout(within_s)
    received = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            pytest.fail(f"the connection was still open after {within_s} s, having sent {received[:200]!r}")
        if not chunk:
            return received, time.monotonic() - started
        received += chunk


def status_and_body(raw: bytes) -> tuple[int, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def connect(served: Served) -> socket.socket:
    return socket.create_connection(("127.0.0.1", served.port), timeout=10)


@pytest.fixture(scope="module")
def hurried() -> Iterator[Served]:
    with serving(CPAM_READER_HEADER_TIMEOUT_S="1", CPAM_READER_BODY_TIMEOUT_S="2") as served:
        yield served


def test_half_a_request_head_is_cut_with_a_408(hurried: Served) -> None:
    with connect(hurried) as sock:
        sock.sendall(b"POST /v1/letters HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-da")
        raw, after_s = answer_of(sock, within_s=1 + 2)
    status, body = status_and_body(raw)
    assert status == 408 and body["error"]["code"] == "request_timeout", raw
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert b"connection: close" in raw.lower() and b"cache-control: no-store" in raw.lower()
    assert 0.5 < after_s < 3


def test_a_head_sent_a_line_at_a_time_is_cut_all_the_same(hurried: Served) -> None:
    """Slowloris: each header line comes well inside the limit, the head as a whole does not."""
    with connect(hurried) as sock:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\n")
        started = time.monotonic()
        try:
            for n in range(8):
                time.sleep(0.4)
                sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # cut while sending: what the test wants
        raw, _ = answer_of(sock, within_s=3)
        assert time.monotonic() - started < 1 + 2
    assert status_and_body(raw)[0] == 408


def test_a_connection_that_sends_nothing_is_closed_without_a_word(hurried: Served) -> None:
    with connect(hurried) as sock:
        raw, after_s = answer_of(sock, within_s=1 + 2)
    assert raw == b"" and after_s < 3


def test_a_head_in_two_halves_within_the_limit_is_answered(hurried: Served) -> None:
    with connect(hurried) as sock:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: loc")
        time.sleep(0.4)
        sock.sendall(b"alhost\r\nConnection: close\r\n\r\n")
        raw, _ = answer_of(sock, within_s=10)
    assert status_and_body(raw)[0] == 200


def test_a_stalled_body_is_cut_with_a_408_and_the_connection_closed(hurried: Served) -> None:
    with connect(hurried) as sock:
        head = (
            "POST /v1/letters HTTP/1.1\r\nHost: localhost\r\n"
            "Content-Type: multipart/form-data; boundary=abc\r\nContent-Length: 1000\r\n\r\n"
        )
        sock.sendall(head.encode() + b"--abc\r\nCon")  # 10 bytes of the 1000, then nothing
        raw, after_s = answer_of(sock, within_s=2 + 3)
    status, body = status_and_body(raw)
    assert status == 408 and body["error"]["code"] == "request_timeout", raw
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert 1.5 < after_s < 4


def test_the_service_still_answers_after_cutting_slow_clients(hurried: Served) -> None:
    with urllib.request.urlopen(f"{hurried.url}/v1/health", timeout=10) as response:
        assert response.status == 200


def post_empty_letter(served: Served, forwarded_for: str | None) -> int:
    """An empty file (refused as ``empty_file`` without reading, but counted by the rate limit): its status."""
    with connect(served) as sock:
        sock.sendall(letter_request(b"", forwarded_for))
        raw, _ = answer_of(sock, within_s=30)
    return status_and_body(raw)[0]


def test_forged_forwarded_addresses_do_not_dodge_the_rate_limit() -> None:
    with serving(CPAM_READER_RATE_LIMIT_PER_MINUTE="3") as served:  # bursts of one
        assert post_empty_letter(served, "10.0.0.1") == 422
        assert post_empty_letter(served, "10.0.0.2") == 429
        assert post_empty_letter(served, "10.0.0.3, 10.0.0.4") == 429


def test_a_named_proxy_s_forwarded_address_is_the_client() -> None:
    with serving("--forwarded-allow-ips", "127.0.0.1", CPAM_READER_RATE_LIMIT_PER_MINUTE="3") as served:
        assert post_empty_letter(served, "10.0.0.1") == 422
        assert post_empty_letter(served, "10.0.0.2") == 422  # another client behind the proxy
        assert post_empty_letter(served, "10.0.0.1") == 429  # the first one again


def test_the_proxy_setting_comes_from_the_environment() -> None:
    assert Settings.from_env({}).forwarded_allow_ips == ""
    assert Settings.from_env({"CPAM_READER_FORWARDED_ALLOW_IPS": " 10.0.0.0/8 "}).forwarded_allow_ips == "10.0.0.0/8"
    timeouts = Settings.from_env({"CPAM_READER_HEADER_TIMEOUT_S": "3", "CPAM_READER_BODY_TIMEOUT_S": "45"})
    assert (timeouts.header_timeout_s, timeouts.body_timeout_s) == (3.0, 45.0)
    assert (Settings().header_timeout_s, Settings().body_timeout_s) == (10.0, 30.0)


def test_a_cancelled_document_is_skipped_and_frees_its_place(tesseract_available: None) -> None:
    with ReaderPool(1, max_pending=8) as pool:
        first = pool.submit(Job(b"", ref="first"))  # the reader starts for it: the second waits meanwhile
        second = pool.submit(Job(b"", ref="second"))
        assert second.cancel()
        assert pool.pending == 1
        assert first.result(timeout=60).error is not None  # empty_file, read
        third = pool.submit(Job(b"", ref="third"))
        assert third.result(timeout=60).error is not None  # the reader went on past the skipped one
        assert second.cancelled() and pool.pending == 0


def queued(served: Served) -> int:
    with urllib.request.urlopen(f"{served.url}/v1/health", timeout=10) as response:
        return int(json.load(response)["queued"])


def wait_for(condition: object, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_a_queued_letter_whose_client_went_away_is_dropped_before_it_is_read(tesseract_available: None) -> None:
    slow = slow_pdf()
    with serving() as served:
        answers: list[int] = []

        def send_slow() -> None:
            with connect(served) as sock:
                sock.sendall(letter_request(slow))
                answers.append(status_and_body(answer_of(sock, within_s=120)[0])[0])

        reading = threading.Thread(target=send_slow)
        reading.start()
        wait_for(lambda: queued(served) == 1, within_s=30)  # the slow letter is being read
        with connect(served) as sock:
            sock.sendall(letter_request(SCAN.read_bytes()))
            wait_for(lambda: queued(served) == 2, within_s=10)  # the second waits its turn
        wait_for(lambda: queued(served) == 1, within_s=5)  # its client gone, it left the queue at once
        assert reading.is_alive(), "the slow letter was read before the test could prove anything"
        reading.join(120)
        assert answers == [200]
        # The reader goes on: a third letter is read.
        with connect(served) as sock:
            sock.sendall(letter_request(SCAN.read_bytes()))
            assert status_and_body(answer_of(sock, within_s=60)[0])[0] == 200
    log = served.output
    assert log.count(" read: ") == 2, log  # the slow letter and the third, not the second
    dropped = [line for line in log.splitlines() if "its client went away, dropped before reading" in line]
    assert len(dropped) == 1, log
