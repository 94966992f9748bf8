"""No log line names a document by its file name, nor shows a number: every process, at INFO and at DEBUG.

Mailrooms name scans after the person ("Dupont Jean 287049921602110.png"). Each test drops or uploads files so
named through a real process (the web service, the watch folder, the command line, a Celery worker), including a
reader passing its time limit and a reader killed mid-letter, and reads every line that process logged.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import LETTERS, ROOT, expected_for, get, post, serving, slow_pdf
from tests.test_scale_out import Worker, broker, wait_until  # noqa: F401  (broker: a fixture used below)

pytestmark = pytest.mark.slow  # real services, real Tesseract

PERSON = "Dupont Jean"
PRINTED = "287049921602110"
TEXT_PDF = sorted(LETTERS.glob("*.pdf"))[0]
SCAN = sorted(LETTERS.glob("na-*.png"))[0]
KEY = "log-privacy-key"


SLOW = slow_pdf()


def named(index: int, suffix: str) -> str:
    """A file name as a mailroom gives it: the person, their number, a counter."""
    return f"{PERSON} {PRINTED} {index}{suffix}"


def assert_private(log: str, *numbers: str | None) -> None:
    """Neither the person's name, the number in the file name, nor the letters' numbers in any line."""
    assert log.strip(), "the process logged nothing: the test would prove nothing"
    forbidden = [PERSON, "Dupont", PRINTED, *(n for n in numbers if n)]
    leaks = [line for line in log.splitlines() if any(word in line for word in forbidden)]
    assert leaks == [], "\n".join(leaks)


def readers_of(pid: int) -> list[int]:
    """The reader processes of a service: the children of its fork server."""
    found = []
    for child in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split():
        if "forkserver" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
            found += [
                int(p) for p in subprocess.run(["pgrep", "-P", child], capture_output=True, text=True).stdout.split()
            ]
    return found


def service_pid(port: int) -> int:
    """The ``cpam-reader serve`` listening on ``port``."""
    out = subprocess.run(["pgrep", "-f", f"serve --port {port}"], capture_output=True, text=True).stdout.split()
    return int(out[0])


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_the_web_service_logs_neither_file_names_nor_numbers(level: str, tesseract_available: None) -> None:
    numbers = [expected_for(TEXT_PDF)["nir"], expected_for(SCAN)["nir"]]
    keys = f"hr:{hashlib.sha256(KEY.encode()).hexdigest()}"
    env = {"CPAM_READER_LOG_LEVEL": level, "CPAM_READER_DOCUMENT_TIMEOUT_S": "2", "CPAM_READER_API_KEYS": keys}
    with serving(**env) as served:
        status, headers, body = post(f"{served.url}/v1/letters", [("file", named(1, ".pdf"), TEXT_PDF.read_bytes())])
        assert (status, body["nir"]) == (200, numbers[0])
        assert len(headers["x-request-id"]) == 8  # what the log calls this letter
        status, _, body = post(f"{served.url}/v1/letters", [("file", named(2, ".pdf"), SLOW)])
        assert (status, body["error"]["code"]) == (422, "document_timeout")  # the reader passed its time limit

        answer: dict = {}

        def upload_slow() -> None:
            answer["body"] = post(f"{served.url}/v1/letters", [("file", named(3, ".pdf"), SLOW)])[2]

        upload = threading.Thread(target=upload_slow)
        upload.start()
        pid = service_pid(served.port)
        wait_until(lambda: bool(readers_of(pid)), 20, "a reader")
        time.sleep(0.8)  # reading the slow letter
        for reader in readers_of(pid):
            os.kill(reader, 9)  # what the kernel's out-of-memory killer does
        upload.join(120)
        assert answer["body"]["error"]["code"] == "internal_error", answer  # the reader died on it

        files = [("files", named(4, ".pdf"), TEXT_PDF.read_bytes()), ("files", named(5, ".png"), SCAN.read_bytes())]
        files.append(("files", named(6, ".pdf"), b"%PDF-1.4 broken"))
        status, _, created = post(f"{served.url}/v1/batches", files, key=KEY)
        assert status == 202, created
        batch = f"{served.url}/v1/batches/{created['id']}"
        wait_until(lambda: get(batch, KEY)[1]["status"] == "done", 120, "the batch")
        status, body = get(batch, KEY)
        assert status == 200
        results = body["results"]
        assert [r["nir"] for r in results[:2]] == numbers
        assert results[0]["source"] == named(4, ".pdf")  # the answer keeps the name: only the logs lose it
    assert "letter " in served.output and " read: " in served.output  # the service did log its letters
    assert_private(served.output, *numbers)


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_the_watch_folder_and_the_command_line_log_neither(
    level: str, tmp_path: Path, tesseract_available: None
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / named(1, ".pdf")).write_bytes(TEXT_PDF.read_bytes())
    (inbox / named(2, ".png")).write_bytes(SCAN.read_bytes())
    (inbox / named(3, ".pdf")).write_bytes(b"%PDF-1.4 broken")
    (inbox / named(4, ".pdf")).mkdir()  # refused: not a file
    env = {**os.environ, "CPAM_READER_LOG_LEVEL": level, "CPAM_READER_DOCUMENT_TIMEOUT_S": "60"}
    command = [sys.executable, "-m", "cpam_reader.interfaces.cli"]
    watched = subprocess.run(
        [*command, "watch", str(inbox), "--out", str(out), "--jobs", "2", "--settle", "0", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert watched.returncode == 0, watched.stderr
    assert len((out / "results.jsonl").read_text().splitlines()) == 3
    assert_private(watched.stderr + watched.stdout, expected_for(TEXT_PDF)["nir"], expected_for(SCAN)["nir"])

    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / named(1, ".pdf")).write_bytes(TEXT_PDF.read_bytes())
    (letters / named(2, ".pdf")).write_bytes(SLOW)
    scanned = subprocess.run(
        [*command, "scan", str(letters), "--jobs", "2", "--format", "jsonl"],
        env={**env, "CPAM_READER_DOCUMENT_TIMEOUT_S": "2"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    results = [json.loads(line) for line in scanned.stdout.splitlines()]
    assert {r["error"]["code"] if r["error"] else "ok" for r in results} == {"ok", "document_timeout"}
    if level == "DEBUG":
        assert_private(scanned.stderr, expected_for(TEXT_PDF)["nir"])
    else:  # the command line logs only what goes wrong: the time-out
        assert "passed the 2 s limit" in scanned.stderr
        assert_private(scanned.stderr, expected_for(TEXT_PDF)["nir"])


def test_a_celery_worker_at_debug_logs_neither(broker: str, tmp_path: Path) -> None:  # noqa: F811
    worker = Worker(broker, tmp_path / "worker.log", CPAM_READER_LOG_LEVEL="DEBUG")
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / named(1, ".pdf")).write_bytes(TEXT_PDF.read_bytes())
    (letters / named(2, ".png")).write_bytes(SCAN.read_bytes())
    try:
        scanned = subprocess.run(
            [
                sys.executable,
                "-m",
                "cpam_reader.interfaces.cli",
                "scan",
                str(letters),
                "--broker",
                broker,
                "--format",
                "jsonl",
            ],
            env={**os.environ, "CPAM_READER_LOG_LEVEL": "DEBUG"},
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
    finally:
        worker.stop()
    results = [json.loads(line) for line in scanned.stdout.splitlines()]
    assert sorted(Path(r["source"]).name for r in results) == sorted(p.name for p in letters.iterdir())  # given back
    assert len(worker.succeeded()) == 2
    assert " DEBUG " in worker.text() or "[DEBUG" in worker.text()  # the worker really logged at DEBUG
    assert_private(worker.text() + scanned.stderr, expected_for(TEXT_PDF)["nir"], expected_for(SCAN)["nir"])
