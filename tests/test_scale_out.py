"""Scale-out with the real parts: a redis-server, `cpam-reader worker` processes (Celery), documents as bytes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from cpam_reader.jobs.base import make_runner, run_documents
from cpam_reader.jobs.job import Job
from tests.conftest import LETTERS, expected_for, free_port

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[1]
SLOW = ROOT / "fixtures" / "corpus" / "0011-scanned_pdf-carte_vitale_form.pdf"  # two OCR'd pages, ~3 s


def wait_until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def broker(tesseract_available: None) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: run the README's test command (it installs it).")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    wait_until(lambda: _pings(client), 20, "redis-server")
    yield url
    process.terminate()
    process.wait(10)


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


class Worker:
    """`cpam-reader worker` in its own process group, its log in a file."""

    def __init__(self, url: str, log: Path, *args: str, **env: str) -> None:
        self.log = log
        env = {**os.environ, "CPAM_READER_BROKER": url, **env}
        with open(log, "w") as stream:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cpam_reader.interfaces.cli", "worker", "--concurrency", "1", *args],
                env=env,
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(lambda: "ready." in self.text(), 60, "the worker to start")

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def succeeded(self) -> list[str]:
        return re.findall(r"read_document\[([0-9a-f-]+)\] succeeded", self.text())

    def kill_reader(self) -> None:
        """SIGKILL the pool process reading a document (what the kernel's OOM killer does)."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        for pid in children.split():
            os.kill(int(pid), signal.SIGKILL)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


def distinct_letters(tmp_path: Path, copies: int) -> list[tuple[Path, str | None]]:
    """Text-layer PDFs made distinct (a comment after %%EOF), plus two scans read by OCR; with their numbers."""
    made = []
    pdfs = sorted(LETTERS.glob("*.pdf"))
    for i in range(copies):
        source = pdfs[i % len(pdfs)]
        target = tmp_path / f"{i:02d}-{source.name}"
        target.write_bytes(source.read_bytes() + f"\n% copy {i}\n".encode())
        made.append((target, expected_for(source)["nir"]))
    for source in sorted(LETTERS.glob("na-*.png"))[:2]:
        made.append((source, expected_for(source)["nir"]))
    return made


def test_a_batch_through_two_workers_gives_every_result_exactly_once(broker: str, tmp_path: Path) -> None:
    workers = [Worker(broker, tmp_path / f"worker-{i}.log") for i in range(2)]
    try:
        letters = distinct_letters(tmp_path, 12)
        results = list(run_documents([str(p) for p, _ in letters], jobs=2, broker=broker))
    finally:
        for worker in workers:
            worker.stop()
    assert [r.source for r in results] == [str(p) for p, _ in letters]
    assert [r.nir for r in results] == [nir for _, nir in letters]
    done = [task for worker in workers for task in worker.succeeded()]
    assert len(done) == len(letters) == len(set(done))  # each read once, no task twice
    assert all(worker.succeeded() for worker in workers)  # both took their share
    logs = "".join(worker.text() for worker in workers)
    assert not [nir for _, nir in letters if nir and nir in logs]  # no number in the workers' logs
    leftovers = redis.Redis.from_url(broker).keys("celery-task-meta-*")
    assert leftovers == []  # results are deleted from Redis once collected


def test_a_worker_killed_mid_task_still_has_its_document_read_once(broker: str, tmp_path: Path) -> None:
    worker = Worker(broker, tmp_path / "worker.log")
    try:
        with make_runner(1, broker=broker) as runner:
            future = runner.submit(Job(str(SLOW)))
            wait_until(lambda: "received" in worker.text(), 30, "the task to reach the worker")
            time.sleep(0.5)  # well inside the ~3 s of reading
            worker.kill_reader()
            result = future.result(timeout=120)
        assert "WorkerLostError" in worker.text()  # the reader really died mid-task
        assert result.nir == expected_for(SLOW)["nir"]
        assert result.error is None
        assert len(worker.succeeded()) == 1  # redelivered, read once to the end
    finally:
        worker.stop()


def test_the_web_batch_api_sends_its_documents_to_the_workers(broker: str, tmp_path: Path) -> None:
    import hashlib

    from fastapi.testclient import TestClient

    from cpam_reader.base.settings import Settings
    from cpam_reader.interfaces.web.app import create_app

    worker = Worker(broker, tmp_path / "worker.log")
    settings = Settings(broker=broker, api_keys={hashlib.sha256(b"k").hexdigest(): "acme"})
    letters = distinct_letters(tmp_path, 3)
    try:
        with TestClient(create_app(settings)) as client:
            files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p, _ in letters]
            created = client.post("/v1/batches", files=files, headers={"Authorization": "Bearer k"})
            assert created.status_code == 202
            url = f"/v1/batches/{created.json()['id']}"
            wait_until(
                lambda: client.get(url, headers={"Authorization": "Bearer k"}).json()["status"] == "done", 120, "batch"
            )
            body = client.get(url, headers={"Authorization": "Bearer k"}).json()
    finally:
        worker.stop()
    assert [r["nir"] for r in body["results"]] == [nir for _, nir in letters]
    assert len(worker.succeeded()) == len(letters)


def test_a_cancelled_document_is_revoked_and_never_read(broker: str, tmp_path: Path) -> None:
    """A document cancelled while it waits behind another is revoked: the worker discards it unread."""
    worker = Worker(broker, tmp_path / "worker.log")
    try:
        with make_runner(1, broker=broker, max_pending=8) as runner:
            reading = runner.submit(Job(str(SLOW)))
            wait_until(reading.running, 30, "the slow document to start")  # the collector saw STARTED
            assert not reading.cancel()  # started: too late to drop it
            waiting = runner.submit(Job(str(SLOW), ref="dropped"))
            assert waiting.cancel()
            assert runner.pending == 1
            assert reading.result(timeout=120).error is None
            wait_until(lambda: "Discarding revoked task" in worker.text(), 60, "the worker to discard the revoked task")
        assert len(worker.succeeded()) == 1
    finally:
        worker.stop()
    store = redis.Redis.from_url(broker)
    left = [json.loads(store.get(key) or b"{}")["status"] for key in store.keys("celery-task-meta-*")]
    assert left in ([], ["REVOKED"])  # the read one's result (a number) deleted; a revoked one has no result
