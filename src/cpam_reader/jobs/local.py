"""Reader processes: each document read in a worker process, under a time limit that really stops it.

Why not ``ProcessPoolExecutor``: a document that hangs in native code (Tesseract, a PDF renderer) cannot be
cancelled there, and a worker that dies breaks the whole pool with every document in flight. Here each worker
process has a slot thread in the parent that hands it one document at a time over a pipe. Past the deadline the
slot kills the process, the document gets a ``document_timeout`` error, and a fresh process takes the next one;
a process that dies (out of memory, a crash in a native library) costs only the document it held.

Documents wait in one priority queue: an applicant waiting at the page (priority 0) goes before a batch document
(priority 1). A document whose future was cancelled while it waited (its applicant went away) is skipped when
its turn comes: ``Future.cancel()`` succeeds until a reader takes it, and frees its place in the queue at once.
Processes start from a fork server that has already imported the pipeline, so a replacement is ready in a
fraction of a second, and never inherit the parent's threads.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import signal
import threading
from concurrent.futures import Future
from multiprocessing.connection import Connection, wait
from typing import Any

from cpam_reader.base.errors import DocumentTimeout, InternalError
from cpam_reader.base.logconfig import configure_logging
from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import Settings, current
from cpam_reader.jobs.job import INTERACTIVE, Admission, Admitting, Job, init_worker, limit_memory, read_safely

log = logging.getLogger(__name__)


def _work(conn: Connection, alone: bool, memory_mb: int, settings: Settings) -> None:
    """A worker process: read the documents the parent sends until the pipe closes.

    Ctrl-C in a terminal reaches the whole process group: the parent decides when to stop, not its readers.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_logging(settings.log_level)
    init_worker(alone, settings)
    limit_memory(memory_mb)
    conn.send(_READY)
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(read_safely(job.source, job.debug_dir, name=job.name, ref=job.ref, settings=settings))


PRELOAD = ["cpam_reader.jobs.local", "cpam_reader.image.reading", "cpam_reader.number.second_look"]
"""Imported once by the fork server, so that every reader starts with what reading a scan needs."""
_STOP = object()
_READY = "ready"
STARTUP_TIMEOUT_S = 60.0
"""A new reader process must be ready (imports done, OCR model loaded) within this; its documents' time limit
starts only then."""


class ReaderPool(Admitting):
    """``workers`` reader processes behind one queue.

    ``settings``: what the readers read with (default: this process's, :func:`~cpam_reader.base.settings.current`).
    ``timeout_s``: the most one document may take, loading included (default ``settings.document_timeout_s``).
    ``memory_mb``: each reader's address-space cap (default ``settings.memory_limit_mb``). ``max_pending``:
    documents of one priority queued or in flight beyond which :meth:`submit` with ``wait=False`` refuses with
    :class:`Busy` (None: no bound), so that a running batch never turns an applicant away.
    """

    def __init__(
        self,
        workers: int,
        *,
        timeout_s: float | None = None,
        max_pending: int | None = None,
        memory_mb: int | None = None,
        settings: Settings | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.settings = settings or current()
        self.workers = workers
        self.memory_mb = self.settings.memory_limit_mb if memory_mb is None else memory_mb
        self.timeout_s = timeout_s = self.settings.document_timeout_s if timeout_s is None else timeout_s
        self.max_pending = max_pending
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._queue: queue.PriorityQueue[tuple[int, int, Any, Any]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._lock = threading.Lock()
        self._admission = Admission(max_pending, retry_after_s=max(1, round(timeout_s / 4)))
        self._closed = False
        self._processes: dict[int, multiprocessing.process.BaseProcess] = {}
        """Each slot's reader process, while it has one."""
        self._slots = [
            threading.Thread(target=self._slot, args=(i,), name=f"reader-{i}", daemon=True) for i in range(workers)
        ]
        for slot in self._slots:
            slot.start()

    def submit(self, job: Job, *, priority: int = INTERACTIVE, wait: bool = True) -> Future[LetterResult]:
        """Queue a document; its future gives its result, failures included (it never raises).

        ``future.cancel()`` drops the document if no reader has taken it yet.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is closed")
        self._admission.enter(priority, wait=wait)
        future = self._admission.admitted(priority)
        self._queue.put((priority, next(self._order), job, future))
        return future

    @property
    def alive(self) -> int:
        """Reader processes running now.

        Each starts with its slot's first document and is replaced after a crash or a time-out: fewer than
        :attr:`workers` while idle or replacing is normal. Asked from another thread (a scrape), it only looks at
        each process's sentinel, never reaps one: that is its slot's work.
        """
        processes = list(self._processes.values())
        ended = set(wait([process.sentinel for process in processes], timeout=0))
        return sum(process.sentinel not in ended for process in processes)

    def close(self) -> None:
        """Finish the queued documents, then stop every process."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        for _ in self._slots:
            self._queue.put((99, next(self._order), _STOP, None))
        for slot in self._slots:
            slot.join()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> tuple[multiprocessing.process.BaseProcess, Connection]:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_work, args=(child, self.workers == 1, self.memory_mb, self.settings), daemon=True
        )
        process.start()
        child.close()
        try:
            ready = parent.poll(STARTUP_TIMEOUT_S) and parent.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            _kill(process, parent)
            raise EOFError("the reader process did not start")
        return process, parent

    def _slot(self, index: int) -> None:
        process: multiprocessing.process.BaseProcess | None = None
        conn: Connection | None = None
        try:
            while True:
                priority, _, job, future = self._queue.get()
                if job is _STOP:
                    return
                if not future.set_running_or_notify_cancel():  # cancelled while it waited: its place is freed
                    log.debug("document %s was cancelled before its turn: not read", job.ref)
                    continue
                if process is None:
                    try:
                        process, conn = self._start()
                        self._processes[index] = process
                    except (EOFError, OSError):
                        log.exception("a reader process failed to start")
                        self._admission.leave(priority)
                        future.set_result(LetterResult.failed(job.label, InternalError("The reader failed to start.")))
                        process = conn = None
                        continue
                assert conn is not None
                result, healthy = self._read(process, conn, job)
                if not healthy:
                    _kill(process, conn)
                    self._processes.pop(index, None)
                    process = conn = None
                self._admission.leave(priority)
                future.set_result(result)
        finally:
            if process is not None and conn is not None:
                conn.close()  # the worker sees the pipe close and returns
                process.join(5)
                _kill(process, conn)
                self._processes.pop(index, None)

    def _read(
        self, process: multiprocessing.process.BaseProcess, conn: Connection, job: Job
    ) -> tuple[LetterResult, bool]:
        """The job's result, and whether the process is fit for the next one."""
        try:
            conn.send(job)
            if conn.poll(self.timeout_s):
                return conn.recv(), True
        except (EOFError, OSError):
            log.warning("a reader process died on document %s", job.ref)
            died = InternalError("The reader process died on this document (a crash, or out of memory).")
            return LetterResult.failed(job.label, died), False
        log.warning("document %s passed the %g s limit: its reader was stopped", job.ref, self.timeout_s)
        message = (
            f"Reading this document took longer than {self.timeout_s:g} s and was stopped: "
            "photograph the page flat and closer, or send fewer pages."
        )
        return LetterResult.failed(job.label, DocumentTimeout(message)), False


def _kill(process: multiprocessing.process.BaseProcess, conn: Connection) -> None:
    conn.close()
    if process.is_alive():
        process.kill()
    process.join()
