"""HR batches: documents sent together, read in the background, results kept for their owner until they expire.

Results hold social security numbers, so a batch is visible only to the client that made it, through any of its
keys (:mod:`cpam_reader.base.clients`; another client gets "not found", not "forbidden": the id's existence is
not confirmed), its id is unguessable, and it is deleted ``ttl_s`` after it finished, or at once on request.

A zip is unpacked in memory with bounds checked on the bytes actually read, not on what the archive declares:
members beyond the file count, or a total past the size cap (a zip bomb), refuse the batch; folder paths inside
it (``../../etc/passwd``) are reduced to the file's own name, which is only ever a label.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import secrets
import threading
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from cpam_reader.base.errors import BadRequest, BatchNotFound, CorruptFile, CpamReaderError, UploadTooLarge
from cpam_reader.base.result import LetterResult

if TYPE_CHECKING:
    from cpam_reader.interfaces.web.callbacks import Callback

ZIP_MAGIC = b"PK\x03\x04"
MAX_NAME = 150


def clean_name(name: str | None, fallback: str = "document") -> str:
    """An uploaded file's name made safe to show and store: its last path part, printable, at most 150 characters.

    >>> clean_name('../../etc/passwd'), clean_name('C:\\\\Users\\\\x\\\\lettre.pdf'), clean_name('\\x00\\n')
    ('passwd', 'lettre.pdf', 'document')
    >>> len(clean_name('é' * 400))
    150
    """
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    printable = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    return printable.strip()[:MAX_NAME] or fallback


def unpack_zip(
    data: bytes, max_files: int, max_bytes: int, max_file_bytes: int
) -> list[tuple[str, bytes | CpamReaderError]]:
    """The files of a zip archive as (name, bytes), folders and hidden files skipped.

    A member that cannot be extracted (encrypted, damaged) comes with its error instead of bytes: it becomes
    that document's result, and the others go on.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptFile("The zip archive is damaged: create it again.") from exc
    files: list[tuple[str, bytes | CpamReaderError]] = []
    total = 0
    for member in members:
        name = clean_name(member.filename)
        if name.startswith(".") or "__MACOSX" in member.filename:
            continue
        if len(files) >= max_files:
            raise BadRequest(f"The zip holds more than {max_files} files: split the batch.")
        try:
            with archive.open(member) as stream:
                content = stream.read(min(max_file_bytes, max_bytes - total) + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, zlib.error):
            files.append((name, CorruptFile("This file cannot be extracted from the zip (encrypted or damaged).")))
            continue
        total += len(content)
        if len(content) > max_file_bytes or total > max_bytes:
            raise UploadTooLarge(f"The zip unpacks to more than the batch limit of {max_bytes // (1024 * 1024)} MB.")
        files.append((name, content))
    if not files:
        raise BadRequest("The zip holds no files.")
    return files


@dataclasses.dataclass
class Batch:
    id: str
    owner: str
    names: list[str]
    created: float
    results: list[LetterResult | None]
    finished: float | None = None
    callback: Callback | None = None
    """Where to POST the summary when the batch finishes, and how that went (:mod:`.callbacks`)."""

    @property
    def ref(self) -> str:
        """What the logs call the batch (its documents: ``ref.index``): not its id, which opens its results."""
        return hashlib.sha256(self.id.encode()).hexdigest()[:8]

    @property
    def done(self) -> int:
        return sum(r is not None for r in self.results)

    def summary(self, ttl_s: float) -> dict[str, Any]:
        """The batch as the API shows it: progress, then every document's result (null while being read)."""
        failed = sum(r is not None and not r.ok for r in self.results)
        return {
            "id": self.id,
            "status": "done" if self.finished is not None else "running",
            "documents": len(self.names),
            "done": self.done,
            "failed": failed,
            "created": iso_time(self.created),
            "expires": iso_time(self.finished + ttl_s) if self.finished is not None else None,
            "finished": iso_time(self.finished) if self.finished is not None else None,
            **({"callback": self.callback.to_dict()} if self.callback is not None else {}),
            "results": [
                r.to_dict() if r is not None else {"source": name, "status": "pending"}
                for name, r in zip(self.names, self.results, strict=True)
            ],
        }


def iso_time(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


class BatchStore:
    """Batches in this process's memory, by id (see the module docstring for who sees what, and for how long)."""

    def __init__(
        self,
        ttl_s: float,
        clock: Callable[[], float] = time.time,
        on_finished: Callable[[Batch], None] | None = None,
    ) -> None:
        self.ttl_s = ttl_s
        self.clock = clock
        self.on_finished = on_finished
        """Called (outside the lock) when a batch with a callback gets its last result."""
        self._batches: dict[str, Batch] = {}
        self._lock = threading.Lock()

    def create(self, owner: str, names: list[str], callback: Callback | None = None) -> Batch:
        batch = Batch(secrets.token_urlsafe(18), owner, names, self.clock(), [None] * len(names), callback=callback)
        with self._lock:
            self._batches[batch.id] = batch
        return batch

    def record(self, batch_id: str, index: int, result: LetterResult) -> None:
        """A document's result; the batch is finished with its last one."""
        with self._lock:
            batch = self._batches.get(batch_id)
            if batch is None:  # deleted while it was read
                return
            batch.results[index] = result
            finished = batch.done == len(batch.names) and batch.finished is None
            if finished:
                batch.finished = self.clock()
        if finished and batch.callback is not None and self.on_finished is not None:
            self.on_finished(batch)

    def find(self, batch_id: str) -> Batch | None:
        """A batch whoever owns it: for the service's own work (callbacks), never for a request."""
        with self._lock:
            return self._batches.get(batch_id)

    def get(self, batch_id: str, owner: str) -> Batch:
        """The owner's batch; :class:`BatchNotFound` for an unknown, expired or someone else's id."""
        self.purge()
        with self._lock:
            batch = self._batches.get(batch_id)
            if batch is None or not secrets.compare_digest(batch.owner, owner):
                raise BatchNotFound()
            return batch

    def running(self) -> int:
        """Batches not finished (deleted ones left out)."""
        with self._lock:
            return sum(batch.finished is None for batch in self._batches.values())

    def delete(self, batch_id: str, owner: str) -> None:
        batch = self.get(batch_id, owner)
        with self._lock:
            self._batches.pop(batch.id, None)

    def purge(self) -> int:
        """Forget the batches whose time is up; returns how many."""
        now = self.clock()
        with self._lock:
            expired = [
                b.id for b in self._batches.values() if b.finished is not None and b.finished + self.ttl_s <= now
            ]
            for batch_id in expired:
                del self._batches[batch_id]
        return len(expired)
