"""Reading in the calling process: for one document, or ``--jobs 1``, where a reader process would only cost.

Starting a reader process (a fork server, its imports, the OCR model) costs more than reading a digital PDF.
When a command reads its documents one at a time anyway, they are read here, under the same limits as in a
reader: the address-space cap (``memory_limit_mb``, set on this process once) and the document's time limit
(``document_timeout_s``), enforced by an interval timer whose signal stops the reading between two Python steps.
A page stuck inside Tesseract is stopped by Tesseract's own page time limit (``page_timeout_s``) and returns to
Python, where the timer's signal ends the document. A document that crashes the process itself is the one case
a reader process would have survived: a command reading many documents at once uses reader processes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Future

from cpam_reader.base.errors import DocumentTimeout
from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import Settings, current
from cpam_reader.jobs.job import INTERACTIVE, Admission, Admitting, Job, limit_memory, read_safely


class TimeUp(BaseException):
    """Raised inside the reading when its document's time is up (a BaseException: no ``except Exception`` eats it)."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeUp` in this thread after ``seconds``; only the main thread can be interrupted so."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def up(_signum: int, _frame: object) -> None:
        raise TimeUp()

    previous = signal.signal(signal.SIGALRM, up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class InlineRunner(Admitting):
    """A runner that reads each document when it is submitted, in this process (see the module docstring)."""

    def __init__(self, timeout_s: float | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or current()
        self.timeout_s = self.settings.document_timeout_s if timeout_s is None else timeout_s
        self._admission = Admission(None, retry_after_s=1)
        os.environ["OMP_THREAD_LIMIT"] = "1"  # as in a reader: Tesseract's threads slow it down
        limit_memory(self.settings.memory_limit_mb)

    @property
    def workers(self) -> int:
        return 1

    @property
    def alive(self) -> int | None:
        return 1

    def submit(self, job: Job, *, priority: int = INTERACTIVE, wait: bool = True) -> Future[LetterResult]:
        future: Future[LetterResult] = Future()
        self._admission.enter(priority, wait=True)
        try:
            with time_limit(self.timeout_s):
                result = read_safely(
                    job.source, job.debug_dir, name=job.name, ref=job.ref, time_limit=TimeUp, settings=self.settings
                )
        except TimeUp:  # the timer fired just as the reading ended, before it was stopped
            result = LetterResult.failed(job.label, DocumentTimeout())
        finally:
            self._admission.leave(priority)
        future.set_result(result)
        return future

    def close(self) -> None:
        pass

    def __enter__(self) -> InlineRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
