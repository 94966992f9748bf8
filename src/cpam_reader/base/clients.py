"""Who may use the batch API: clients, each with one or more keys and one secret for signing its callbacks.

One model, kept in the keys file (``CPAM_READER_API_KEYS_FILE``) one line per fact:

* ``Acme HR:<sha256 hex of a key>`` grants a key to the client "Acme HR". A client has as many keys as it has
  such lines: rotation is adding a key, then revoking the old one. Only the key's hash is kept.
* ``Acme HR:signing:<secret>`` is the client's secret for the HMAC signature of its batch callbacks (the client
  holds the same secret to verify them, so it is kept as is: the file must stay private).

A batch belongs to the client, not to the key that made it: every key of "Acme HR" sees and deletes every batch
of "Acme HR", and no other client's. A key is named, in lists and for revocation, by its id: the first 12 hex
digits of its hash, which say nothing of the key itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

KEY_ID_LENGTH = 12
SIGNING = "signing"


@dataclasses.dataclass(frozen=True)
class Clients:
    """The clients known from a keys file (or ``CPAM_READER_API_KEYS``)."""

    keys: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """SHA-256 hex of each key → the client's name."""
    secrets: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Client name → the secret signing its callbacks."""

    def names(self) -> list[str]:
        return sorted(set(self.keys.values()) | set(self.secrets))

    def key_ids(self, name: str) -> list[str]:
        return sorted(key_id(digest) for digest, owner in self.keys.items() if owner == name)

    def merged(self, other: Clients) -> Clients:
        return Clients({**self.keys, **other.keys}, {**self.secrets, **other.secrets})


def key_id(digest: str) -> str:
    """What lists and ``--revoke`` call a key: the start of its hash.

    >>> key_id("3f5a2b1c9d0e" + "0" * 52)
    '3f5a2b1c9d0e'
    """
    return digest[:KEY_ID_LENGTH]


def valid_name(name: str) -> bool:
    """A client's name: not empty, no ``:`` (the file's separator), no line break.

    >>> valid_name("Acme HR"), valid_name("bad:name"), valid_name("  ")
    (True, False, False)
    """
    return bool(name.strip()) and ":" not in name and "\n" not in name and name == name.strip()


def key_line(name: str, digest: str) -> str:
    return f"{name}:{digest}"


def secret_line(name: str, secret: str) -> str:
    return f"{name}:{SIGNING}:{secret}"


def parse_clients(entries: Iterable[str]) -> Clients:
    """Key and secret lines (blank lines and ``#`` comments skipped) as :class:`Clients`.

    >>> found = parse_clients(['# HR', 'acme:' + 'ab' * 32, 'acme:signing:s3cret', ''])
    >>> found.names(), found.key_ids('acme'), found.secrets['acme']
    (['acme'], ['abababababab'], 's3cret')
    >>> parse_clients(['acme:plain-text-key'])
    Traceback (most recent call last):
    ValueError: API key entries are 'name:<sha256 hex of the key>' or 'name:signing:<secret>', not 'acme:plain-text-'...
    """
    keys: dict[str, str] = {}
    secrets: dict[str, str] = {}
    for entry in entries:
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        name, _, rest = entry.partition(":")
        name = name.strip()
        kind, _, secret = rest.partition(":")
        digest = rest.strip().lower()
        if name and kind == SIGNING and secret.strip():
            secrets[name] = secret.strip()
        elif name and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest):
            keys[digest] = name
        else:
            raise ValueError(
                f"API key entries are 'name:<sha256 hex of the key>' or 'name:signing:<secret>', not {entry[:16]!r}..."
            )
    return Clients(keys, secrets)
