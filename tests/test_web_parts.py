"""The web service's parts on their own: settings, API-key entries, the rate limiter, batch expiry, zip unpacking."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile

import pytest

from cpam_reader.base import errors
from cpam_reader.base.clients import parse_clients
from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import Settings
from cpam_reader.interfaces.keys import KeyRing
from cpam_reader.interfaces.web.batches import BatchStore, clean_name, unpack_zip
from cpam_reader.interfaces.web.guard import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_settings_come_from_the_environment_with_keys_from_a_file(tmp_path) -> None:
    digest = hashlib.sha256(b"k").hexdigest()
    keys = tmp_path / "keys"
    keys.write_text(f"# clients\nacme:{digest}\n", encoding="utf-8")
    env = {
        "CPAM_READER_READERS": "3",
        "CPAM_READER_MAX_UPLOAD_MB": "5",
        "CPAM_READER_BATCH_TTL_HOURS": "2",
        "CPAM_READER_API_KEYS_FILE": str(keys),
        "CPAM_READER_API_KEYS": "globex:" + "0" * 64,
    }
    loaded = Settings.from_env(env)
    assert (loaded.readers, loaded.max_upload_bytes, loaded.batch_ttl_s) == (3, 5 * 1024 * 1024, 7200.0)
    assert loaded.api_keys == {"0" * 64: "globex"} and loaded.api_keys_file == keys
    assert KeyRing(loaded).clients().keys == {digest: "acme", "0" * 64: "globex"}
    assert Settings.from_env({}).max_upload_bytes == 20 * 1024 * 1024


@pytest.mark.parametrize("entry", ["acme:plain-text-key", "acme", ":" + "a" * 64, "acme:" + "g" * 64])
def test_api_keys_must_be_stored_as_hashes(entry: str) -> None:
    with pytest.raises(ValueError, match="sha256"):
        parse_clients([entry])


def test_the_rate_limiter_allows_a_burst_then_refills() -> None:
    clock = Clock()
    limiter = RateLimiter(6, clock=clock)  # 6 a minute, bursts of 2
    limiter.take("a")
    limiter.take("a")
    with pytest.raises(errors.RateLimited) as refused:
        limiter.take("a")
    assert refused.value.retry_after_s == 10
    limiter.take("b")  # another client is not affected
    clock.now += 10
    limiter.take("a")
    RateLimiter(0).take("a")  # 0: no limit


def test_batches_expire_after_they_finish_and_only_then() -> None:
    clock = Clock()
    store = BatchStore(ttl_s=60, clock=clock)
    batch = store.create("acme", ["a.pdf", "b.pdf"])
    store.record(batch.id, 0, LetterResult(source="a.pdf"))
    clock.now += 3600  # running batches are kept however long they take
    assert store.get(batch.id, "acme").summary(60)["status"] == "running"
    store.record(batch.id, 1, LetterResult(source="b.pdf"))
    assert store.get(batch.id, "acme").summary(60)["status"] == "done"
    clock.now += 59
    assert store.get(batch.id, "acme")
    clock.now += 1
    with pytest.raises(errors.BatchNotFound):
        store.get(batch.id, "acme")


def test_batch_ids_are_unguessable_and_private() -> None:
    store = BatchStore(ttl_s=60)
    ids = {store.create("acme", ["a"]).id for _ in range(100)}
    assert len(ids) == 100 and all(len(i) >= 24 for i in ids)
    with pytest.raises(errors.BatchNotFound):
        store.get(next(iter(ids)), "globex")


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_is_unpacked_to_plain_names_skipping_folders_and_hidden_files() -> None:
    data = zipped({"../../x/a.pdf": b"1", "dir/": b"", ".DS_Store": b"2", "__MACOSX/._a.pdf": b"3", "b.png": b"4"})
    assert unpack_zip(data, max_files=10, max_bytes=100, max_file_bytes=100) == [("a.pdf", b"1"), ("b.png", b"4")]


def test_zip_limits_are_checked_on_the_bytes_read() -> None:
    bomb = zipped({"a.pdf": b"\0" * 10_000_000})
    with pytest.raises(errors.UploadTooLarge):
        unpack_zip(bomb, max_files=10, max_bytes=1_000_000, max_file_bytes=20_000_000)
    with pytest.raises(errors.UploadTooLarge):
        unpack_zip(bomb, max_files=10, max_bytes=20_000_000, max_file_bytes=1_000_000)
    with pytest.raises(errors.BadRequest):
        unpack_zip(zipped({f"{i}.pdf": b"x" for i in range(5)}), max_files=4, max_bytes=100, max_file_bytes=100)
    with pytest.raises(errors.CorruptFile):
        unpack_zip(b"PK\x03\x04 broken", max_files=4, max_bytes=100, max_file_bytes=100)


def test_a_damaged_zip_member_fails_alone() -> None:
    noise = random.Random(1).randbytes(2000)  # incompressible: the member's data is 2000 bytes long
    data = bytearray(zipped({"a.pdf": b"%PDF-" + noise, "b.pdf": b"%PDF-1"}))
    start = data.index(b"a.pdf") + len(b"a.pdf")
    data[start + 500 : start + 540] = b"\xff" * 40  # corrupt a's compressed bytes
    unpacked = dict(unpack_zip(bytes(data), max_files=4, max_bytes=10_000, max_file_bytes=10_000))
    assert isinstance(unpacked["a.pdf"], errors.CorruptFile)
    assert unpacked["b.pdf"] == b"%PDF-1"


def test_uploaded_names_are_cleaned() -> None:
    assert clean_name("..\\..\\boot.ini") == "boot.ini"
    assert clean_name("lettre\u202e.pdf") == "lettre.pdf"  # no bidi override to disguise an extension
    assert clean_name(None) == "document"
    assert clean_name("lettre de la CPAM été.pdf") == "lettre de la CPAM été.pdf"
