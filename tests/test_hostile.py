"""Hostile inputs (issue 7): each one ends in a result or its own clear error, the same through the CLI and the API.

The corpus comes from ``scripts/make_hostile.py``: small files committed in ``fixtures/hostile/``, large ones and
files whose name is the attack written on demand into a temporary folder. Every file goes through
``cpam-reader scan`` (all in one process, one reader reading them in turn: exit 1, no traceback, each document in
time, the reader's peak memory sampled; the files read normally exit 0 together) and through ``POST /v1/letters``
on a real :class:`ReaderPool` (the same code, the HTTP status of the README's "Errors" table); zips go to the
batch endpoint. Last, a 2 GB body streamed to a real ``cpam-reader serve``.

Nothing may be left in the temporary folder: the CLI and the server run with their own ``TMPDIR``, which must be
empty when they are done, and the in-process API runs with ``tempfile.tempdir`` pointed at one too.

``-s`` prints a summary: inputs, codes, the slowest input and the readers' peak memory.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import hashlib
import importlib.util
import json
import multiprocessing.process
import os
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cpam_reader.base.settings import Settings
from cpam_reader.interfaces.web.app import create_app
from cpam_reader.interfaces.web.batches import clean_name
from cpam_reader.jobs.local import ReaderPool
from tests.conftest import healthy, serving

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "fixtures" / "hostile"
CLI_TIMEOUT_S = 90.0
"""The most the CLI may take over all the files (the reader's own limit is 120 s a document)."""
CLI_DOCUMENT_S = 30.0
"""The most one document may take in it."""
WARM_UP = ROOT / "fixtures" / "letters" / "na-definitif-1.pdf"
API_TIMEOUT_S = 30.0
"""The reader pool's limit behind the API in this test: a file that hangs ends as document_timeout after it."""
KEY = "hostile-test-key"
NIR = "284058832102532"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile", ROOT / "scripts" / "make_hostile.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_hostile = _load_script()

EXPECTED: dict[str, str | None] = {
    # empty and truncated: damaged, not "unsupported" and never internal_error
    "empty.pdf": "empty_file",
    "truncated.jpg": "corrupt_file",
    "truncated.png": "corrupt_file",
    "truncated-in-header.png": "corrupt_file",
    "truncated.pdf": "corrupt_file",
    "truncated.heic": "corrupt_file",
    "truncated-in-index.heic": "corrupt_file",
    "truncated.tif": "corrupt_file",
    "pdf-header-only.pdf": "corrupt_file",
    # the type is decided by content, never by the name
    "png-named.pdf": None,
    "pdf-named.jpg": None,
    "png-with-pdf-marker.png": None,
    "svg-named.jpg": "unsupported_format",
    "html-named.png": "unsupported_format",
    "bmp-named.png": "unsupported_format",
    "animated.gif": "unsupported_format",
    "photo.avif": "unsupported_format",
    # passwords, scripts and attachments: a user password is refused; the rest is read, nothing is run
    "pdf-user-password.pdf": "encrypted_pdf",
    "pdf-owner-password-only.pdf": None,
    "pdf-javascript.pdf": None,
    "pdf-embedded-files.pdf": None,
    # loops and recursion in the PDF's structure
    "pdf-parent-loop.pdf": None,
    "pdf-kids-cycle.pdf": None,
    "pdf-self-reference.pdf": None,
    "pdf-xref-prev-loop.pdf": None,
    "pdf-no-pages.pdf": "corrupt_file",
    "pdf-nested-arrays-100000.pdf": None,
    "pdf-nested-dictionaries-100000.pdf": None,
    "pdf-nested-q-100000.pdf": None,
    # too much of something: refused before it is decoded, or read coarser
    "pdf-500-pages.pdf": "too_large",
    "pdf-count-2-billion.pdf": None,  # PDFium counts the pages that are there
    "pdf-page-200-inches.pdf": None,
    "pdf-20-pages-200-inches.pdf": "too_large",
    "pdf-image-claims-1.6-gigapixels.pdf": "too_large",
    "png-one-line-letter.png": None,
    "png-claims-30000x30000.png": "too_large",
    "jpeg-claims-65500x65500.jpg": "too_large",
    "png-text-bomb.png": "corrupt_file",
    "tiff-1000-frames.tif": "too_large",
    "tiff-40-frames-of-20-megapixels.tif": "too_large",
    "tiff-second-frame-30000x30000.tif": "too_large",
    "tiff-ifd-loop.tif": None,
    "webp-60-frames.webp": "too_large",
    "heic-60-images.heic": "too_large",
}
"""Each single document of the corpus → the error code it must end in, or None: read normally."""

TEXT_LETTERS = {
    "pdf-named.jpg",
    "pdf-owner-password-only.pdf",
    "pdf-javascript.pdf",
    "pdf-embedded-files.pdf",
    "pdf-xref-prev-loop.pdf",
    "pdf-parent-loop.pdf",
    "pdf-kids-cycle.pdf",
    "pdf-self-reference.pdf",
    "pdf-count-2-billion.pdf",
    "pdf-nested-arrays-100000.pdf",
    "pdf-nested-dictionaries-100000.pdf",
    "pdf-nested-q-100000.pdf",
}
"""Documents read normally whose text layer gives the letter's number: it must be found."""

KNOWN_BUGS: dict[str, str] = {}
"""Inputs that find a bug outside the loaders (reported, not fixed here): their test fails until it is fixed."""

ZIPS = {"zip-traversal.zip", "zip-nested.zip", "zip-encrypted-member.zip", "zip-truncated.zip"}
LARGE_ZIPS = {"zip-bomb.zip", "zip-1000-members.zip"}


@dataclasses.dataclass
class Run:
    """One input through one interface."""

    name: str
    via: str
    code: str | None
    status: int | None
    seconds: float
    peak_kb: int = 0


RUNS: list[Run] = []


def documented_statuses() -> dict[str, int]:
    """Code → HTTP status, from the README's "Errors" table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    table = {m[1]: int(m[2]) for m in re.finditer(r"^\| `([a-z_]+)` \|.*\| (\d{3}) \|$", section, re.MULTILINE)}
    assert table, "the README's Errors table was not found"
    return table


STATUSES = documented_statuses()


# --- the corpus ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_hostile.write_large(tmp_path_factory.mktemp("hostile-large"))  # type: ignore[no-any-return]


def corpus_path(name: str, large: dict[str, Path]) -> Path:
    return large[name] if name in make_hostile.LARGE else HOSTILE / name


def test_the_committed_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    written = {path.name: path.read_bytes() for path in make_hostile.write_small(tmp_path)}
    committed = {path.name: path.read_bytes() for path in HOSTILE.iterdir()}
    assert set(committed) == set(written), "run scripts/make_hostile.py"
    different = [name for name, data in written.items() if committed[name] != data and not name.endswith(".heic")]
    assert not different, f"run scripts/make_hostile.py: {different}"
    assert sum(len(data) for data in committed.values()) < 1_500_000
    assert set(EXPECTED) | ZIPS == set(written) | set(make_hostile.LARGE) - LARGE_ZIPS


# --- through the CLI ----------------------------------------------------------------------------------------------


def _parents() -> dict[int, int]:
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(entry.path, "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _peak_rss_kb(root: int) -> int:
    """The largest peak resident size (VmHWM) among the processes below ``root``."""
    parents = _parents()
    below = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in below and pid not in below:
                below.add(pid)
                grew = True
    peak = 0
    for pid in below - {root}:
        with contextlib.suppress(OSError, ValueError, StopIteration):
            status = Path(f"/proc/{pid}/status").read_text()
            peak = max(peak, int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]))
    return peak


@dataclasses.dataclass
class CliScan:
    """One ``cpam-reader scan`` over many files."""

    lines: list[tuple[bytes, float, int]]
    """Each line printed, when it came (seconds since the start) and the readers' peak memory by then (KB)."""
    stderr: str
    returncode: int | None
    """None: it did not finish in time and was killed."""
    left: list[str]
    """Entries left in the run's own TMPDIR."""


def run_cli(paths: list[Path], tmpdir: Path) -> CliScan:
    """``cpam-reader scan PATHS --format jsonl --jobs 1`` with its own TMPDIR, its readers' memory sampled as it runs.

    One reader reads the documents one after the other and prints each result as soon as it is ready, so the time
    between two lines is the time of one document.
    """
    command = [
        sys.executable,
        "-m",
        "cpam_reader.interfaces.cli",
        "scan",
        *map(str, paths),
        "--format",
        "jsonl",
        "--jobs",
        "1",
    ]
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    errors = tmpdir.parent / f"{tmpdir.name}-stderr"
    lines: list[tuple[bytes, float, int]] = []
    peak = [0]
    started = time.monotonic()
    with errors.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env, start_new_session=True)
    assert process.stdout is not None
    stdout = process.stdout

    def read() -> None:
        for line in stdout:
            lines.append((line, time.monotonic() - started, peak[0]))

    reader = threading.Thread(target=read)
    reader.start()
    while process.poll() is None:
        peak[0] = max(peak[0], _peak_rss_kb(process.pid))
        if time.monotonic() - started > CLI_TIMEOUT_S:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        time.sleep(0.05)
    reader.join()
    stdout.close()
    returncode = process.returncode if process.returncode >= 0 else None
    return CliScan(lines, errors.read_text("utf-8", "replace"), returncode, sorted(e.name for e in tmpdir.iterdir()))


