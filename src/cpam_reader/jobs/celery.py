"""Scale-out: documents read by Celery workers on any number of machines, through a Redis broker.

The worker settings are those of long, CPU-bound tasks that must not be lost:
- late acknowledgement, and a task whose worker process dies is put back in the queue
  (``task_acks_late``, ``task_reject_on_worker_lost``): a killed worker's document is read by another;
- one task at a time per process (``worker_prefetch_multiplier=1``): a long letter never holds others back;
- a soft time limit (the document ends as ``document_timeout``) under a hard one (the process is killed);
- processes replaced after ``MAX_TASKS_PER_CHILD`` documents or past ``MAX_MEMORY_PER_CHILD_KB``;
- documents travel as bytes (base64 in JSON: no pickle on the wire, no path that only one machine can open),
  and each result is deleted from Redis once collected (it holds a social security number).

A document that was being read when its whole worker machine died is redelivered after the broker's visibility
timeout (``CPAM_READER_VISIBILITY_TIMEOUT_S``, default one hour; keep it above the hard time limit).

With ``--metrics-port``, the pool processes count what they read in files of a private folder made before they
fork (``prometheus_client``'s multiprocess mode: counted in a forked process, a number would stay there), and the
worker's parent process sums them when scraped (:mod:`cpam_reader.jobs.metrics`).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import functools
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

import celery.app.trace
import celery.states
import kombu.exceptions
from celery import Celery, signals
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.result import AsyncResult

from cpam_reader.base.errors import CpamReaderError, DocumentTimeout, InternalError
from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import Settings, current
from cpam_reader.jobs.job import (
    BATCH,
    INTERACTIVE,
    Admission,
    Admitting,
    Job,
    init_worker,
    limit_memory,
    read_safely,
)
from cpam_reader.load.loaders import read_bytes

if TYPE_CHECKING:  # prometheus_client loads in a worker only once its multiprocess folder is set
    from cpam_reader.jobs.metrics import Metrics

log = logging.getLogger(__name__)

TASK = "cpam_reader.read_document"
MAX_TASKS_PER_CHILD = 200
MAX_MEMORY_PER_CHILD_KB = 1_500_000
HARD_LIMIT_MARGIN_S = 30.0
POLL_S = 0.1
PRIORITY_HEADER = "cpam_reader_priority"
"""The message header saying a document's priority (for the worker's ``kind`` label): a header, not an argument,
so that workers and senders of the versions before it still understand each other."""


def make_app(
    broker: str, timeout_s: float | None = None, settings: Settings | None = None, metrics: Metrics | None = None
) -> Celery:
    """The Celery application on ``broker`` (results in the same Redis), configured for long CPU-bound tasks.

    ``timeout_s``: each task's soft time limit (default ``settings.document_timeout_s``). ``metrics``: where a
    worker counts the documents it reads (none on the sending side).
    """
    settings = settings or current()
    timeout_s = settings.document_timeout_s if timeout_s is None else timeout_s
    app = Celery("cpam_reader", broker=broker, backend=broker)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=timeout_s,
        task_time_limit=timeout_s + HARD_LIMIT_MARGIN_S,
        worker_max_tasks_per_child=MAX_TASKS_PER_CHILD,
        worker_max_memory_per_child=MAX_MEMORY_PER_CHILD_KB,
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout_s,
        },
        broker_connection_retry_on_startup=True,
        result_expires=24 * 3600,  # collected results are deleted at once; this bounds the forgotten ones
        task_track_started=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )

    @signals.worker_process_init.connect  # type: ignore[untyped-decorator]
    def cap_reader(**_: object) -> None:
        limit_memory(settings.memory_limit_mb)  # each pool process, as for local readers

    @app.task(name=TASK, bind=True)  # type: ignore[untyped-decorator]
    def read_document(task: Any, data_b64: str, ref: str) -> dict[str, Any]:
        """Read one document sent as base64 bytes; its result as ``to_dict()``, failures included.

        The worker is given the document's log reference, never its file name (which Celery's own log lines
        would show): the result comes back with ``ref`` as its source, and the sender puts the name back.
        """
        data = base64.b64decode(data_b64)
        result = read_safely(data, name=ref, ref=ref, time_limit=SoftTimeLimitExceeded, settings=settings)
        if metrics is not None:
            priority = task.request.get(PRIORITY_HEADER)
            metrics.observe(result, priority if priority in (INTERACTIVE, BATCH) else BATCH)
        return result.to_dict()

    return app


def run_worker(
    broker: str, concurrency: int, settings: Settings | None = None, metrics_at: tuple[str, int] | None = None
) -> int:
    """``cpam-reader worker``: a Celery worker with ``concurrency`` reader processes; returns its exit code.

    ``metrics_at``: the (host, port) where its metrics are served (:func:`_worker_metrics`).
    """
    settings = settings or current()
    with contextlib.ExitStack() as stack:
        metrics = stack.enter_context(_worker_metrics(*metrics_at)) if metrics_at else None
        _run(make_app(broker, settings=settings, metrics=metrics), concurrency, settings)
    return 0


def _run(app: Celery, concurrency: int, settings: Settings) -> None:
    # Celery logs each task's return value on success: here a result with the person's number. Keep the line,
    # drop the value (tests/test_scale_out.py reads the worker's log for numbers).
    celery.app.trace.LOG_SUCCESS = "Task %(name)s[%(id)s] succeeded in %(runtime)ss"
    # At DEBUG its pool logs each task's arguments: the document's bytes. Its INFO lines say enough.
    logging.getLogger("celery.pool").setLevel(max(logging.INFO, logging.getLogger().getEffectiveLevel()))
    init_worker(settings=settings)  # OMP_THREAD_LIMIT and OpenCV threads, inherited by the forked pool processes
    argv = [
        "worker",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        "--loglevel=INFO",
        "--without-mingle",
        f"--hostname=cpam-reader-{os.getpid()}@%h",  # unique per worker, several per machine included
    ]
    app.worker_main(argv)


@contextlib.contextmanager
def _worker_metrics(host: str, port: int) -> Iterator[Metrics]:
    """The worker's metrics, counted by its pool processes in a private folder, served by this process.

    ``prometheus_client`` reads ``PROMETHEUS_MULTIPROC_DIR`` when it is imported: it must be set first, and the
    folder (removed at the end) must be fresh, or the counts of a previous run would be added in.
    """
    if "prometheus_client" in sys.modules:
        raise RuntimeError("prometheus_client was imported before its multiprocess folder was set")
    with tempfile.TemporaryDirectory(prefix="cpam-reader-metrics-") as folder:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        from cpam_reader.jobs.metrics import Metrics, serving_metrics

        metrics = Metrics(Path(folder))
        started: list[Any] = []  # the WorkController, once Celery made it

        @signals.worker_init.connect  # type: ignore[untyped-decorator]
        def keep(sender: Any, **_: object) -> None:
            started.append(sender)

        def readers_alive() -> int:
            pool = getattr(started[0], "pool", None) if started else None
            return len(pool.info.get("processes", ())) if pool is not None else 0

        try:
            with serving_metrics(metrics.registry(readers_alive=readers_alive), port, host):
                log.info("metrics at http://%s:%d/ (counted in %s)", host, port, folder)
                yield metrics
        finally:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)


class CeleryRunner(Admitting):
    """The :class:`~cpam_reader.jobs.base.Runner` of Celery workers: documents go to the broker, results come back.

    ``max_pending`` bounds the documents of one priority sent and not yet answered, like the local pool's.
    """

    def __init__(
        self,
        broker: str,
        *,
        timeout_s: float | None = None,
        max_pending: int | None = None,
        settings: Settings | None = None,
    ) -> None:
        settings = settings or current()
        timeout_s = settings.document_timeout_s if timeout_s is None else timeout_s
        self.app = make_app(broker, timeout_s, settings)
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._waiting: dict[str, tuple[AsyncResult, Future[LetterResult], Job, int]] = {}
        self._revoked: set[str] = set()  # cancelled tasks revoked, waiting to end (collector thread only)
        self._admission = Admission(max_pending, retry_after_s=max(1, round(timeout_s / 4)))
        self._closed = threading.Event()
        self._collector = threading.Thread(target=self._collect, name="celery-results", daemon=True)
        self._collector.start()

    @functools.cached_property
    def workers(self) -> int:
        """Reader processes of the workers listening now (asked once, ~1 s): how many documents keep them busy."""
        try:
            stats = self.app.control.inspect(timeout=1.0).stats() or {}
        except (OSError, kombu.exceptions.KombuError) as exc:  # the broker unreachable: assume one, say so
            log.warning("could not ask the workers how many they are (%s): assuming one", type(exc).__name__)
            return 1
        return max(1, sum(int(s.get("pool", {}).get("max-concurrency", 1)) for s in stats.values()))

    @property
    def alive(self) -> None:
        """The readers are the workers' (each worker shows its own on its ``--metrics-port``)."""
        return None

    def submit(self, job: Job, *, priority: int = INTERACTIVE, wait: bool = True) -> Future[LetterResult]:
        """Send the document's bytes to the broker; the future gives its result (never raises).

        ``future.cancel()`` succeeds until a worker has started the task (seen by the collector), and revokes it:
        a worker that receives it then discards it unread.
        """
        self._admission.enter(priority, wait=wait)
        future = self._admission.admitted(priority)
        try:
            data = read_bytes(job.source)
        except CpamReaderError as exc:
            self._settle(future, priority, LetterResult.failed(job.label, exc))
            return future
        data_b64 = base64.b64encode(data).decode("ascii")
        sent = self.app.send_task(TASK, args=[data_b64, job.ref], headers={PRIORITY_HEADER: priority})
        with self._lock:
            self._waiting[sent.id] = (sent, future, job, priority)
        return future

    def _settle(self, future: Future[LetterResult], priority: int, result: LetterResult) -> None:
        if future.running() or future.set_running_or_notify_cancel():  # else cancelled: its place already freed
            self._admission.leave(priority)
            future.set_result(result)

    def _collect(self) -> None:
        """Resolve each future as its task finishes (one thread polls all; results are deleted once read)."""
        while not (self._closed.is_set() and not self._waiting):
            with self._lock:
                waiting = list(self._waiting.items())
            for task_id, (sent, future, job, priority) in waiting:
                try:
                    if self._dropped(task_id, sent, future, job):
                        continue
                    result = self._result_of(sent, job)
                except Exception as exc:
                    log.warning("result of a document lost: %s", type(exc).__name__)
                    result = LetterResult.failed(job.label, InternalError("The result could not be collected."))
                with self._lock:
                    del self._waiting[task_id]
                sent.forget()
                self._settle(future, priority, result)
            time.sleep(POLL_S)

    def _dropped(self, task_id: str, sent: AsyncResult, future: Future[LetterResult], job: Job) -> bool:
        """Whether the collector leaves this task for now: not finished, or its future cancelled.

        A started task makes its future "running" (it can no longer be cancelled); a cancelled one is revoked
        once, then forgotten when it ends (revoked unread, or read anyway if it had just started: its result,
        which holds a number, is deleted all the same). The worker writes a revoked task's state a second time
        after it is forgotten: a ``REVOKED`` status, no result, left to ``result_expires``.
        """
        state = sent.state
        if future.cancelled():
            if task_id not in self._revoked:
                self._revoked.add(task_id)
                self.app.control.revoke(task_id)
                log.info("document %s was cancelled before a worker took it: revoked", job.ref)
            if state in celery.states.READY_STATES:
                with self._lock:
                    del self._waiting[task_id]
                self._revoked.discard(task_id)
                sent.forget()
            return True
        if state == celery.states.STARTED and not future.running():
            future.set_running_or_notify_cancel()
        return state not in celery.states.READY_STATES

    def _result_of(self, sent: AsyncResult, job: Job) -> LetterResult:
        if sent.successful():
            return dataclasses.replace(LetterResult.from_dict(sent.result), source=job.label)
        error = sent.result
        if isinstance(error, TimeLimitExceeded | SoftTimeLimitExceeded):
            return LetterResult.failed(job.label, DocumentTimeout())
        return LetterResult.failed(job.label, InternalError(f"The worker failed ({type(error).__name__})."))

    def close(self) -> None:
        """Wait for the documents sent, then stop collecting."""
        self._closed.set()
        self._collector.join()

    def __enter__(self) -> CeleryRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
