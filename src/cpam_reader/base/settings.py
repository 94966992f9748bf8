"""Every ``CPAM_READER_*`` setting, in one object read from the environment once and passed down.

The commands (``interfaces.cli``), the web service and the reader processes take a :class:`Settings`;
``read_letter`` called as a library takes the process's (:func:`current`) unless given one. Nothing else reads
the environment. The README's settings table lists the same names and defaults.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from cpam_reader.base.clients import Clients, parse_clients

MB = 1024 * 1024


def default_readers() -> int:
    """Reader processes by default: one per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclasses.dataclass(frozen=True)
class Settings:
    """How cpam-reader reads, runs its readers and serves; each field overridable by a ``CPAM_READER_*``."""

    # -- reading
    ocr: str = "tesserocr"
    """``CPAM_READER_OCR``: "tesserocr" (in-process, when its wheel is installed) or "pytesseract" (the
    ``tesseract`` program, one process per page)."""
    page_timeout_s: float = 60.0
    """``CPAM_READER_PAGE_TIMEOUT_S``: Tesseract gives a page up after this (the page reads as unreadable)."""
    models_dir: Path | None = None
    """``CPAM_READER_MODELS``: the folder holding ``classifier.json``; None: the package's own."""
    log_level: str | None = None
    """``CPAM_READER_LOG_LEVEL``; None: the command's default (INFO for services, WARNING for ``scan``)."""
    # -- readers and workers
    readers: int = dataclasses.field(default_factory=default_readers)
    """``CPAM_READER_READERS``: the web service's reader processes (OCR never runs in its event loop)."""
    document_timeout_s: float = 60.0
    """``CPAM_READER_DOCUMENT_TIMEOUT_S``: past this, a document's reader is stopped (``document_timeout``)."""
    memory_limit_mb: int = 3000
    """``CPAM_READER_MEMORY_LIMIT_MB``: each reader's address space (0: none). A 12-megapixel photo peaks at
    about 350 MB resident and 900 MB of address space: room for the largest page allowed, not for a bomb."""
    broker: str | None = None
    """``CPAM_READER_BROKER``: the Celery broker (``redis://...``) whose workers read; None: local readers."""
    visibility_timeout_s: int = 3600
    """``CPAM_READER_VISIBILITY_TIMEOUT_S``: Redis gives a task whose worker vanished to another after this."""
    # -- the web service
    max_upload_bytes: int = 20 * MB
    """``CPAM_READER_MAX_UPLOAD_MB``: largest file accepted, counted while the upload streams in."""
    max_batch_bytes: int = 200 * MB
    """``CPAM_READER_MAX_BATCH_MB``: largest batch request (all files, or the zip)."""
    max_batch_files: int = 500
    """``CPAM_READER_MAX_BATCH_FILES``."""
    max_queued_letters: int = 8
    """``CPAM_READER_MAX_QUEUED_LETTERS``: single letters queued or in flight beyond which the answer is 503."""
    max_queued_batch_documents: int = 5000
    """``CPAM_READER_MAX_QUEUED_BATCH_DOCUMENTS``."""
    rate_limit_per_minute: int = 20
    """``CPAM_READER_RATE_LIMIT_PER_MINUTE``: single letters per client per minute (0: no limit)."""
    batch_ttl_s: float = 24 * 3600
    """``CPAM_READER_BATCH_TTL_HOURS``: batch results are deleted this long after the batch finished."""
    callback_backoff_s: float = 5.0
    """``CPAM_READER_CALLBACK_BACKOFF_S``: wait before a failed batch callback is tried again (doubling, 5 min at
    most between tries)."""
    callback_give_up_s: float = 3600.0
    """``CPAM_READER_CALLBACK_GIVE_UP_S``: no more tries this long after the batch finished."""
    callback_timeout_s: float = 10.0
    """``CPAM_READER_CALLBACK_TIMEOUT_S``: one attempt's time to connect and be answered."""
    callback_allow_private: bool = False
    """``CPAM_READER_CALLBACK_ALLOW_PRIVATE``: also call private and loopback addresses (a service inside the same
    network); off, a callback URL must resolve to public addresses only."""
    api_keys_file: Path | None = None
    """``CPAM_READER_API_KEYS_FILE``: the clients' keys and signing secrets (:mod:`cpam_reader.base.clients`),
    read again by the service whenever the file changes (a revoked key stops working at once)."""
    header_timeout_s: float = 10.0
    """``CPAM_READER_HEADER_TIMEOUT_S``: a request head (request line and headers) not complete this long after
    its first byte (or a new connection's opening) is answered 408 and its connection closed (0: no limit)."""
    body_timeout_s: float = 30.0
    """``CPAM_READER_BODY_TIMEOUT_S``: a request body not wholly received this long after its head is answered
    408 and its connection closed (0: no limit). The whole body, not the gap between its chunks."""
    forwarded_allow_ips: str = ""
    """``CPAM_READER_FORWARDED_ALLOW_IPS``: the reverse proxies (comma-separated addresses, networks, or ``*``)
    whose ``X-Forwarded-For`` names the client; empty: nobody's, the client is the connection's address."""
    api_keys: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """``CPAM_READER_API_KEYS`` (comma-separated entries of the keys file's form): SHA-256 of each key (hex) →
    the client's name; fixed for the process's life."""
    signing_secrets: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The ``name:signing:<secret>`` entries of ``CPAM_READER_API_KEYS``: client → callback signing secret."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``CPAM_READER_*`` variables (unset or empty: the default).

        >>> s = Settings.from_env({"CPAM_READER_MAX_UPLOAD_MB": "15", "CPAM_READER_OCR": "pytesseract"})
        >>> s.max_upload_bytes // MB, s.ocr, s.page_timeout_s
        (15, 'pytesseract', 60.0)
        """
        env = os.environ if environ is None else environ
        readers: dict[str, tuple[str, Callable[[str], object]]] = {
            "ocr": ("CPAM_READER_OCR", str.strip),
            "page_timeout_s": ("CPAM_READER_PAGE_TIMEOUT_S", float),
            "models_dir": ("CPAM_READER_MODELS", Path),
            "log_level": ("CPAM_READER_LOG_LEVEL", lambda v: v.strip().upper()),
            "readers": ("CPAM_READER_READERS", int),
            "document_timeout_s": ("CPAM_READER_DOCUMENT_TIMEOUT_S", float),
            "memory_limit_mb": ("CPAM_READER_MEMORY_LIMIT_MB", int),
            "broker": ("CPAM_READER_BROKER", str.strip),
            "visibility_timeout_s": ("CPAM_READER_VISIBILITY_TIMEOUT_S", int),
            "max_upload_bytes": ("CPAM_READER_MAX_UPLOAD_MB", lambda v: int(float(v) * MB)),
            "max_batch_bytes": ("CPAM_READER_MAX_BATCH_MB", lambda v: int(float(v) * MB)),
            "max_batch_files": ("CPAM_READER_MAX_BATCH_FILES", int),
            "max_queued_letters": ("CPAM_READER_MAX_QUEUED_LETTERS", int),
            "max_queued_batch_documents": ("CPAM_READER_MAX_QUEUED_BATCH_DOCUMENTS", int),
            "rate_limit_per_minute": ("CPAM_READER_RATE_LIMIT_PER_MINUTE", int),
            "batch_ttl_s": ("CPAM_READER_BATCH_TTL_HOURS", lambda v: float(v) * 3600),
            "callback_backoff_s": ("CPAM_READER_CALLBACK_BACKOFF_S", float),
            "callback_give_up_s": ("CPAM_READER_CALLBACK_GIVE_UP_S", float),
            "callback_timeout_s": ("CPAM_READER_CALLBACK_TIMEOUT_S", float),
            "callback_allow_private": ("CPAM_READER_CALLBACK_ALLOW_PRIVATE", _flag),
            "header_timeout_s": ("CPAM_READER_HEADER_TIMEOUT_S", float),
            "body_timeout_s": ("CPAM_READER_BODY_TIMEOUT_S", float),
            "forwarded_allow_ips": ("CPAM_READER_FORWARDED_ALLOW_IPS", str.strip),
        }
        values: dict[str, object] = {
            field: convert(env[name]) for field, (name, convert) in readers.items() if env.get(name, "").strip()
        }
        if env.get("CPAM_READER_API_KEYS_FILE", "").strip():
            values["api_keys_file"] = Path(env["CPAM_READER_API_KEYS_FILE"].strip())
        fixed = parse_clients(env.get("CPAM_READER_API_KEYS", "").split(","))
        values["api_keys"], values["signing_secrets"] = fixed.keys, fixed.secrets
        return cls(**values)  # type: ignore[arg-type]

    @property
    def fixed_clients(self) -> Clients:
        """The clients given in the environment (or by the caller), to which the keys file adds its own."""
        return Clients(self.api_keys, self.signing_secrets)


def _flag(value: str) -> bool:
    """A yes/no setting.

    >>> _flag("1"), _flag("true"), _flag("no")
    (True, True, False)
    """
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"a yes/no setting is 1/0, true/false, yes/no or on/off, not {value!r}")


@functools.cache
def current() -> Settings:
    """The settings of this process, read from its environment the first time they are needed."""
    return Settings.from_env()