def cli_cases(large: dict[str, Path]) -> dict[str, Path]:
    return {
        **{name: corpus_path(name, large) for name in EXPECTED},
        **{key: large[key] for key in make_hostile.NAMES},
    }


@pytest.fixture(scope="module")
def cli_scan(large: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> CliScan:
    """Every file through one ``cpam-reader scan``, after a good letter that takes the start-up time.

    One process for all: starting the CLI and its reader costs about 2 s, which 57 separate runs could not afford.
    """
    scan = run_cli([WARM_UP, *cli_cases(large).values()], tmp_path_factory.mktemp("cli-tmp"))
    assert scan.returncode is not None, f"the CLI did not finish in {CLI_TIMEOUT_S:g} s: {scan.stderr[-2000:]}"
    return scan


FAILURE = re.compile(r"unexpected failure on document (.+)\nTraceback")


def test_the_cli_run_ends_well(cli_scan: CliScan, large: dict[str, Path]) -> None:
    """Exit 1 (some documents failed, none stopped the CLI), a line for each, nothing left in TMPDIR, and no
    traceback but the logged ones of an unexpected failure (internal_error), which only known bugs may cause."""
    assert cli_scan.returncode == 1, cli_scan.stderr
    assert len(cli_scan.lines) == 1 + len(cli_cases(large))
    assert not cli_scan.left, f"left in TMPDIR: {cli_scan.left}"
    failures = FAILURE.findall(cli_scan.stderr)
    assert cli_scan.stderr.count("Traceback") == len(failures), cli_scan.stderr
    assert set(failures) <= set(KNOWN_BUGS), cli_scan.stderr


def check_cli(key: str, path: Path, scan: CliScan, index: int) -> dict[str, Any]:
    assert len(scan.lines) > index, f"{key}: no result"
    assert path.name not in FAILURE.findall(scan.stderr), scan.stderr
    raw, when, peak = scan.lines[index]
    _, before, peak_before = scan.lines[index - 1]
    seconds = when - before
    line = raw.decode("utf-8")  # JSON lines are UTF-8
    assert "Traceback" not in line
    result: dict[str, Any] = json.loads(line)
    code = result["error"]["code"] if result["error"] else None
    RUNS.append(Run(key, "cli", code, None, seconds, peak if peak > peak_before else 0))  # the peak it raised
    assert code == EXPECTED.get(key), f"{key}: {result['error']}"
    assert result["source"] == str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    assert seconds < CLI_DOCUMENT_S
    if key in TEXT_LETTERS or key in make_hostile.NAMES:
        assert result["nir"] == NIR
    return result


def known_bug(key: str) -> Any:
    return pytest.param(key, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[key])) if key in KNOWN_BUGS else key


