"""The keys file as the service reads it (again whenever it changes) and as ``cpam-reader api-key`` edits it.

The model (clients, keys, signing secrets, who sees which batch) is in :mod:`cpam_reader.base.clients`. The
service checks the file's identity (inode, size, modification time) on each authenticated request, which costs
a ``stat``: a key revoked by ``cpam-reader api-key --revoke`` stops working with the next request, without a
restart. A file edited into something unreadable leaves the last good keys in force (and says so in the log);
a file removed leaves no key from it. The command rewrites the file whole (a new file renamed over the old, mode
0600), so the service never reads half of it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import logging
import os
import secrets
import tempfile
import threading
from pathlib import Path

from cpam_reader.base.clients import Clients, key_id, key_line, parse_clients, secret_line
from cpam_reader.base.errors import SetupError
from cpam_reader.base.settings import Settings

log = logging.getLogger(__name__)

HEADER = "# cpam-reader API keys: 'client:<sha256 of a key>' and 'client:signing:<secret>'. Keep this file private.\n"


def digest_of(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def read_clients(path: Path) -> Clients:
    """The clients of a keys file; :class:`SetupError` if it cannot be read or is not one."""
    try:
        return parse_clients(path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SetupError(f"The API keys file {path} cannot be used: {exc}") from exc


class KeyRing:
    """The clients the service knows: the environment's, and the keys file's as it is now."""

    def __init__(self, settings: Settings) -> None:
        self.fixed = settings.fixed_clients
        self.path = settings.api_keys_file
        self._lock = threading.Lock()
        self._seen = self._identity()  # before reading: a change made meanwhile is read at the next request
        self._from_file = read_clients(self.path) if self.path else Clients()
        self._known = self.fixed.merged(self._from_file)

    def _identity(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.path) if self.path else None
        except OSError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns) if stat else None

    def clients(self) -> Clients:
        """The clients now, the keys file read again if it changed since last time."""
        if self.path is not None:
            with self._lock:
                identity = self._identity()
                if identity != self._seen:
                    self._seen = identity
                    self._reload(identity is not None)
                    self._known = self.fixed.merged(self._from_file)
        return self._known

    def _reload(self, exists: bool) -> None:
        assert self.path is not None
        if not exists:
            log.warning("the API keys file is gone: its keys no longer work")
            self._from_file = Clients()
            return
        try:
            self._from_file = read_clients(self.path)
        except SetupError as exc:
            log.warning("%s: the keys read before stay in force", exc)
            return
        log.info(
            "API keys file read again: %d clients, %d keys", len(self._from_file.names()), len(self._from_file.keys)
        )

    def client_of(self, key: str) -> str | None:
        """The client a key belongs to, compared in constant time; None for an unknown key."""
        digest = digest_of(key)
        found = None
        for known, name in self.clients().keys.items():
            if hmac.compare_digest(known, digest):
                found = name
        return found

    def secret_of(self, client: str) -> str | None:
        return self.clients().secrets.get(client)


# -- what `cpam-reader api-key` does to the file


@dataclasses.dataclass(frozen=True)
class Added:
    """What adding a key did, in words the command prints."""

    client: str
    key: str
    key_id: str
    new_client: bool
    keys_now: int
    secret: str | None
    """The client's signing secret when this made it (a new client, or ``new_secret``); else None."""


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        return [HEADER]


def _write(path: Path, lines: list[str]) -> None:
    """Replace the file whole, private, in one rename: a reader sees the old file or the new one."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    parse_clients(text.splitlines())  # never write a file the service would refuse
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            os.fchmod(stream.fileno(), 0o600)
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def add_key(path: Path, client: str, new_secret: bool = False) -> Added:
    """A new key for ``client`` (created if unknown, with its signing secret), written to the keys file."""
    lines = _lines(path)
    before = parse_clients(lines)
    key = secrets.token_urlsafe(32)
    digest = digest_of(key)
    lines.append(key_line(client, digest) + "\n")
    secret = None
    if new_secret or client not in before.secrets:
        secret = secrets.token_urlsafe(32)
        lines = [line for line in lines if not line.startswith(f"{client}:signing:")]
        lines.append(secret_line(client, secret) + "\n")
    _write(path, lines)
    return Added(client, key, key_id(digest), client not in before.names(), len(before.key_ids(client)) + 1, secret)


def revoke_key(path: Path, wanted: str) -> tuple[str, int]:
    """Remove the key whose id starts with ``wanted``: its client, and the keys that client has left.

    :class:`SetupError` when no key, or more than one, has that id.
    """
    lines = _lines(path)
    wanted = wanted.strip().lower()
    matches = [
        (index, digest, name)
        for index, line in enumerate(lines)
        for digest, name in parse_clients([line]).keys.items()
        if len(wanted) >= 6 and digest.startswith(wanted)
    ]
    if len(matches) != 1:
        problem = "no key has" if not matches else f"{len(matches)} keys have"
        raise SetupError(f"{problem} the id {wanted!r} in {path} (ids are shown by --list; give at least 6 digits)")
    [(index, _, client)] = matches
    del lines[index]
    _write(path, lines)
    return client, len(parse_clients(lines).key_ids(client))
