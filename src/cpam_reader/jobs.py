"""Running many documents: a local process pool, one document never stopping the others.

Each worker process reads one document at a time with a single-threaded Tesseract; on these 2-core machines
processes scale, OCR threads do not. A document that fails becomes a result with its error; a worker that
dies (out of memory, a crash in a native library) is replaced and the documents it held are retried one by
one, so only the guilty one is marked failed.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import cv2
import numpy as np

from cpam_reader.errors import CpamReaderError, InternalError
from cpam_reader.ocr import default_engine
from cpam_reader.pipeline import read_letter
from cpam_reader.result import LetterResult

log = logging.getLogger(__name__)


def read_safely(path: str, debug_dir: Path | None = None) -> LetterResult:
    """Read one document; every failure becomes a result carrying its error."""
    try:
        return read_letter(path, debug_dir=debug_dir)
    except CpamReaderError as exc:
        return LetterResult.failed(path, exc)
    except Exception as exc:  # a bug or a library failure must not stop the batch
        log.exception("unexpected failure on document %s", Path(path).name)
        return LetterResult.failed(path, InternalError(f"Unexpected failure ({type(exc).__name__})."))


def init_worker() -> None:
    """Make this process one of several single-threaded readers, its OCR model loaded before the first document.

    Parallelism comes from processes: OpenMP and OpenCV threads inside each would only fight over the cores.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)
    blank = np.full((32, 32), 255, np.uint8)
    with contextlib.suppress(CpamReaderError):  # no Tesseract: each document will say so in its own result
        default_engine().read(blank)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_documents(
    paths: Sequence[str],
    jobs: int = 1,
    on_done: Callable[[LetterResult], None] | None = None,
    debug_dir: Path | None = None,
) -> Iterator[LetterResult]:
    """Read every document, yielding results in input order; ``on_done`` sees each as soon as it is ready.

    ``debug_dir``: each document's pre-processing stages are written there as images.
    """
    notify = on_done or (lambda result: None)
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            result = read_safely(path, debug_dir)
            notify(result)
            yield result
        return
    results: dict[int, LetterResult] = {}
    pending = list(range(len(paths)))
    workers = min(jobs, len(paths))
    next_out = 0
    while pending:
        with ProcessPoolExecutor(max_workers=workers, initializer=init_worker) as pool:
            futures: dict[int, Future[LetterResult]] = {
                i: pool.submit(read_safely, paths[i], debug_dir) for i in pending
            }
            for i, future in futures.items():
                try:
                    results[i] = future.result()
                except BrokenProcessPool:
                    break
                notify(results[i])
                while next_out in results:
                    yield results[next_out]
                    next_out += 1
        unfinished = [i for i in pending if i not in results]
        if unfinished and workers == 1:
            # The one document held by a lone worker that died is the guilty one.
            results[unfinished[0]] = LetterResult.failed(
                paths[unfinished[0]], InternalError("The reader process died on this document.")
            )
            notify(results[unfinished[0]])
        pending = [i for i in pending if i not in results]
        workers = 1
        while next_out in results:
            yield results[next_out]
            next_out += 1
