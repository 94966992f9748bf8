"""The HTTP API through the real pipeline: every endpoint, every refusal with its status and code, the API keys."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cpam_reader.base.settings import Settings
from cpam_reader.interfaces.web.app import create_app
from cpam_reader.jobs.local import ReaderPool

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "fixtures" / "corpus" / "0004-phone_photo-number_assignment.jpg"
PDF = ROOT / "fixtures" / "letters" / "na-definitif-1.pdf"
PNG = ROOT / "fixtures" / "letters" / "na-provisoire-1.png"
KEYS = {"acme": "acme-secret-key", "globex": "globex-secret-key"}


def truth(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def settings(**overrides: object) -> Settings:
    keys = {hashlib.sha256(key.encode()).hexdigest(): name for name, key in KEYS.items()}
    return Settings(**{"readers": 2, "api_keys": keys, "rate_limit_per_minute": 0, **overrides})  # type: ignore[arg-type]


def bearer(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[name]}"}


@pytest.fixture(scope="module")
def pool(tesseract_available: None) -> Iterator[ReaderPool]:
    with ReaderPool(2, timeout_s=60, max_pending=8) as shared:
        yield shared


@pytest.fixture(scope="module")
def client(pool: ReaderPool) -> Iterator[TestClient]:
    with TestClient(create_app(settings(), pool=pool)) as test_client:
        yield test_client


def upload(client: TestClient, data: bytes, name: str = "letter.jpg", **kwargs: object):  # type: ignore[no-untyped-def]
    return client.post("/v1/letters", files={"file": (name, data, "application/octet-stream")}, **kwargs)


def test_health_reports_tesseract_and_its_languages(client: TestClient) -> None:
    body = client.get("/v1/health").json()
    assert body["status"] == "ok"
    assert body["tesseract"]["version"].startswith("5.")
    assert "fra" in body["tesseract"]["languages"]
    assert body["readers"] == 2


def test_a_phone_photo_is_read_with_next_steps_and_private_headers(client: TestClient) -> None:
    response = upload(client, PHOTO.read_bytes(), "IMG_2041.jpg")
    assert response.status_code == 200, response.text
    body = response.json()
    expected = truth(PHOTO)
    assert (body["nir"], body["nir_status"], body["letter_type"]) == (
        expected["nir"],
        expected["nir_status"],
        expected["letter_type"],
    )
    assert body["source"] == "IMG_2041.jpg"
    assert body["next_steps"] and all(step["en"] and step["fr"] for step in body["next_steps"])
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_result_is_the_one_the_library_gives(client: TestClient) -> None:
    from cpam_reader import read_letter

    body = upload(client, PDF.read_bytes(), PDF.name).json()
    library = read_letter(PDF).to_dict()
    for key in ("nir", "nir_status", "letter_type", "numbers", "warnings", "next_steps", "evidence"):
        assert body[key] == library[key], key
    assert body["text_source"] == "pdf_text"
    assert "display" not in body


def test_the_page_gets_what_to_show_decided_by_the_service(client: TestClient) -> None:
    from cpam_reader.base.result import LetterResult
    from cpam_reader.interfaces.web.display import page_view

    body = client.post("/v1/letters?view=page", files={"file": (PDF.name, PDF.read_bytes())}).json()
    shown = body.pop("display")
    assert shown["nir_grouped"].replace(" ", "") == body["nir"]
    assert shown == page_view(LetterResult.from_dict(body))
    assert client.post("/v1/letters?view=other", files={"file": (PDF.name, PDF.read_bytes())}).status_code == 422


def test_the_file_type_is_decided_by_content_not_by_name(client: TestClient) -> None:
    response = upload(client, PNG.read_bytes(), "letter.pdf")
    assert response.status_code == 200
    assert response.json()["nir"] == truth(PNG)["nir"]
    svg = upload(client, b"<svg xmlns='http://www.w3.org/2000/svg'/>", "photo.jpg")
    assert svg.status_code == 415
    assert svg.json()["error"]["code"] == "unsupported_format"


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"", 422, "empty_file"),
        (PNG.read_bytes()[:300], 422, "corrupt_file"),
        (b"%PDF-1.4\n1 0 obj garbage", 422, "corrupt_file"),
    ],
)
def test_unreadable_files_are_refused_with_their_code(client: TestClient, data: bytes, status: int, code: str) -> None:
    response = upload(client, data)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert "Traceback" not in response.text


def test_a_request_without_a_file_is_a_bad_request(client: TestClient) -> None:
    response = client.post("/v1/letters", data={"other": "x"}, files={"nothing": ("a", b"b")})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert client.post("/v1/letters", content=b"raw", headers={"content-type": "image/jpeg"}).status_code == 400


def test_an_upload_over_the_declared_cap_is_refused(pool: ReaderPool) -> None:
    with TestClient(create_app(settings(max_upload_bytes=2 * 1024 * 1024), pool=pool)) as small:
        declared = upload(small, b"\xff\xd8\xff" + b"\0" * (3 * 1024 * 1024))
        assert declared.status_code == 413
        assert declared.json()["error"]["code"] == "upload_too_large"


def test_the_page_is_told_the_upload_cap(pool: ReaderPool) -> None:
    """The applicant page checks a file's size before sending it, against this service's cap (not a constant)."""
    with TestClient(create_app(settings(max_upload_bytes=int(2.5 * 1024 * 1024)), pool=pool)) as small:
        page = small.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<body data-max-upload-mb="2.5">' in page.text
    assert page.headers["cache-control"] == "no-store" and "content-security-policy" in page.headers


def test_an_upload_with_no_declared_length_is_cut_off_at_the_cap() -> None:
    """At the ASGI level (a test client would buffer the body first): 200 MB offered, the app stops at 2 MB."""
    app = create_app(settings(max_upload_bytes=2 * 1024 * 1024))
    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8\xff'
    pulled = 0
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": head if pulled == 1 else b"\0" * 1024 * 1024, "more_body": True}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/letters",
        "raw_path": b"/v1/letters",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"content-type", b"multipart/form-data; boundary=x"), (b"transfer-encoding", b"chunked")],
        "client": ("203.0.113.9", 4000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["error"]["code"] == "upload_too_large"
    assert pulled <= 4  # about 2 MB read, not 200


def test_the_single_letter_endpoint_is_rate_limited_per_client(pool: ReaderPool) -> None:
    with TestClient(create_app(settings(rate_limit_per_minute=3), pool=pool)) as limited:
        first = upload(limited, b"")
        assert first.status_code == 422  # counted, then refused for what it is
        second = upload(limited, b"")
        assert second.status_code == 429
        assert second.json()["error"]["code"] == "rate_limited"
        assert int(second.headers["retry-after"]) >= 1


def test_a_full_queue_answers_503_with_retry_after(tesseract_available: None) -> None:
    with ReaderPool(1, max_pending=0) as full, TestClient(create_app(settings(), pool=full)) as busy:
        response = upload(busy, PNG.read_bytes())
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "busy"
        assert int(response.headers["retry-after"]) >= 1


def test_a_document_past_the_time_limit_is_stopped(tesseract_available: None) -> None:
    with ReaderPool(1, timeout_s=0.3) as hurried, TestClient(create_app(settings(), pool=hurried)) as slow:
        started = time.monotonic()
        response = upload(slow, PHOTO.read_bytes())
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "document_timeout"
        assert time.monotonic() - started < 10
        # The reader was replaced: the next document is read normally.
        assert upload(slow, PDF.read_bytes()).status_code == 200


def test_no_full_number_reaches_the_logs(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        body = upload(client, PDF.read_bytes()).json()
    assert body["nir"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert re.search(r"letter [0-9a-f]{8} read", logged)
    assert body["nir"] not in logged and body["nir"][:13] not in logged


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def wait_for(client: TestClient, batch_id: str, owner: str) -> dict:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        body = client.get(f"/v1/batches/{batch_id}", headers=bearer(owner)).json()
        if body["status"] == "done":
            return body
        time.sleep(0.5)
    raise AssertionError("the batch did not finish")


def test_a_batch_of_files_and_a_zip_is_read_for_its_owner_only(client: TestClient) -> None:
    files = [
        ("files", ("na-definitif-1.pdf", PDF.read_bytes(), "application/pdf")),
        ("files", ("scan.png", PNG.read_bytes(), "image/png")),
        ("files", ("more.zip", zipped({"../../etc/evil.pdf": PDF.read_bytes(), "notes.txt": b"hello"}), "x")),
    ]
    created = client.post("/v1/batches", files=files, headers=bearer("acme"))
    assert created.status_code == 202, created.text
    batch_id = created.json()["id"]
    assert created.json()["documents"] == 4

    body = wait_for(client, batch_id, "acme")
    results = {r["source"]: r for r in body["results"]}
    assert set(results) == {"na-definitif-1.pdf", "scan.png", "evil.pdf", "notes.txt"}
    assert results["na-definitif-1.pdf"]["nir"] == truth(PDF)["nir"]
    assert results["evil.pdf"]["nir"] == truth(PDF)["nir"]
    assert results["scan.png"]["nir"] == truth(PNG)["nir"]
    assert results["notes.txt"]["error"]["code"] == "unsupported_format"
    assert (body["documents"], body["done"], body["failed"]) == (4, 4, 1)
    assert body["expires"]

    csv_response = client.get(f"/v1/batches/{batch_id}/results.csv", headers=bearer("acme"))
    assert csv_response.headers["content-type"].startswith("text/csv")
    rows = csv_response.text.strip().splitlines()
    assert rows[0].startswith("source,") and len(rows) == 5

    assert client.get(f"/v1/batches/{batch_id}", headers=bearer("globex")).status_code == 404
    assert client.get(f"/v1/batches/{batch_id}/results.csv", headers=bearer("globex")).status_code == 404
    assert client.delete(f"/v1/batches/{batch_id}", headers=bearer("acme")).status_code == 204
    assert client.get(f"/v1/batches/{batch_id}", headers=bearer("acme")).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-key", "Basic YWNtZTpzZWNyZXQ=", "Bearer "])
def test_batch_endpoints_need_a_known_api_key(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.post("/v1/batches", files={"files": ("a.pdf", PDF.read_bytes())}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/batches/anything", headers=headers).status_code == 401


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client: TestClient) -> None:
    bomb = zipped({"letter.pdf": b"\0" * (300 * 1024 * 1024)})  # 300 MB of zeros in about 300 KB
    assert len(bomb) < 2 * 1024 * 1024
    response = client.post("/v1/batches", files={"files": ("bomb.zip", bomb)}, headers=bearer("acme"))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "upload_too_large"


def test_the_page_and_the_docs_are_served_without_anything_external(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    loaded = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=\"([^\"]+)\"", page.text)
    assert loaded and all(url.startswith(("/", "data:")) for url in loaded), loaded  # a link to ameli.fr is fine
    assert '<script type="module" src="/static/app.js">' in page.text
    for asset in (
        "/static/style.css",
        *(f"/static/{name}.js" for name in ("app", "strings", "format", "render", "upload")),
    ):
        response = client.get(asset)
        assert response.status_code == 200, asset
        # A module script runs only when served as JavaScript; it imports only files of the page's own folder.
        if asset.endswith(".js"):
            assert response.headers["content-type"].split(";")[0] in ("text/javascript", "application/javascript")
            for imported in re.findall(r"^import .* from \"([^\"]+)\";$", response.text, re.MULTILINE):
                assert imported.startswith("./") and client.get(f"/static/{imported[2:]}").status_code == 200
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "'sha256-" in docs.headers["content-security-policy"]
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/v1/letters", "/v1/health", "/v1/batches", "/v1/batches/{batch_id}"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's first bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def test_a_picture_over_the_pixel_cap_is_refused_before_it_is_decoded(client: TestClient) -> None:
    started = time.monotonic()
    response = upload(client, png_claiming(30_000, 30_000), "bomb.png")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert time.monotonic() - started < 10
