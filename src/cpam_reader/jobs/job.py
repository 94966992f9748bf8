r"""What every runner shares: the job, its priority, the count of documents admitted, and reading one safely.

The local reader processes (:mod:`~cpam_reader.jobs.local`) and the Celery workers (:mod:`~cpam_reader.jobs.celery`)
read a document the same way, in a process made a reader by :func:`init_worker` and capped by :func:`limit_memory`,
through :func:`read_safely`, which turns every failure into a result; the interfaces make :class:`Job`\ s and
give them a priority.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import os
import resource
import threading
from concurrent.futures import Future
from pathlib import Path

from cpam_reader.base.errors import Busy, CpamReaderError, DocumentTimeout, InternalError, TooLarge
from cpam_reader.base.logconfig import new_ref
from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import Settings, current
from cpam_reader.load.loaders import Source
from cpam_reader.pipeline import read_letter

log = logging.getLogger(__name__)

INTERACTIVE, BATCH = 0, 1
"""Priorities: lower goes first."""
SMALLER = "send a smaller file or fewer pages."


@dataclasses.dataclass(frozen=True)
class Job:
    """One document to read: a path every worker can open, or the bytes themselves.

    ``name`` becomes the result's ``source``; the logs name the document by ``ref`` only (never by its name, which
    may hold a person's name or number: see :mod:`cpam_reader.base.logconfig`).
    """

    source: str | bytes
    name: str | None = None
    debug_dir: Path | None = None
    ref: str = dataclasses.field(default_factory=new_ref)

    @property
    def label(self) -> str:
        return self.name or (self.source if isinstance(self.source, str) else "<bytes>")


def read_safely(
    source: Source,
    debug_dir: Path | None = None,
    *,
    name: str | None = None,
    ref: str | None = None,
    time_limit: type[BaseException] | tuple[type[BaseException], ...] = (),
    settings: Settings | None = None,
) -> LetterResult:
    """Read one document; every failure becomes a result carrying its error.

    ``ref``: what the logs call the document (see :class:`Job`). ``time_limit``: the exception a supervisor raises
    inside the reading when its time is up (Celery's soft limit); it ends as ``document_timeout``.
    """
    label = name or (str(source) if isinstance(source, str | os.PathLike) else "<bytes>")
    try:
        return read_letter(source, name=name, ref=ref, debug_dir=debug_dir, settings=settings)
    except CpamReaderError as exc:
        return LetterResult.failed(label, exc)
    except time_limit:
        return LetterResult.failed(label, DocumentTimeout())
    except MemoryError:
        # The reader's memory cap (limit_memory) stopped it: the document, not the machine, is the problem.
        return LetterResult.failed(label, TooLarge("Reading this document needs more memory than allowed: " + SMALLER))
    except Exception as exc:  # a bug or a library failure must not stop the batch
        log.exception("unexpected failure on document %s", ref or "-")
        return LetterResult.failed(label, InternalError(f"Unexpected failure ({type(exc).__name__})."))


def init_worker(alone: bool = False, settings: Settings | None = None) -> None:
    """Make this process a reader, its OCR model loaded before the first document.

    Parallelism comes from processes: Tesseract's OpenMP threads are always off (they make it slower for the same
    text), and OpenCV's too when other readers share the cores (``alone=False``).
    """
    import cv2  # a reader reads scans: OpenCV, numpy and the OCR engine are loaded here, not by importing jobs
    import numpy as np

    from cpam_reader.image.ocr import default_engine

    os.environ["OMP_THREAD_LIMIT"] = "1"
    if not alone:
        cv2.setNumThreads(1)
    blank = np.full((32, 32), 255, np.uint8)
    with contextlib.suppress(CpamReaderError):  # no Tesseract: each document will say so in its own result
        settings = settings or current()
        default_engine(settings.ocr, settings.page_timeout_s).read(blank)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space: past it, allocations fail (MemoryError) instead of the machine swapping."""
    if megabytes > 0:
        size = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


class Admission:
    """Documents queued or being read, per priority, and the bound past which a runner answers :class:`Busy`.

    ``max_pending`` bounds each priority alone, so that a running batch never turns an applicant away.
    """

    def __init__(self, max_pending: int | None, retry_after_s: int) -> None:
        self.max_pending = max_pending
        self.retry_after_s = retry_after_s
        self._lock = threading.Lock()
        self._counts: collections.Counter[int] = collections.Counter()

    @property
    def total(self) -> int:
        return sum(self._counts.values())

    def at(self, priority: int) -> int:
        return self._counts[priority]

    def enter(self, priority: int, *, wait: bool) -> None:
        """Count one more document; with ``wait=False``, refuse it when its priority is full."""
        with self._lock:
            if not wait and self.max_pending is not None and self._counts[priority] >= self.max_pending:
                raise Busy(retry_after_s=self.retry_after_s)
            self._counts[priority] += 1

    def leave(self, priority: int) -> None:
        with self._lock:
            self._counts[priority] -= 1

    def admitted(self, priority: int) -> Future[LetterResult]:
        """A new future for a document just admitted: cancelling it gives its place back at once."""
        future: Future[LetterResult] = Future()
        future.add_done_callback(lambda done: self.leave(priority) if done.cancelled() else None)
        return future


class Admitting:
    """A runner that counts what it admits in an :class:`Admission` (its ``pending`` and ``pending_at``)."""

    _admission: Admission

    @property
    def pending(self) -> int:
        """Documents queued or being read."""
        return self._admission.total

    def pending_at(self, priority: int) -> int:
        """Documents of this priority queued or being read."""
        return self._admission.at(priority)
