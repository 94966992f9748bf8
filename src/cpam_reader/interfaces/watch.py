"""The watch folder: every letter a scanner drops into a folder read once, recorded durably, never lost.

Peers lose documents where a file leaves the inbox before its result is safe (paperless-ngx #3077, #2396).
Here one rule holds at every instant, ``kill -9`` included: a document is in the inbox, or its result is in
``results.jsonl`` (fsynced), or both; it leaves the inbox only after. For each file, in this order:

1. it is taken once its size and modification time stayed the same for ``settle_s`` (the folder is polled:
   file events are missed on SMB and NFS shares);
2. its bytes are read once and named by a keyed hash (HMAC-SHA256 under a key kept in the output folder, so the
   id of a letter cannot be recomputed by whoever has a copy of it), then sent to the runner: bytes, not a path,
   since a Celery worker may be on another machine;
3. its result is appended to the journal (:mod:`cpam_reader.interfaces.journal`) by this thread alone;
4. the original moves to ``processed/`` or, unreadable, to ``failed/`` beside its ``<name>.error.json``.

A restart finds any file whose id is already recorded (killed between 3 and 4, or the same letter dropped
twice) and only moves it, without a second result. Symbolic links and special files are refused and left in
place; files still being written (hidden, ``~…``, ``.tmp``, ``.part``, ``.crdownload``) are ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hmac
import json
import logging
import os
import shutil
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path
from typing import Any, BinaryIO

from cpam_reader.base.errors import EngineError, InternalError, JournalError, TooLarge, WatchError
from cpam_reader.base.result import LetterResult
from cpam_reader.interfaces.journal import Journal, fsync_dir, open_journal, replace_durably
from cpam_reader.jobs.base import Runner
from cpam_reader.jobs.job import BATCH, Job
from cpam_reader.jobs.metrics import Metrics

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024 * 1024
"""Files larger than this (200 MB) are not read: a letter is a few pages, this is a mistake or an attack."""
PROCESSED, FAILED = "processed", "failed"
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload")
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
"""Never through a link; a special file swapped in after the listing must not block the open."""

Signature = tuple[int, int]
"""A file's (st_size, st_mtime_ns): while it changes, the file is still being written."""


def ignored(name: str) -> bool:
    """Whether a name is a file still being written (or hidden): never taken, never reported.

    >>> [ignored(n) for n in ("letter.pdf", ".DS_Store", "~scan.pdf", "scan.PDF.part", "x.crdownload")]
    [False, True, True, True, True]
    """
    return name.startswith((".", "~")) or name.lower().endswith(IGNORED_SUFFIXES)


@dataclasses.dataclass(frozen=True)
class Seen:
    signature: Signature
    since: float
    """When (monotonic seconds) the file was first seen with this signature."""


def settle(
    seen: Mapping[str, Seen], listing: Mapping[str, Signature], now: float, settle_s: float
) -> tuple[dict[str, Seen], list[str]]:
    """What is known of the files of a new listing, and the names that stopped changing, oldest first.

    >>> seen, ready = settle({}, {"a.pdf": (10, 1)}, now=0.0, settle_s=2)
    >>> ready
    []
    >>> settle(seen, {"a.pdf": (10, 1), "b.pdf": (5, 0)}, now=2.5, settle_s=2)[1]
    ['a.pdf']
    >>> settle(seen, {"a.pdf": (20, 3)}, now=2.5, settle_s=2)[1]  # it grew: it waits again
    []
    """
    known = {
        name: previous if (previous := seen.get(name)) and previous.signature == signature else Seen(signature, now)
        for name, signature in listing.items()
    }
    ready = [name for name, entry in known.items() if now - entry.since >= settle_s]
    return known, sorted(ready, key=lambda name: (listing[name][1], name))


def free_name(name: str, document_id: str, is_free: Callable[[str], bool]) -> str:
    """The name a file takes in ``processed/`` or ``failed/``: its own, else prefixed with its id's start.

    >>> free_name("scan.pdf", "0badcafe99", lambda n: n not in {"scan.pdf", "0badcafe-scan.pdf"})
    '0badcafe-2-scan.pdf'
    """
    prefix = document_id[:8]
    candidates = [name, f"{prefix}-{name}"]
    number = 2
    while True:
        for candidate in candidates:
            if is_free(candidate):
                return candidate
        candidates = [f"{prefix}-{number}-{name}"]
        number += 1


def error_note(error: Mapping[str, str]) -> bytes:
    """The content of ``failed/<name>.error.json``."""
    return (json.dumps({"code": error["code"], "message": error["message"]}, ensure_ascii=False) + "\n").encode()


@dataclasses.dataclass(frozen=True)
class Taken:
    """A file read from the inbox: what it was when read, and its id."""

    name: str
    signature: Signature
    document_id: str

    @property
    def ref(self) -> str:
        """What the logs call it: its id's start (``document_id`` in ``results.jsonl``), never its file name."""
        return self.document_id[:12]


