"""The watch folder's durable record of results: ``results.jsonl``, the truth, and ``results.csv``, its copy.

Each document read is one JSON line, ``{"document_id": ..., **result.to_dict()}``, and one CSV row with
``document_id`` as its first column. A line is written in one ``write`` and made durable (``fsync``) before the
watch folder moves the original out of the inbox: a document is either recorded or still in the inbox, never
neither (the way peers lose documents, paperless-ngx #3077 and #2396).

A process killed at any instant leaves at worst a torn last JSON line (that document was never recorded: it is
truncated away and read again) or a CSV behind or ahead of the JSON lines (rebuilt from them). Both are mended
when the journal opens, before anything else is written.

Documents are named by a keyed hash of their bytes (HMAC-SHA256), the key made on the first run and kept beside
the results (``.cpam-reader-key``, mode 0600): a bare hash would let anyone holding a copy of a letter find out
whether it was read here (the privacy rule). One process at a time writes an output folder (a lock file).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import hashlib
import hmac
import io
import json
import logging
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cpam_reader.base.errors import JournalError
from cpam_reader.base.result import LetterResult
from cpam_reader.interfaces.output import CSV_COLUMNS, csv_row

JSONL_NAME = "results.jsonl"
CSV_NAME = "results.csv"
KEY_NAME = ".cpam-reader-key"
LOCK_NAME = ".cpam-reader-lock"
COLUMNS = ("document_id", *CSV_COLUMNS)

log = logging.getLogger(__name__)


Record = dict[str, Any]
"""One JSON line: ``document_id`` first, then the fields of :meth:`LetterResult.to_dict`."""


def record_of(document_id: str, result: LetterResult) -> Record:
    return {"document_id": document_id, **result.to_dict()}


def json_line(record: Record) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def csv_lines(records: Iterable[Record], *, header: bool = False) -> str:
    """The CSV rows of these records (``csv_row`` of :mod:`cpam_reader.interfaces.output`, after their id)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    for record in records:
        writer.writerow({"document_id": record["document_id"], **csv_row(record)})
    return buffer.getvalue()


def parse_jsonl(data: bytes) -> tuple[list[Record], int]:
    """The records of a ``results.jsonl``, and how many of its bytes to keep (a torn last line dropped).

    Only the last line can be torn by a kill; a bad line before it is damage that no kill makes.

    >>> parse_jsonl(b'{"document_id": "a1"}\\n{"document_id": "b2", "sou')
    ([{'document_id': 'a1'}], 22)
    >>> parse_jsonl(b'{"document_id": "a1"}\\n\\x00\\x00\\n')  # a power cut can leave zeros
    ([{'document_id': 'a1'}], 22)
    """
    records: list[Record] = []
    keep = 0
    lines = data.split(b"\n")
    for number, line in enumerate(lines[:-1], start=1):  # the piece after the last newline is torn (or empty)
        record = _record(line)
        if record is None:
            if number == len(lines) - 1:
                break
            raise JournalError(
                f"{JSONL_NAME} line {number} is not a result: repair or remove that line by hand, then restart"
            )
        records.append(record)
        keep += len(line) + 1
    return records, keep


def _record(line: bytes) -> Record | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("document_id"), str) else None


@contextlib.contextmanager
def open_journal(folder: Path) -> Iterator[Journal]:
    """The journal of an output folder, locked against a second writer for as long as it is open."""
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise JournalError(f"another process is writing to {folder}") from None
        except OSError as exc:  # some network shares cannot lock: say so, and go on
            log.warning("%s cannot be locked (%s): run only one watch on it", folder, exc.strerror)
        yield Journal(folder, load_key(folder))
    finally:
        os.close(fd)  # the lock goes with it, and with the process when it is killed


class Journal:
    """The two results files of one output folder, mended on opening, appended to by a single writer."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self._key = key
        self.folder = folder
        self.jsonl = folder / JSONL_NAME
        self.csv = folder / CSV_NAME
        records = self._mend()
        self.recorded: dict[str, Mapping[str, str] | None] = {}
        """Each recorded document's id, and its error (``{"code", "message"}``) or None."""
        for record in records:
            self.recorded.setdefault(record["document_id"], record.get("error"))

    def hasher(self) -> hmac.HMAC:
        """Feed it a document's bytes: its ``hexdigest()`` is the document's id."""
        return hmac.new(self._key, digestmod=hashlib.sha256)

    def name_id(self, name: str) -> str:
        """What the logs call an inbox file not read (yet): a keyed hash of its name, never the name itself."""
        return hmac.new(self._key, b"name:" + name.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()[:12]

    def append(self, document_id: str, result: LetterResult) -> None:
        """Record one document durably: its JSON line, then its CSV row, each written once and fsynced."""
        record = record_of(document_id, result)
        _append(self.jsonl, json_line(record))
        _append(self.csv, csv_lines([record]).encode("utf-8"))
        self.recorded[document_id] = record["error"]

    def _mend(self) -> list[Record]:
        data = self.jsonl.read_bytes() if self.jsonl.exists() else b""
        records, keep = parse_jsonl(data)
        if keep < len(data):
            log.warning("%s: an unfinished last line removed (its letter is read again)", JSONL_NAME)
            with open(self.jsonl, "r+b") as stream:
                stream.truncate(keep)
                os.fsync(stream.fileno())
        elif not self.jsonl.exists():
            _append(self.jsonl, b"")
        expected = csv_lines(records, header=True).encode("utf-8")
        if not self.csv.exists() or self.csv.read_bytes() != expected:
            if self.csv.exists():
                log.warning("%s: rebuilt from %s (it did not hold the same letters)", CSV_NAME, JSONL_NAME)
            replace_durably(self.csv, expected, mode=0o600)
        return records


def load_key(folder: Path) -> bytes:
    """The secret key naming this output folder's documents, made on the first run (mode 0600)."""
    path = folder / KEY_NAME
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        results = folder / JSONL_NAME
        if results.exists() and results.stat().st_size > 0:  # a new key would give every letter a new id
            raise JournalError(
                f"{path} is missing but {results} has results: restore it, or use a new folder"
            ) from None
        key = secrets.token_bytes(32)
        replace_durably(path, key.hex().encode() + b"\n", mode=0o600)
        return key
    with open(fd, encoding="ascii", errors="replace") as stream:
        text = stream.read().strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise JournalError(f"{path} is not a key made by cpam-reader: restore it, or use a new folder")
    return key


def _append(path: Path, data: bytes) -> None:
    created = not path.exists()
    _write_synced(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600), data)  # numbers
    if created:
        fsync_dir(path.parent)


def _write_synced(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd``, synced to disk, then ``fd`` closed."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Put ``data`` at ``path`` whole or not at all: a temporary file beside it, fsynced, renamed over it.

    ``mode``: the file's permissions (default: as the umask says).
    """
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666 if mode is None else mode)
    if mode is not None:
        os.fchmod(fd, mode)  # a temporary left by a killed run kept the mode it was made with
    _write_synced(fd, data)
    os.replace(temporary, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make the entries of a folder (a file created, renamed or removed) survive a power cut.

    Some network file systems cannot sync a folder (EINVAL): there the entries are as safe as they make them.
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)
