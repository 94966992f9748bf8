"""The web service's settings: defaults for one machine, each overridable by a ``CPAM_READER_*`` variable."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from cpam_reader.jobs.base import BROKER_VARIABLE, default_jobs

MB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the service accepts and how much work it takes on."""

    readers: int = dataclasses.field(default_factory=default_jobs)
    """Reader processes (OCR runs there, never in the web server's event loop): one per core."""
    max_upload_bytes: int = 20 * MB
    """Largest file accepted, counted while the upload streams in."""
    max_batch_bytes: int = 200 * MB
    """Largest batch request (all files, or the zip)."""
    max_batch_files: int = 500
    document_timeout_s: float = 60.0
    """Past this, a document's reader process is stopped and the document reported as ``document_timeout``."""
    max_queued_letters: int = 8
    """Single letters queued or in flight beyond which the service answers 503 with Retry-After."""
    max_queued_batch_documents: int = 5000
    rate_limit_per_minute: int = 20
    """Single letters one client may send per minute (0: no limit); a burst of a third of it is allowed."""
    batch_ttl_s: float = 24 * 3600
    """Batch results are deleted this long after the batch finished."""
    broker: str | None = None
    """Celery broker (``redis://...``) whose workers read the documents; None: this machine's reader processes."""
    api_keys: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """SHA-256 of each API key (hex) → the client's name. Only hashes are kept."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``CPAM_READER_*`` variables.

        API keys come from ``CPAM_READER_API_KEYS_FILE`` and ``CPAM_READER_API_KEYS`` (``name:sha256hex``
        entries, one per line or comma-separated).
        """
        env = os.environ if environ is None else environ
        numbers: dict[str, tuple[str, Callable[[str], object]]] = {
            "readers": ("CPAM_READER_READERS", int),
            "max_upload_bytes": ("CPAM_READER_MAX_UPLOAD_MB", lambda v: int(float(v) * MB)),
            "max_batch_bytes": ("CPAM_READER_MAX_BATCH_MB", lambda v: int(float(v) * MB)),
            "max_batch_files": ("CPAM_READER_MAX_BATCH_FILES", int),
            "document_timeout_s": ("CPAM_READER_DOCUMENT_TIMEOUT_S", float),
            "max_queued_letters": ("CPAM_READER_MAX_QUEUED_LETTERS", int),
            "max_queued_batch_documents": ("CPAM_READER_MAX_QUEUED_BATCH_DOCUMENTS", int),
            "rate_limit_per_minute": ("CPAM_READER_RATE_LIMIT_PER_MINUTE", int),
            "batch_ttl_s": ("CPAM_READER_BATCH_TTL_HOURS", lambda v: float(v) * 3600),
        }
        values: dict[str, object] = {
            field: convert(env[name]) for field, (name, convert) in numbers.items() if env.get(name)
        }
        entries = []
        if env.get("CPAM_READER_API_KEYS_FILE"):
            entries += Path(env["CPAM_READER_API_KEYS_FILE"]).read_text(encoding="utf-8").splitlines()
        entries += env.get("CPAM_READER_API_KEYS", "").split(",")
        values["api_keys"] = parse_api_keys(entries)
        values["broker"] = env.get(BROKER_VARIABLE) or None
        return cls(**values)  # type: ignore[arg-type]


def parse_api_keys(entries: list[str]) -> dict[str, str]:
    """``name:sha256hex`` entries (blank lines and ``#`` comments skipped) as hash → name.

    >>> parse_api_keys(['# HR', 'acme:' + 'ab' * 32, ''])  # doctest: +ELLIPSIS
    {'abab...abab': 'acme'}
    """
    keys = {}
    for entry in entries:
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        name, _, digest = entry.rpartition(":")
        digest = digest.strip().lower()
        if not name or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"API key entries are 'name:<sha256 hex of the key>', not {entry[:20]!r}...")
        keys[digest] = name.strip()
    return keys
