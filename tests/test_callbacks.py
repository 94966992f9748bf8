"""Batch callbacks round trip: a real service POSTs to a real receiver on loopback, signed, retried, recorded."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpam_reader.base.clients import parse_clients
from cpam_reader.interfaces.web.callbacks import SIGNATURE, sign, verify
from tests.conftest import LETTERS, expected_for, get, post, serving
from tests.test_keys import api_key, key_of
from tests.test_scale_out import wait_until

LETTER = sorted(LETTERS.glob("*.pdf"))[0]


def verified(secret: str, body: bytes, header: str, tolerance_s: int = 300) -> bool:
    """The README's check, written here without the package: what an HR tool would run."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    timestamp, received = int(fields["t"]), fields["v1"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return abs(time.time() - timestamp) <= tolerance_s and hmac.compare_digest(expected, received)


class Receiver(http.server.ThreadingHTTPServer):
    """An HR tool's endpoint on loopback: answers ``statuses`` in turn (then 200), keeps what it was sent."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.received: list[tuple[dict[str, str], bytes, float]] = []
        super().__init__(("127.0.0.1", 0), _Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/cpam?token=abc"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers.items()), body, time.time()))
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def keys(tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """A keys file with one client: the file, its key, its signing secret."""
    path = tmp_path / "keys"
    key = key_of(api_key("Acme HR", "--file", str(path)).stdout)
    yield path, key, parse_clients(path.read_text().splitlines()).secrets["Acme HR"]


def test_a_signature_checks_the_body_the_secret_and_the_time() -> None:
    header = sign("secret", b'{"a": 1}', int(time.time()))
    assert verify("secret", b'{"a": 1}', header, now=time.time()) and verified("secret", b'{"a": 1}', header)
    assert not verify("other", b'{"a": 1}', header, now=time.time())
    assert not verify("secret", b'{"a": 2}', header, now=time.time())
    assert not verify("secret", b'{"a": 1}', header, now=time.time() + 600)
    assert not verify("secret", b'{"a": 1}', "v1=00", now=time.time())


@pytest.mark.slow
def test_a_finished_batch_is_posted_signed_retried_and_recorded(keys: tuple[Path, str, str]) -> None:
    path, key, secret = keys
    receiver = Receiver([503, 500])  # down twice, then up
    env = {
        "CPAM_READER_API_KEYS_FILE": str(path),
        "CPAM_READER_CALLBACK_BACKOFF_S": "0.3",
        "CPAM_READER_CALLBACK_ALLOW_PRIVATE": "1",  # the receiver is on loopback
    }
    with serving(**env) as served:
        files = [("files", "Dupont 1.pdf", LETTER.read_bytes()), ("files", "broken.pdf", b"%PDF-1.4 broken")]
        fields = [*files]
        status, _, created = post(f"{served.url}/v1/batches", fields, key=key, text={"callback_url": receiver.url})
        assert status == 202, created
        batch_url = f"{served.url}/v1/batches/{created['id']}"
        wait_until(lambda: get(batch_url, key)[1].get("callback", {}).get("state") == "delivered", 60, "delivery")
        batch = get(batch_url, key)[1]
    assert len(receiver.received) == 3
    waits = [b[2] - a[2] for a, b in zip(receiver.received, receiver.received[1:], strict=False)]
    assert waits[1] > waits[0] * 1.5 and waits[0] >= 0.25  # backing off: 0.3 s, then 0.6 s
    for headers, body, _ in receiver.received:
        assert verified(secret, body, headers[SIGNATURE])
        assert headers["Content-Type"] == "application/json"
    sent = json.loads(receiver.received[-1][1])
    assert sent["event"] == "batch.finished" and sent["batch"]["id"] == created["id"]
    assert (sent["batch"]["documents"], sent["batch"]["failed"]) == (2, 1)
    assert [r["outcome"] for r in sent["results"]] == ["ok", "failed"]
    assert sent["results"][0]["number_found"] and sent["results"][1]["error_code"] == "corrupt_file"
    number = expected_for(LETTER)["nir"]
    assert number not in receiver.received[-1][1].decode() and "Dupont" not in receiver.received[-1][1].decode()
    delivery = batch["callback"]
    assert (delivery["state"], delivery["attempts"], delivery["last_status"]) == ("delivered", 3, 200)
    assert delivery["url"] == receiver.url.split("?")[0]  # the query (a token) is not shown back
    assert delivery["delivered_at"] and delivery["results"] == "summary"
    receiver.close()


@pytest.mark.slow
def test_full_results_only_when_asked_and_a_dead_endpoint_ends_as_failed(keys: tuple[Path, str, str]) -> None:
    path, key, _ = keys
    receiver = Receiver([500] * 100)
    env = {
        "CPAM_READER_API_KEYS_FILE": str(path),
        "CPAM_READER_CALLBACK_BACKOFF_S": "0.2",
        "CPAM_READER_CALLBACK_GIVE_UP_S": "1",
        "CPAM_READER_CALLBACK_ALLOW_PRIVATE": "1",
    }
    with serving(**env) as served:
        text = {"callback_url": receiver.url, "callback_results": "full"}
        created = post(f"{served.url}/v1/batches", [("files", "a.pdf", LETTER.read_bytes())], key=key, text=text)[2]
        batch_url = f"{served.url}/v1/batches/{created['id']}"
        wait_until(lambda: get(batch_url, key)[1].get("callback", {}).get("state") == "failed", 60, "giving up")
        delivery = get(batch_url, key)[1]["callback"]
        assert delivery["last_status"] == 500 and delivery["last_error"] == "HTTP 500"
        assert 2 <= delivery["attempts"] == len(receiver.received) <= 5 and delivery["next_attempt_at"] is None
        assert json.loads(receiver.received[0][1])["results"][0]["nir"] == expected_for(LETTER)["nir"]
        bad = post(f"{served.url}/v1/batches", [("files", "a.pdf", b"x")], key=key, text={"callback_results": "all"})
        assert (bad[0], bad[2]["error"]["code"]) == (400, "bad_request")
    receiver.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/x", "http://10.1.2.3/x", "http://[::1]/x", "file:///etc/passwd", "http://user@example.org/"],
)
def test_a_callback_to_a_private_address_or_another_scheme_is_refused(url: str, keys: tuple[Path, str, str]) -> None:
    path, key, _ = keys
    with serving(CPAM_READER_API_KEYS_FILE=str(path)) as served:
        status, _, body = post(
            f"{served.url}/v1/batches", [("files", "a.pdf", b"x")], key=key, text={"callback_url": url}
        )
    assert (status, body["error"]["code"]) == (400, "bad_request")
    assert "callback_url" in body["error"]["message"]
