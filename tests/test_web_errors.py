"""Every error the API gives has the one shape ``{"error": {"code", "message"}}`` at the README's status.

Malformed multipart bodies (Starlette's parser refuses them with a 400 of its own shape unless we parse them),
unknown routes, wrong methods and invalid parameters included; then the same probes against a real
``cpam-reader serve``.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cpam_reader.base.settings import Settings
from cpam_reader.interfaces.web.app import create_app
from cpam_reader.jobs.local import ReaderPool
from tests.conftest import serving
from tests.test_hostile import STATUSES

KEY = "errors-key"
BOUNDARY = "cpamBoundary42"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app on a pool whose reader never starts: every request here is refused before any reading."""
    settings = Settings(readers=1, rate_limit_per_minute=0, api_keys={hashlib.sha256(KEY.encode()).hexdigest(): "acme"})
    with ReaderPool(1) as pool, TestClient(create_app(settings, pool=pool)) as test_client:
        yield test_client


def field(name: str, value: bytes = b"x") -> bytes:
    return f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"


def file_part(name: str, filename: str = "letter.pdf") -> bytes:
    head = f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
    return (head + "Content-Type: application/pdf\r\n\r\n").encode() + b"%PDF-1.4 not much\r\n"


def multipart(*parts: bytes, closed: bool = True) -> bytes:
    body = b"".join(f"--{BOUNDARY}\r\n".encode() + part for part in parts)
    return body + (f"--{BOUNDARY}--\r\n".encode() if closed else b"")


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"

MALFORMED = {
    "1000 fields": (MULTIPART, multipart(*(field(f"f{i}") for i in range(1000)))),
    "1000 file parts": (MULTIPART, multipart(*(file_part("file") for _ in range(1000)))),
    "a 10 kB field name": (MULTIPART, multipart(field("n" * 10_000))),
    "a 10 kB file name": (MULTIPART, multipart(file_part("file", "a" * 10_000 + ".pdf"))),
    "no boundary": ("multipart/form-data", multipart(file_part("file"))),
    "an empty boundary": ("multipart/form-data; boundary=", multipart(file_part("file"))),
    "a truncated body": (MULTIPART, multipart(file_part("file"))[:60]),
    "a body cut before its closing boundary": (MULTIPART, multipart(file_part("file"), closed=False)[:-12]),
    "not multipart at all": ("application/json", b'{"file": "x"}'),
}


def assert_error(response: object, status: int, code: str) -> dict[str, str]:
    """The answer is ``{"error": {"code", "message"}}`` and nothing else, at ``status``, with ``code``."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"].strip()
    assert STATUSES[code] == status, f"the README's Errors table gives {code} another status"
    return dict(body["error"])


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_a_malformed_letter_upload_is_a_bad_request_in_the_error_shape(client: TestClient, kind: str) -> None:
    content_type, body = MALFORMED[kind]
    response = client.post("/v1/letters", content=body, headers={"Content-Type": content_type})
    assert_error(response, 400, "bad_request")


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_a_malformed_batch_upload_is_a_bad_request_in_the_error_shape(client: TestClient, kind: str) -> None:
    content_type, body = MALFORMED[kind]
    if kind == "1000 file parts":
        body = multipart(*(file_part("files") for _ in range(1000)))  # over the 500 files of a batch
    headers = {"Content-Type": content_type, "Authorization": f"Bearer {KEY}"}
    assert_error(client.post("/v1/batches", content=body, headers=headers), 400, "bad_request")


def test_the_parser_says_what_is_wrong(client: TestClient) -> None:
    content_type, body = MALFORMED["1000 fields"]
    response = client.post("/v1/letters", content=body, headers={"Content-Type": content_type})
    error = assert_error(response, 400, "bad_request")
    assert "fields" in error["message"]


@pytest.mark.parametrize("path", ["/nowhere", "/v1/letter", "/v1/letters/x", "/static/nothing.js", "/docs-assets/x"])
def test_an_unknown_address_is_not_found(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404, "not_found")


def test_a_batch_of_another_is_still_batch_not_found(client: TestClient) -> None:
    response = client.get("/v1/batches/0123456789abcdef", headers={"Authorization": f"Bearer {KEY}"})
    assert_error(response, 404, "batch_not_found")


@pytest.mark.parametrize(("method", "path"), [("GET", "/v1/letters"), ("PUT", "/v1/letters"), ("POST", "/v1/health")])
def test_a_wrong_method_is_refused_with_the_methods_allowed(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"]


def test_an_invalid_parameter_is_an_invalid_request_naming_it(client: TestClient) -> None:
    response = client.post("/v1/letters?view=everything", files={"file": ("a.pdf", b"%PDF-1.4")})
    error = assert_error(response, 422, "invalid_request")
    assert "'view'" in error["message"] and "everything" not in error["message"]


def test_every_error_keeps_the_security_headers(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.slow
def test_a_real_service_answers_every_refusal_in_the_error_shape() -> None:
    """The same probes through uvicorn: the shape is the service's, not the test client's."""
    with serving() as served:
        probes = [
            ("POST", "/v1/letters", *MALFORMED["no boundary"], 400, "bad_request"),
            ("POST", "/v1/letters", *MALFORMED["1000 fields"], 400, "bad_request"),
            ("POST", "/v1/letters", *MALFORMED["a 10 kB file name"], 400, "bad_request"),
            ("GET", "/nowhere", "text/plain", b"", 404, "not_found"),
            ("DELETE", "/v1/letters", "text/plain", b"", 405, "method_not_allowed"),
            ("POST", "/v1/letters?view=x", MULTIPART, multipart(file_part("file")), 422, "invalid_request"),
        ]
        for method, path, content_type, body, status, code in probes:
            request = urllib.request.Request(served.url + path, data=body or None, method=method)
            request.add_header("Content-Type", content_type)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == status, (method, path)
            answer = json.load(refused.value)
            assert set(answer) == {"error"} and answer["error"]["code"] == code, (method, path, answer)
