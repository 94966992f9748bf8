"""Metrics, scraped from the real service, watch folder and Celery worker, and parsed as Prometheus parses them."""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families
from prometheus_client.parser import text_string_to_metric_families

from cpam_reader.base.errors import CorruptFile, CpamReaderError
from cpam_reader.base.result import LetterResult
from cpam_reader.jobs.job import BATCH, INTERACTIVE
from cpam_reader.jobs.metrics import Metrics, letter_labels
from tests.conftest import LETTERS, ROOT, free_port, get, post, serving
from tests.test_scale_out import Worker, broker, wait_until

assert broker  # the fixture, used by name below

LETTER = LETTERS / "cv-plain-1.pdf"
SCAN = LETTERS / "na-definitif-1.png"
NAMED = "dupont-1850775123456.pdf"
"""A file name as people name letters: a person's name and number. Neither may reach a label."""
BROKEN = b"%PDF-1.4\n" + b"\x00garbage" * 50

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    """Every sample of a scrape, by name and labels; fails on anything Prometheus would not accept."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(url: str) -> tuple[str, Samples]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers["Content-Type"], parse(response.read().decode())


def scrape_openmetrics(url: str) -> str:
    """What a Prometheus asking for OpenMetrics gets (its content type checked), parsed by the strict parser."""
    request = urllib.request.Request(url, headers={"Accept": "application/openmetrics-text; version=1.0.0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("application/openmetrics-text; version=1.0.0")
        text = response.read().decode()
    assert list(openmetrics_families(text))
    return text


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def assert_no_personal_label(samples: Samples, *names: str) -> None:
    values = {v for _, labels in samples for _, v in labels}
    assert not [v for v in values if re.search(r"\d{13,}", v) or any(n in v or Path(n).stem in v for n in names)]
    assert {v for (name, labels) in samples for k, v in labels if k == "code"} <= {*CODES, "none", "other"}


def codes() -> set[str]:
    found, pending = set(), [CpamReaderError]
    while pending:
        kind = pending.pop()
        found.add(kind.code)
        pending += kind.__subclasses__()
    return found


CODES = codes()


# --- the counters, without a service ----------------------------------------------------------------------------


def test_labels_come_from_fixed_sets_whatever_the_result_says() -> None:
    assert letter_labels(LetterResult.failed(NAMED, CorruptFile()), BATCH) == ("failed", "corrupt_file", "batch")
    assert letter_labels(LetterResult(NAMED), 7) == ("ok", "none", "other")
    odd = CorruptFile()
    odd.code = "from_elsewhere_1850775123456"  # a code from a worker of another version: not a label value
    assert letter_labels(LetterResult.failed(NAMED, odd), INTERACTIVE) == ("failed", "other", "letter")


def test_each_metrics_counts_on_its_own_registry() -> None:
    first, second = Metrics(), Metrics()
    first.observe(LetterResult(NAMED, timings_ms={"ocr": 1200.0}), INTERACTIVE)
    one = parse(generate(first))
    assert value(one, "cpam_reader_letters_total", outcome="ok", code="none", kind="letter") == 1
    assert value(one, "cpam_reader_reading_seconds_count", text_source="none") == 1
    assert value(parse(generate(second)), "cpam_reader_letters_total", outcome="ok", code="none", kind="letter") is None
    assert ("cpam_reader_queue_depth", frozenset({("priority", "batch")})) not in one  # no runner given


def generate(metrics: Metrics) -> str:
    from prometheus_client import generate_latest

    return generate_latest(metrics.registry()).decode()


# --- the real commands ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_service_counts_letters_and_batches_and_says_its_queue_readers_and_batches(
    tesseract_available: None,
) -> None:
    key = secrets.token_urlsafe(16)
    with serving(CPAM_READER_API_KEYS=f"hr:{hashlib.sha256(key.encode()).hexdigest()}") as served:
        assert post(f"{served.url}/v1/letters", [("file", NAMED, LETTER.read_bytes())])[0] == 200
        assert post(f"{served.url}/v1/letters", [("file", "broken-1850775123456.pdf", BROKEN)])[0] == 422
        assert post(f"{served.url}/v1/letters", [("file", "notes.txt", b"hello")])[0] == 415
        status, _, batch = post(f"{served.url}/v1/batches", [("files", "scan-185077.png", SCAN.read_bytes())], key)
        assert status == 202
        _, running = scrape(f"{served.url}/metrics")  # a scan takes seconds to read: the batch is still running
        status, body = get(f"{served.url}/v1/batches/{batch['id']}", key)
        assert status == 200
        then = body["status"]
        wait_until(lambda: get(f"{served.url}/v1/batches/{batch['id']}", key)[1]["status"] == "done", 120, "the batch")
        content_type, samples = scrape(f"{served.url}/metrics")  # no API key asked
        assert "cpam_reader_letters_total" in scrape_openmetrics(f"{served.url}/metrics")

    assert content_type == CONTENT_TYPE_PLAIN_0_0_4
    letters = "cpam_reader_letters_total"
    assert value(samples, letters, outcome="ok", code="none", kind="letter") == 1
    assert value(samples, letters, outcome="failed", code="corrupt_file", kind="letter") == 1
    assert value(samples, letters, outcome="failed", code="unsupported_format", kind="letter") == 1
    assert value(samples, letters, outcome="ok", code="none", kind="batch") == 1
    assert value(samples, "cpam_reader_reading_seconds_count", text_source="pdf_text") == 1
    assert value(samples, "cpam_reader_reading_seconds_count", text_source="ocr") == 1
    assert 0 < value(samples, "cpam_reader_reading_seconds_sum", text_source="ocr") < 60  # type: ignore[operator]
    assert value(samples, "cpam_reader_queue_depth", priority="interactive") == 0
    assert value(samples, "cpam_reader_queue_depth", priority="batch") == 0
    assert value(samples, "cpam_reader_readers_alive") == 1  # serving() runs one reader
    assert value(samples, "cpam_reader_batches_running") == 0
    assert value(samples, "cpam_reader_build_info", version="0.1.0") == 1
    if then == "running":  # so it was at the first scrape, while the scan was read
        assert value(running, "cpam_reader_batches_running") == 1
        assert value(running, "cpam_reader_queue_depth", priority="batch") == 1
    assert_no_personal_label({**running, **samples}, NAMED, "broken-1850775123456.pdf", "scan-185077.png")


@contextlib.contextmanager
def watching(inbox: Path, out: Path, log: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    command = [sys.executable, "-m", "cpam_reader.interfaces.cli", "watch", str(inbox), "--out", str(out)]
    with open(log, "ab") as stream:
        process = subprocess.Popen(
            [*command, "--jobs", "1", "--interval", "0.2", "--settle", "0.2", "--metrics-port", str(port)],
            cwd=ROOT,
            stdout=stream,
            stderr=stream,
        )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_the_watch_folder_serves_its_metrics_on_its_port(tmp_path: Path, tesseract_available: None) -> None:
    inbox, out, port = tmp_path / "inbox", tmp_path / "out", free_port()
    inbox.mkdir()
    with watching(inbox, out, tmp_path / "watch.log", port) as process:
        wait_until(lambda: answers(port) or process.poll() is not None, 30, "the metrics port")
        _, before = scrape(f"http://127.0.0.1:{port}/")
        assert value(before, "cpam_reader_letters_total", outcome="ok", code="none", kind="batch") is None
        (inbox / NAMED).write_bytes(LETTER.read_bytes())
        (inbox / "broken-1850775123456.pdf").write_bytes(BROKEN)
        journal = out / "results.jsonl"
        wait_until(lambda: journal.exists() and len(journal.read_text().splitlines()) == 2, 60, "two results")
        _, samples = scrape(f"http://127.0.0.1:{port}/")
        scrape_openmetrics(f"http://127.0.0.1:{port}/")
    assert process.returncode == 0, (tmp_path / "watch.log").read_text()
    assert value(samples, "cpam_reader_letters_total", outcome="ok", code="none", kind="batch") == 1
    assert value(samples, "cpam_reader_letters_total", outcome="failed", code="corrupt_file", kind="batch") == 1
    assert value(samples, "cpam_reader_reading_seconds_count", text_source="pdf_text") == 1
    assert value(samples, "cpam_reader_queue_depth", priority="interactive") == 0
    assert value(samples, "cpam_reader_queue_depth", priority="batch") == 0
    assert value(samples, "cpam_reader_readers_alive") == 1
    assert ("cpam_reader_batches_running", frozenset()) not in samples  # batches are the service's
    assert_no_personal_label(samples, NAMED, "broken-1850775123456.pdf")


def test_a_metrics_port_already_taken_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "cpam_reader.interfaces.cli", "watch", str(tmp_path / "inbox")]
        done = subprocess.run(
            [*command, "--out", str(tmp_path / "out"), "--jobs", "1", "--metrics-port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"cannot serve metrics on 127.0.0.1:{port}" in done.stderr


@pytest.mark.slow
def test_a_celery_worker_sums_what_its_pool_processes_read(broker: str, tmp_path: Path) -> None:
    port = free_port()
    worker = Worker(broker, tmp_path / "worker.log", "--metrics-port", str(port))
    try:
        (tmp_path / NAMED).write_bytes(LETTER.read_bytes())
        (tmp_path / "broken-1850775123456.pdf").write_bytes(BROKEN)
        scan = [sys.executable, "-m", "cpam_reader.interfaces.cli", "scan", "--broker", broker, "--format", "jsonl"]
        for name in (NAMED, "broken-1850775123456.pdf"):
            subprocess.run([*scan, str(tmp_path / name)], capture_output=True, timeout=120)
        content_type, samples = scrape(f"http://127.0.0.1:{port}/")
        scrape_openmetrics(f"http://127.0.0.1:{port}/")
        [folder] = re.findall(r"counted in (\S+)\)", worker.text())
        assert Path(folder).is_dir()
    finally:
        worker.process.send_signal(signal.SIGTERM)
        try:
            worker.process.wait(30)
        except subprocess.TimeoutExpired:
            worker.stop()
    assert not Path(folder).exists(), "the multiprocess folder goes with its worker: a next run starts from zero"
    assert content_type == CONTENT_TYPE_PLAIN_0_0_4
    # counted in the pool process that read it, summed by the worker's parent
    assert value(samples, "cpam_reader_letters_total", outcome="ok", code="none", kind="letter") == 1
    assert value(samples, "cpam_reader_letters_total", outcome="failed", code="corrupt_file", kind="letter") == 1
    assert value(samples, "cpam_reader_reading_seconds_count", text_source="pdf_text") == 1
    assert value(samples, "cpam_reader_readers_alive") == 1  # --concurrency 1
    assert_no_personal_label(samples, NAMED, "broken-1850775123456.pdf")