@pytest.mark.parametrize("key", [known_bug(key) for key in [*EXPECTED, *make_hostile.NAMES]])
def test_each_file_through_the_cli(key: str, large: dict[str, Path], cli_scan: CliScan) -> None:
    cases = cli_cases(large)
    check_cli(key, cases[key], cli_scan, 1 + list(cases).index(key))


def test_the_cli_exits_0_when_every_document_was_read(large: dict[str, Path], tmp_path: Path) -> None:
    """The files read normally, together (but the slow 200-inch page and the known bugs): exit 0, nothing left."""
    good = [
        path
        for key, path in cli_cases(large).items()
        if EXPECTED.get(key) is None and key not in KNOWN_BUGS and key != "pdf-page-200-inches.pdf"
    ]
    (tmp_path / "tmp").mkdir()
    scan = run_cli(good, tmp_path / "tmp")
    assert scan.returncode == 0, scan.stderr
    assert len(scan.lines) == len(good) and not scan.left


# --- through the API ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``tempfile.tempdir`` for the in-process API; checked empty (but for multiprocessing's own) at the end."""
    folder = tmp_path_factory.mktemp("api-tmp")
    saved, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved
    forkserver_dir = multiprocessing.process.current_process()._config.get("tempdir")  # type: ignore[attr-defined]
    left = [p for p in folder.iterdir() if str(p) != forkserver_dir]
    assert not left, f"left in the temporary folder: {left}"


