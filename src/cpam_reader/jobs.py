"""Running many documents: reader processes, one document never stopping the others.

Each worker process reads one document at a time with a single-threaded Tesseract; on these 2-core machines
processes scale, OCR threads do not. A document that fails, hangs past the time limit or kills its process
becomes a result with its error (:mod:`cpam_reader.pool`); the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path

from cpam_reader.pool import DEFAULT_TIMEOUT_S, Job, ReaderPool
from cpam_reader.result import LetterResult


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_documents(
    paths: Sequence[str],
    jobs: int = 1,
    on_done: Callable[[LetterResult], None] | None = None,
    debug_dir: Path | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> Iterator[LetterResult]:
    """Read every document, yielding results in input order; ``on_done`` sees each as soon as it is ready.

    ``debug_dir``: each document's pre-processing stages are written there as images. ``timeout_s``: the most
    one document may take before its reader is stopped.
    """
    if not paths:
        return
    with ReaderPool(min(jobs, len(paths)), timeout_s=timeout_s) as pool:
        futures: list[Future[LetterResult]] = []
        for path in paths:
            future = pool.submit(Job(path, debug_dir=debug_dir))
            if on_done:
                future.add_done_callback(lambda done: on_done(done.result()))
            futures.append(future)
        for future in futures:
            yield future.result()
