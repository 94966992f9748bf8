from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "fixtures" / "letters"


def fixture_letters(suffix: str) -> list[Path]:
    return sorted(LETTERS.glob(f"*{suffix}"))


def expected_for(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def text_pdf(*rows: str | tuple[str, ...], size: float = 10) -> bytes:
    """A one-page PDF with a text layer: each row a line, or a tuple of cells laid out as a table row.

    For hand-written wordings and layouts in the tests (DejaVu Sans when installed, else Helvetica).
    """
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if dejavu.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(dejavu)))
        font = "DejaVuSans"
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.setFont(font, size)
    y = A4[1] - 60
    for row in rows:
        cells = (row,) if isinstance(row, str) else row
        for n, cell in enumerate(cells):
            pdf.drawString(50 + n * (A4[0] - 100) / len(cells), y, cell)
        y -= size * 1.6
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture(scope="session")
def tesseract_available() -> None:
    if shutil.which("tesseract") is None:
        pytest.fail("Tesseract is not installed: run the README's test command (it installs it).")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(url: str) -> bool:
    """Whether the service at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/v1/health", timeout=5) as response:
            return bool(json.load(response)["status"] == "ok")
    except OSError:
        return False


@dataclasses.dataclass
class Served:
    port: int
    url: str
    output: str = ""
    """What the service printed, once stopped."""


@contextlib.contextmanager
def serving(*args: str, **env: str) -> Iterator[Served]:
    """The real ``cpam-reader serve`` (one reader process, no rate limit, ``args`` and ``env`` added), once it
    answers."""
    port = free_port()
    served = Served(port, f"http://127.0.0.1:{port}")
    process = subprocess.Popen(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "serve", "--port", str(port), "--workers", "1", *args],
        env={**os.environ, "CPAM_READER_RATE_LIMIT_PER_MINUTE": "0", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not healthy(served.url):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                raise AssertionError(f"cpam-reader serve did not start:\n{output}")
            time.sleep(0.3)
        yield served
    finally:
        process.terminate()
        served.output = process.communicate(timeout=30)[0].decode()


def post(
    url: str, files: list[tuple[str, str, bytes]], key: str | None = None, text: dict[str, str] | None = None
) -> tuple[int, dict, dict]:
    """A multipart POST of ``(field, file name, bytes)`` parts and ``text`` fields: status, headers, JSON body."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
        for field, name, data in files
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (text or {}).items()
    ]
    request = urllib.request.Request(url, data=b"".join(parts) + f"--{boundary}--\r\n".encode(), method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.load(error)


def get(url: str, key: str) -> tuple[int, dict]:
    """A GET with an API key: its status and JSON body."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


SCANNED_PDF = ROOT / "fixtures" / "corpus" / "0011-scanned_pdf-carte_vitale_form.pdf"  # two OCR'd pages


def slow_pdf() -> bytes:
    """Six OCR'd pages (the scanned PDF three times): about 4 s of reading with one reader."""
    import pypdfium2

    source, made = pypdfium2.PdfDocument(SCANNED_PDF), pypdfium2.PdfDocument.new()
    for _ in range(3):
        made.import_pages(source)
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()