class Watcher:
    """The state of one watch: what was seen in the inbox, what is being read, what is recorded."""

    def __init__(
        self, inbox: Path, out: Path, runner: Runner, journal: Journal, metrics: Metrics | None = None
    ) -> None:
        self.inbox, self.out, self.runner, self.journal = inbox, out, runner, journal
        self.metrics = metrics or Metrics()
        self.seen: dict[str, Seen] = {}
        self.refused: set[str] = set()
        self.set_aside: dict[str, Signature] = {}
        """Files that could not be opened or moved: left alone until they change or the watch restarts."""
        self.in_flight: dict[Future[LetterResult], Taken] = {}
        self.stop = threading.Event()

    def run(self, *, interval_s: float, settle_s: float, once: bool) -> None:
        """Take settled files as reading slots free up, record results as they come, until stopped."""
        limit = 2 * max(1, self.runner.workers)
        ready: list[str] = []
        waiting = True
        next_scan = time.monotonic()
        announced = False
        while True:
            now = time.monotonic()
            if self.stop.is_set() and not announced:
                log.info("stopping: finishing the %d letters being read", len(self.in_flight))
                announced = True
            if not self.stop.is_set() and now >= next_scan:
                ready, waiting = self.scan(now, settle_s)
                next_scan = now + interval_s
            while ready and len(self.in_flight) < limit and not self.stop.is_set():
                self.take(ready.pop(0))
            if not self.in_flight:
                if self.stop.is_set() or (once and not waiting):
                    return
                self.stop.wait(max(0.0, next_scan - time.monotonic()))
                continue
            timeout = interval_s if self.stop.is_set() else max(0.0, next_scan - time.monotonic())
            done, _ = wait(self.in_flight, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in done:
                taken = self.in_flight.pop(future)
                self.finish(taken, _outcome(future, taken))

    def scan(self, now: float, settle_s: float) -> tuple[list[str], bool]:
        """The settled files to take, and whether any file is still to be dealt with."""
        listing: dict[str, Signature] = {}
        refused: dict[str, str] = {}
        with os.scandir(self.inbox) as entries:
            for entry in entries:
                if ignored(entry.name):
                    continue
                with contextlib.suppress(FileNotFoundError):
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode):
                        listing[entry.name] = (info.st_size, info.st_mtime_ns)
                    else:
                        refused[entry.name] = _kind(info.st_mode)
        for name in refused.keys() - self.refused:
            log.warning("inbox entry %s: refused, %s: left in place", self.journal.name_id(name), refused[name])
        self.refused = set(refused)
        self.set_aside = {n: s for n, s in self.set_aside.items() if listing.get(n) == s}
        for name in self.set_aside:
            del listing[name]
        self.seen, ready = settle(self.seen, listing, now, settle_s)
        reading = {taken.name for taken in self.in_flight.values()}
        return [name for name in ready if name not in reading], bool(listing)

    def take(self, name: str) -> None:
        """Read one settled file and send it to be read, or file it away at once when its id is known."""
        if name not in self.seen:
            return
        signature = self.seen[name].signature
        try:
            fd = os.open(self.inbox / name, _OPEN_FLAGS)
        except FileNotFoundError:
            return
        except OSError as exc:
            self._set_aside(name, signature, f"cannot be opened ({exc.strerror})")
            return
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return  # swapped for something else since the listing: the next scan says what
            data, document_id = _read(stream, self.journal.hasher(), info.st_size)
            if (info.st_size, info.st_mtime_ns) != signature or _signature(os.fstat(fd)) != signature:
                self.seen.pop(name, None)  # written to again: it must settle anew
                return
        taken = Taken(name, signature, document_id)
        if document_id in self.journal.recorded:
            self.file_away(taken, self.journal.recorded[document_id], again=True)
        elif any(other.document_id == document_id for other in self.in_flight.values()):
            log.info("letter %s: same content as a letter being read: taken once that one is recorded", taken.ref)
        elif data is None:
            too_large = TooLarge(f"The file is larger than {MAX_BYTES >> 20} MB: send the letter alone, fewer pages.")
            self.finish(taken, LetterResult.failed(name, too_large))
        else:
            self.in_flight[self.runner.submit(Job(data, name=name, ref=taken.ref), priority=BATCH)] = taken
            log.info("letter %s: reading", taken.ref)

    def finish(self, taken: Taken, result: LetterResult) -> None:
        """Record a result durably, then move its original out of the inbox."""
        if self.stop.is_set() and isinstance(result.error, EngineError):
            # Stopping: the readers may have been stopped too (a Ctrl-C or systemd reaches every process). The
            # letter is likely fine: it stays in the inbox, to be read at the next start.
            log.warning("letter %s: not recorded (%s while stopping): left in the inbox", taken.ref, result.error.code)
            return
        self.journal.append(taken.document_id, result)
        self.metrics.observe(result, BATCH)
        if result.error:
            log.info("letter %s: recorded as unreadable (%s)", taken.ref, result.error.code)
        else:
            found = "number found" if result.nir else "no number"
            log.info("letter %s: recorded (%s, %s)", taken.ref, result.letter_type, found)
        self.file_away(taken, result.error.to_dict() if result.error else None, again=False)

    def file_away(self, taken: Taken, error: Mapping[str, str] | None, *, again: bool) -> None:
        """Move a recorded file to ``processed/`` or ``failed/`` (its error beside it), unless it changed."""
        path = self.inbox / taken.name
        try:
            now = _signature(os.lstat(path))
        except FileNotFoundError:
            log.warning("letter %s: gone from the inbox before it was moved (its result is recorded)", taken.ref)
            return
        if now != taken.signature:
            log.warning("letter %s: changed after it was read: left in the inbox, to be read again", taken.ref)
            self.seen.pop(taken.name, None)
            return
        folder = self.out / (FAILED if error else PROCESSED)
        note = error_note(error) if error else None
        target = free_name(taken.name, taken.document_id, lambda name: _is_free(folder, name, note))
        try:
            if note is not None:
                replace_durably(folder / f"{target}.error.json", note)
            move(path, folder / target)
        except OSError as exc:
            self._set_aside(taken.name, taken.signature, f"cannot be moved to {folder.name}/ ({exc.strerror})")
            return
        log.info("letter %s: %smoved to %s/", taken.ref, "already recorded, " if again else "", folder.name)

    def _set_aside(self, name: str, signature: Signature, why: str) -> None:
        ref = self.journal.name_id(name)
        log.error("inbox file %s: %s: left in the inbox until it changes or the watch restarts", ref, why)
        self.set_aside[name] = signature


