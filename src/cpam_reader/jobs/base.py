"""How documents are run: one interface over local reader processes and Celery workers.

With no broker configured, documents go to :class:`~cpam_reader.jobs.local.ReaderPool`: reader processes on this
machine, nothing to install. With a broker (``--broker redis://...`` or ``CPAM_READER_BROKER``), they go to
Celery workers (``cpam-reader worker``) on any number of machines (:mod:`cpam_reader.jobs.celery`). Either way a
submitted document gives a future whose result is a :class:`LetterResult`, failures included: the CLI, the watch
folder and the web service do not know which one runs their documents.

Each worker process reads one document at a time with a single-threaded Tesseract; on these 2-core machines
processes scale, OCR threads do not. A document that fails, hangs past the time limit or kills its process
becomes a result with its error; the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import Settings, current
from cpam_reader.jobs.job import INTERACTIVE, Job


class Runner(Protocol):
    """Where documents are read: :class:`ReaderPool` here, or ``CeleryRunner`` on the workers of a broker."""

    @property
    def workers(self) -> int:
        """Reader processes behind the runner: keep about twice as many documents in flight to keep them busy."""

    def submit(self, job: Job, *, priority: int = INTERACTIVE, wait: bool = True) -> Future[LetterResult]: ...

    def pending_at(self, priority: int) -> int: ...

    @property
    def alive(self) -> int | None:
        """Reader processes running now on this machine; None when they run elsewhere (on Celery workers)."""

    @property
    def pending(self) -> int: ...

    def close(self) -> None: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


def broker_url(explicit: str | None = None, settings: Settings | None = None) -> str | None:
    """The broker to use: the one given, else the settings' (``CPAM_READER_BROKER``), else None (local readers)."""
    return explicit or (settings or current()).broker or None


def make_runner(
    workers: int,
    *,
    broker: str | None = None,
    timeout_s: float | None = None,
    max_pending: int | None = None,
    settings: Settings | None = None,
) -> Runner:
    """Local reader processes, or Celery workers when a broker is configured (see :func:`broker_url`).

    ``timeout_s``: the most one document may take (default ``settings.document_timeout_s``).
    """
    settings = settings or current()
    url = broker_url(broker, settings)
    if url:
        from cpam_reader.jobs.celery import CeleryRunner  # Celery loads only when a broker is used

        return CeleryRunner(url, timeout_s=timeout_s, max_pending=max_pending, settings=settings)
    from cpam_reader.jobs.local import ReaderPool  # the reader processes' machinery, when they are used

    return ReaderPool(workers, timeout_s=timeout_s, max_pending=max_pending, settings=settings)


def run_documents(
    paths: Sequence[str],
    jobs: int = 1,
    on_done: Callable[[LetterResult], None] | None = None,
    debug_dir: Path | None = None,
    timeout_s: float | None = None,
    broker: str | None = None,
    settings: Settings | None = None,
    in_process: bool = False,
) -> Iterator[LetterResult]:
    """Read every document, yielding results in input order; ``on_done`` sees each as soon as it is ready.

    ``debug_dir``: each document's pre-processing stages are written there as images (local runs only).
    ``timeout_s``: the most one document may take before its reader is stopped (default: the settings').
    ``in_process``: when the documents are read one at a time (one document, or ``jobs=1``) without a broker,
    read them in this process (:mod:`cpam_reader.jobs.inline`, which caps this process's memory): for a command
    that is itself the reader, not for a long-running one.
    """
    if not paths:
        return
    runner: Runner
    if in_process and min(jobs, len(paths)) == 1 and not broker_url(broker, settings):
        from cpam_reader.jobs.inline import InlineRunner

        runner = InlineRunner(timeout_s, settings)
    else:
        runner = make_runner(min(jobs, len(paths)), broker=broker, timeout_s=timeout_s, settings=settings)
    with runner:
        futures: list[Future[LetterResult]] = []
        for number, path in enumerate(paths, 1):  # logs say "document #3": the output's third, never its path
            future = runner.submit(Job(path, debug_dir=debug_dir, ref=f"#{number}"))
            if on_done:
                future.add_done_callback(lambda done: on_done(done.result()))
            futures.append(future)
        for future in futures:
            yield future.result()
