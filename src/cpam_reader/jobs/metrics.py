"""What a running service, watch folder or worker has done, in the Prometheus text format (``prometheus_client``).

Counted where a result is produced, by the one :meth:`Metrics.observe` each of them calls: the web service when it
answers a letter or records a batch document, the watch folder when it records a letter, a Celery worker when its
task returns. Read at scrape time, never counted: the documents queued per priority, the reader processes alive,
the batches running. Every metric lives on the process's own registry (:meth:`Metrics.registry`), not the library's
global one, so that a test or a second app in one process starts from nothing.

No label ever holds personal data: every label value comes from a fixed small set (:data:`KINDS`, the error
tree's codes (:func:`~cpam_reader.base.errors.error_kinds`), :class:`~cpam_reader.base.result.TextSource`), never
a file name, a reference or a number; a value outside its set is counted as ``other``.

A Celery worker's documents are read in forked pool processes: there the counters live in files of a private
folder that every process writes (``prometheus_client``'s multiprocess mode), summed by the parent when scraped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from cpam_reader import __version__
from cpam_reader.base.errors import SetupError, error_kinds
from cpam_reader.base.result import LetterResult
from cpam_reader.jobs.job import BATCH, INTERACTIVE

KINDS = {INTERACTIVE: "letter", BATCH: "batch"}
"""The ``kind`` label of a priority: ``letter``, read while someone waits; ``batch``, read in the background (HR
batches and the watch folder)."""
PRIORITIES = {INTERACTIVE: "interactive", BATCH: "batch"}
"""The ``priority`` label of the queue depth."""
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)
"""Reading times, in seconds: a text-layer PDF in a tenth of a second, a photo in seconds, a time-out at a minute."""
OTHER = "other"


def letter_labels(result: LetterResult, priority: int) -> tuple[str, str, str]:
    """``(outcome, code, kind)`` of a result: labels from fixed sets only.

    >>> from cpam_reader.base.errors import CorruptFile
    >>> letter_labels(LetterResult("12345.pdf"), BATCH), letter_labels(LetterResult.failed("x", CorruptFile()), 0)
    (('ok', 'none', 'batch'), ('failed', 'corrupt_file', 'letter'))
    """
    if result.error is None:
        return "ok", "none", KINDS.get(priority, OTHER)
    code = result.error.code if result.error.code in error_kinds() else OTHER
    return "failed", code, KINDS.get(priority, OTHER)


def reading_time(result: LetterResult) -> tuple[str, float] | None:
    """``(text_source, seconds)`` of a document whose reading was timed (None when it never reached a reader).

    >>> from cpam_reader.base.result import TextSource
    >>> reading_time(LetterResult("x", text_source=TextSource.OCR, timings_ms={"load": 200, "ocr": 1300}))
    ('ocr', 1.5)
    >>> reading_time(LetterResult("x")) is None
    True
    """
    if not result.timings_ms:
        return None
    source = result.text_source.value if result.text_source is not None else "none"
    return source, sum(result.timings_ms.values()) / 1000


class Metrics:
    """The counters of one process, and the registry that shows them with what is read at scrape time.

    ``multiprocess_dir``: the folder of a multiprocess run (a Celery worker: see the module docstring), whose
    environment had ``PROMETHEUS_MULTIPROC_DIR`` pointing at it before ``prometheus_client`` was imported.
    """

    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        self.multiprocess_dir = multiprocess_dir
        self.letters = Counter(
            "cpam_reader_letters",
            "Documents read, by outcome (ok, failed), error code (none when ok) and kind (letter, batch).",
            ("outcome", "code", "kind"),
            registry=None,
        )
        self.reading = Histogram(
            "cpam_reader_reading_seconds",
            "Time spent reading a document (loading, OCR, finding the number), by text source.",
            ("text_source",),
            buckets=BUCKETS,
            registry=None,
        )

    def observe(self, result: LetterResult, priority: int) -> None:
        """Count one finished document (failures included) read at ``priority``."""
        self.letters.labels(*letter_labels(result, priority)).inc()
        if (timed := reading_time(result)) is not None:
            self.reading.labels(timed[0]).observe(timed[1])

    def registry(
        self,
        *,
        pending_at: Callable[[int], int] | None = None,
        readers_alive: Callable[[], int | None] | None = None,
        batches_running: Callable[[], int] | None = None,
    ) -> CollectorRegistry:
        """A registry with the counters and, at each scrape, what the callables given say (each one optional).

        ``pending_at(priority)``: documents queued or being read; ``readers_alive()``: reader processes running
        (None: they are elsewhere, not shown); ``batches_running()``: batches not finished.
        """
        registry = CollectorRegistry()
        if self.multiprocess_dir is not None:
            MultiProcessCollector(registry, path=str(self.multiprocess_dir))  # type: ignore[no-untyped-call]
        else:
            registry.register(self.letters)
            registry.register(self.reading)
        registry.register(_AtScrape(pending_at, readers_alive, batches_running))
        return registry


class _AtScrape(Collector):
    """The gauges whose values are asked for when scraped: nothing to keep up to date, nothing to drift."""

    def __init__(
        self,
        pending_at: Callable[[int], int] | None,
        readers_alive: Callable[[], int | None] | None,
        batches_running: Callable[[], int] | None,
    ) -> None:
        self.pending_at = pending_at
        self.readers_alive = readers_alive
        self.batches_running = batches_running

    def collect(self) -> Iterator[Metric]:
        build = GaugeMetricFamily("cpam_reader_build_info", "The running version (always 1).", labels=["version"])
        build.add_metric([__version__], 1)
        yield build
        if self.pending_at is not None:
            depth = GaugeMetricFamily(
                "cpam_reader_queue_depth",
                "Documents queued or being read, by priority (interactive: a person waits; batch: batches, watch).",
                labels=["priority"],
            )
            for priority, label in PRIORITIES.items():
                depth.add_metric([label], self.pending_at(priority))
            yield depth
        if self.readers_alive is not None and (alive := self.readers_alive()) is not None:
            yield GaugeMetricFamily("cpam_reader_readers_alive", "Reader processes running now.", alive)
        if self.batches_running is not None:
            yield GaugeMetricFamily("cpam_reader_batches_running", "Batches not finished.", self.batches_running())


@contextlib.contextmanager
def serving_metrics(registry: CollectorRegistry, port: int, host: str = "127.0.0.1") -> Iterator[None]:
    """Answer scrapes of ``registry`` at ``http://host:port/`` from a background thread (watch folder, worker).

    :class:`SetupError` when the port cannot be had (taken, or not this machine's address).
    """
    try:
        server, thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        raise SetupError(f"cannot serve metrics on {host}:{port} ({exc.strerror}): choose another port") from exc
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