@pytest.fixture(scope="module")
def client(api_tmp: Path, tesseract_available: None) -> Iterator[TestClient]:
    keys = {hashlib.sha256(KEY.encode()).hexdigest(): "hr"}
    settings = Settings(readers=2, api_keys=keys, rate_limit_per_minute=0)
    with (
        ReaderPool(2, timeout_s=API_TIMEOUT_S, max_pending=8) as pool,
        TestClient(create_app(settings, pool=pool)) as test_client,
    ):
        yield test_client


def post_letter(client: TestClient, upload_name: str, data: bytes) -> Any:
    """POST /v1/letters; a name that is not UTF-8 goes as its raw bytes, as an old client would send it."""
    try:
        upload_name.encode("utf-8")
    except UnicodeEncodeError:
        head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n\r\n' % os.fsencode(upload_name)
        body = head + data + b"\r\n--x--\r\n"
        return client.post("/v1/letters", content=body, headers={"content-type": "multipart/form-data; boundary=x"})
    return client.post("/v1/letters", files={"file": (upload_name, data, "application/octet-stream")})


def timed_post(client: TestClient, upload_name: str, data: bytes) -> tuple[Any, float]:
    started = time.monotonic()
    response = post_letter(client, upload_name, data)
    return response, time.monotonic() - started


@pytest.fixture(scope="module")
def api_answers(client: TestClient, large: dict[str, Path]) -> dict[str, tuple[Any, float]]:
    """Every file of the corpus posted once to the API: its response and how long it took, by name."""
    return {name: timed_post(client, name, corpus_path(name, large).read_bytes()) for name in sorted(EXPECTED)}


def check_api(key: str, response: Any, seconds: float) -> dict[str, Any]:
    assert "Traceback" not in response.text
    body: dict[str, Any] = response.json()
    code = body["error"]["code"] if body.get("error") else None
    RUNS.append(Run(key, "api", code, response.status_code, seconds))
    assert code == EXPECTED.get(key), f"{key}: {body.get('error')}"
    assert response.status_code == (STATUSES[code] if code else 200)
    assert seconds < API_TIMEOUT_S
    if key in TEXT_LETTERS or key in make_hostile.NAMES:
        assert body["nir"] == NIR
    return body


@pytest.mark.parametrize("name", [known_bug(name) for name in sorted(EXPECTED)])
def test_each_file_through_the_api(name: str, api_answers: dict[str, tuple[Any, float]]) -> None:
    body = check_api(name, *api_answers[name])
    assert body["source"] == name


@pytest.mark.parametrize("key", list(make_hostile.NAMES))
def test_odd_file_names_through_the_api(key: str, large: dict[str, Path], client: TestClient) -> None:
    name = make_hostile.NAMES[key]
    shown = check_api(key, *timed_post(client, name, large[key].read_bytes()))["source"]
    assert shown == clean_name(shown), shown  # what the server shows is already clean: one printable name
    assert 0 < len(shown) <= 150 and "/" not in shown and "\\" not in shown and "\u202e" not in shown, shown