def _outcome(future: Future[LetterResult], taken: Taken) -> LetterResult:
    try:
        return future.result()
    except Exception as exc:  # a runner's promise broken must not stop the watch: record it as a failure
        log.exception("letter %s: the reader's future failed", taken.ref)
        return LetterResult.failed(taken.name, InternalError(f"The reader failed ({type(exc).__name__})."))


def _signature(info: os.stat_result) -> Signature:
    return info.st_size, info.st_mtime_ns


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder (only the inbox's top level is watched)"
    return "not a regular file"


def _read(stream: BinaryIO, digest: hmac.HMAC, size: int) -> tuple[bytes | None, str]:
    """The file's bytes (None past :data:`MAX_BYTES`: only hashed, a chunk at a time) and its id."""
    if size <= MAX_BYTES:
        data = stream.read()
        digest.update(data)
        return data, digest.hexdigest()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return None, digest.hexdigest()


def _is_free(folder: Path, name: str, note: bytes | None) -> bool:
    """A name is free when nothing has it, and its error note is absent or ours (written before a kill)."""
    if os.path.lexists(folder / name):
        return False
    if note is None:
        return True
    beside = folder / f"{name}.error.json"
    return not os.path.lexists(beside) or (beside.is_file() and beside.read_bytes() == note)


def move(source: Path, target: Path) -> None:
    """Move a file durably: a rename, or across file systems a copy made durable before the original goes."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        partial = target.with_name(f".{target.name}.part")
        with open(os.open(source, _OPEN_FLAGS), "rb") as src, open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        shutil.copystat(source, partial, follow_symlinks=False)
        os.replace(partial, target)
        fsync_dir(target.parent)
        os.unlink(source)
    fsync_dir(target.parent)
    fsync_dir(source.parent)


def _check_folders(inbox: Path, out: Path) -> tuple[Path, Path]:
    if not inbox.is_dir():
        raise WatchError(f"the inbox {inbox} does not exist or is not a folder")
    inbox, out = inbox.resolve(), out.resolve()
    if out == inbox or inbox in out.parents:
        raise WatchError(f"the output folder {out} must not be the inbox or inside it: choose a folder beside it")
    if any(inbox == out / sub or out / sub in inbox.parents for sub in (PROCESSED, FAILED)):
        raise WatchError(f"the inbox {inbox} must not be the output folder's {PROCESSED}/ or {FAILED}/")
    if out.exists() and not out.is_dir():
        raise WatchError(f"the output folder {out} is a file")
    for folder in (out, out / PROCESSED, out / FAILED):
        folder.mkdir(parents=True, exist_ok=True)
    fsync_dir(out)
    return inbox, out


@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT ask for a graceful stop (only the main thread can receive signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def request_stop(signum: int, frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def watch_folder(
    inbox: Path,
    out: Path,
    runner: Runner,
    *,
    interval_s: float = 2.0,
    settle_s: float = 2.0,
    once: bool = False,
    metrics: Metrics | None = None,
) -> None:
    """Read every letter dropped into ``inbox``, recording results in ``out``, until SIGTERM or SIGINT.

    ``once``: read what is in the inbox (each file once it has settled), then return. ``metrics``: where each
    letter recorded is counted.
    """
    inbox, out = _check_folders(inbox, out)
    with contextlib.ExitStack() as stack:
        try:
            journal = stack.enter_context(open_journal(out))
        except JournalError as exc:
            raise WatchError(str(exc)) from exc
        log.info("watching %s (%d letters already recorded in %s)", inbox, len(journal.recorded), out)
        watcher = Watcher(inbox, out, runner, journal, metrics)
        with _stop_on_signals(watcher.stop):
            watcher.run(interval_s=interval_s, settle_s=settle_s, once=once)
        log.info("stopped")
