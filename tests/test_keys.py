"""One model of clients and keys: a client has one or more keys, batches belong to the client, a key can be revoked."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cpam_reader.base.clients import key_id, parse_clients
from cpam_reader.interfaces.keys import digest_of
from tests.conftest import LETTERS, ROOT, get, post, serving


def api_key(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "api-key", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def key_of(output: str) -> str:
    return next(line.rsplit(": ", 1)[1] for line in output.splitlines() if line.startswith("key "))


def test_the_command_says_whether_it_creates_a_client_or_adds_a_key(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    first = api_key("Acme HR", "--file", str(keys))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("created client 'Acme HR' with its first key")
    assert "callback signing secret of Acme HR" in first.stdout
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    second = api_key("Acme HR", "--file", str(keys))
    assert second.stdout.startswith("added a key (id ")
    assert "to the existing client 'Acme HR'" in second.stdout and "it now has 2 keys" in second.stdout
    assert "signing secret" not in second.stdout  # the client keeps its secret
    clients = parse_clients(keys.read_text().splitlines())
    assert clients.names() == ["Acme HR"] and len(clients.key_ids("Acme HR")) == 2
    assert key_of(first.stdout) not in keys.read_text()  # only hashes are kept
    listed = api_key("--list", "--file", str(keys))
    assert listed.stdout.strip() == f"Acme HR: 2 keys ({', '.join(clients.key_ids('Acme HR'))}); signing secret set"

    revoked = api_key("--revoke", clients.key_ids("Acme HR")[0], "--file", str(keys))
    assert revoked.returncode == 0 and "'Acme HR' keeps 1 key" in revoked.stdout
    assert api_key("--list", "--file", str(keys)).stdout.startswith("Acme HR: 1 key (")
    assert api_key("--revoke", "000000", "--file", str(keys)).returncode == 2  # no such key: said, nothing removed
    assert api_key("bad:name", "--file", str(keys)).returncode == 2
    assert api_key("Acme HR").returncode == 2  # no keys file named: nothing to tell from


@pytest.mark.slow
def test_every_key_of_a_client_sees_its_batches_and_a_revoked_key_stops_at_once(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    acme_1 = key_of(api_key("Acme HR", "--file", str(keys)).stdout)
    acme_2 = key_of(api_key("Acme HR", "--file", str(keys)).stdout)
    globex = key_of(api_key("Globex", "--file", str(keys)).stdout)
    letter = sorted(LETTERS.glob("*.pdf"))[0]
    with serving(CPAM_READER_API_KEYS_FILE=str(keys)) as served:
        status, created = post(f"{served.url}/v1/batches", [("files", "a.pdf", letter.read_bytes())], key=acme_1)[::2]
        assert status == 202
        batch = f"{served.url}/v1/batches/{created['id']}"
        assert get(batch, acme_2)[0] == 200  # the batch is the client's, not the key's
        assert get(batch, globex) == (404, get(f"{served.url}/v1/batches/unknown", globex)[1])  # as if it did not exist
        assert api_key("--revoke", key_id(digest_of(acme_1)), "--file", str(keys)).returncode == 0
        status, body = get(batch, acme_1)
        assert (status, body["error"]["code"]) == (401, "unauthorized")  # at once, no restart
        assert get(batch, acme_2)[0] == 200
        keys.write_text("not a keys file\n")  # a broken edit: the last good keys stay in force
        assert get(batch, acme_2)[0] == 200
        keys.unlink()  # the file removed: its keys are gone
        assert get(batch, acme_2)[0] == 401
    assert "the keys read before stay in force" in served.output


def test_serve_refuses_a_keys_file_it_cannot_use_with_a_word_not_a_traceback(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("acme:plain-text-key\n")
    served = subprocess.run(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "serve", "--port", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={**os.environ, "CPAM_READER_API_KEYS_FILE": str(keys)},
    )
    assert served.returncode == 2 and "cannot be used" in served.stderr and "Traceback" not in served.stderr