def test_the_cli_and_the_api_give_the_same_code(
    cli_scan: CliScan, api_answers: dict[str, tuple[Any, float]], large: dict[str, Path]
) -> None:
    """Each file's error code, or none, is the same through both: read from the two runs themselves, whatever
    other tests ran before."""

    def code(result: dict[str, Any]) -> str | None:
        return result["error"]["code"] if result.get("error") else None

    names = list(cli_cases(large))
    cli = {name: code(json.loads(line)) for name, (line, _, _) in zip(names, cli_scan.lines[1:], strict=False)}
    api = {name: code(response.json()) for name, (response, _) in api_answers.items()}
    assert set(api) <= set(cli), "the CLI gave no result for some files"
    assert {name: cli[name] for name in api} == api


# --- batches ------------------------------------------------------------------------------------------------------


def batch(client: TestClient, *files: tuple[str, bytes]) -> Any:
    return client.post(
        "/v1/batches",
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        headers={"Authorization": f"Bearer {KEY}"},
    )


def finished(client: TestClient, batch_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/v1/batches/{batch_id}", headers={"Authorization": f"Bearer {KEY}"}).json()
        if body["status"] == "done":
            return body
        time.sleep(0.2)
    raise AssertionError("the batch did not finish")


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("zip-bomb.zip", 413, "upload_too_large"),
        ("zip-1000-members.zip", 400, "bad_request"),
        ("zip-truncated.zip", 422, "corrupt_file"),
    ],
)
def test_a_batch_zip_that_cannot_be_unpacked_is_refused_whole(
    client: TestClient, large: dict[str, Path], name: str, status: int, code: str
) -> None:
    started = time.monotonic()
    response = batch(client, (name, corpus_path(name, large).read_bytes()))
    RUNS.append(Run(name, "batch", response.json()["error"]["code"], response.status_code, time.monotonic() - started))
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    assert STATUSES[code] == status
    assert "Traceback" not in response.text


def test_zip_members_climbing_out_nested_or_encrypted_are_each_a_document(client: TestClient) -> None:
    files = [(name, (HOSTILE / name).read_bytes()) for name in ("zip-traversal.zip", "zip-nested.zip")]
    files.append(("zip-encrypted-member.zip", (HOSTILE / "zip-encrypted-member.zip").read_bytes()))
    response = batch(client, *files)
    assert response.status_code == 202, response.text
    body = finished(client, response.json()["id"])
    results = [(r["source"], r["error"]["code"] if r["error"] else None, r["nir"]) for r in body["results"]]
    assert results == [
        ("letter.pdf", None, NIR),  # ../../../../etc/cron.d/letter.pdf
        ("passwd.pdf", None, NIR),  # /etc/passwd.pdf
        ("lettre.pdf", None, NIR),  # ..\..\Windows\System32\lettre.pdf
        ("evil.pdf", None, NIR),  # ok/../../../../tmp/evil.pdf
        ("lettre.pdf", None, NIR),  # zip-nested.zip
        ("inner.zip", "unsupported_format", None),  # not unpacked: no recursion
        ("secret.pdf", "corrupt_file", None),  # flagged encrypted
        ("lettre.pdf", None, NIR),
    ]


def test_every_hostile_file_in_one_batch_gets_its_own_result(client: TestClient, large: dict[str, Path]) -> None:
    """All of them in one batch (but the 200-inch page: 15 s of OCR on a blank page, read above already)."""
    names = sorted(set(EXPECTED) - {"pdf-page-200-inches.pdf"})
    response = batch(client, *[(name, corpus_path(name, large).read_bytes()) for name in names])
    assert response.status_code == 202, response.text
    body = finished(client, response.json()["id"])
    assert "Traceback" not in json.dumps(body)
    codes = {name: r["error"]["code"] if r["error"] else None for name, r in zip(names, body["results"], strict=True)}
    assert {name: code for name, code in codes.items() if name not in KNOWN_BUGS} == {
        name: EXPECTED[name] for name in names if name not in KNOWN_BUGS
    }


# --- a 2 GB body to the real server -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tesseract_available: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    tmpdir = tmp_path_factory.mktemp("server-tmp")
    with serving(TMPDIR=str(tmpdir)) as served:
        yield served.port, tmpdir
    assert "Traceback" not in served.output, served.output
    assert not list(tmpdir.iterdir()), f"left in the server's TMPDIR: {list(tmpdir.iterdir())}"


GB2 = 2 * 1024**3


def stream_zeros(port: int, chunked: bool) -> tuple[bytes, int]:
    """POST /v1/letters announcing 2 GB (chunked, or by Content-Length) and send zeros until the server answers.

    Returns the answer and how many body bytes had been sent when it came.
    """
    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n\r\n\xff\xd8\xff'
    length = b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % GB2
    request = (
        b"POST /v1/letters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        + length
        + b"\r\n\r\n"
    )
    block = b"\0" * (256 * 1024)
    pieces = [head, *([block] * (GB2 // len(block)))]
    answer = b""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        pending = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if (pending or pieces) else [], [], 1.0)
            if readable:
                data = sock.recv(65536)
                answer += data
                if not data or (b"\r\n\r\n" in answer and answer.rstrip().endswith(b"}")):
                    break
                continue
            if writable:
                if not pending:
                    piece = pieces.pop(0) if pieces else b""
                    pending = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
                try:
                    count = sock.send(pending)
                except (BrokenPipeError, ConnectionResetError):
                    with contextlib.suppress(OSError):
                        answer += sock.recv(65536)
                    break
                sent += count
                pending = pending[count:]
    return answer, sent


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "content-length"])
def test_a_2_gb_body_is_cut_off_and_the_server_stays_healthy(server: tuple[int, Path], chunked: bool) -> None:
    port, _ = server
    started = time.monotonic()
    answer, sent = stream_zeros(port, chunked)
    RUNS.append(
        Run(f"2 GB body, {'chunked' if chunked else 'Content-Length'}: {sent >> 20} MB sent", "serve", None, None, 0)
    )
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413"), answer[:500]
    body = json.loads(rest.split(b"\r\n\r\n", 1)[1])
    assert body["error"]["code"] == "upload_too_large"
    RUNS[-1] = dataclasses.replace(RUNS[-1], code="upload_too_large", status=413, seconds=time.monotonic() - started)
    assert sent < 64 * 1024 * 1024, f"{sent / 1e6:.0f} MB were sent before the answer"
    assert healthy(f"http://127.0.0.1:{port}")


# --- the summary --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def summary(pytestconfig: pytest.Config) -> Iterator[None]:
    yield
    if not RUNS:
        return
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    write = reporter.write_line if reporter else print
    first = {run.name: run.code for run in reversed(RUNS)}  # each input's code, through whichever interface
    codes = collections.Counter(code or "read normally" for code in first.values())
    slowest = max(RUNS, key=lambda run: run.seconds)
    heaviest = max(RUNS, key=lambda run: run.peak_kb)
    write("")
    write(f"hostile inputs: {len(first)}; codes: {dict(sorted(codes.items()))}")
    write(f"slowest: {slowest.name} through the {slowest.via}, {slowest.seconds:.1f} s")
    write(f"readers' peak memory: {heaviest.peak_kb / 1024:.0f} MB ({heaviest.name})")
    for run in sorted(RUNS, key=lambda run: (run.name, run.via)):
        status = f" {run.status}" if run.status else ""
        memory = f" {run.peak_kb / 1024:.0f} MB" if run.peak_kb else ""
        write(f"  {run.name:42} {run.via:6} {run.code or '-':20}{status} {run.seconds:5.1f} s{memory}")


# --- bugs found by the corpus, fixed in the loaders ----------------------------------------------------------------


def test_a_pdf_failing_after_an_encrypted_one_is_not_called_encrypted() -> None:
    """PDFium keeps its last error when a failure sets none: a reader used to call a PDF with no pages, read after
    a password-protected one, "encrypted_pdf"."""
    from cpam_reader.base.errors import CorruptFile, EncryptedPdf
    from cpam_reader.load.loaders import load_document

    for name, error in [("pdf-user-password.pdf", EncryptedPdf), ("pdf-no-pages.pdf", CorruptFile)] * 2:
        with pytest.raises(error):
            load_document(HOSTILE / name)
