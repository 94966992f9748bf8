"""The watch folder: settling, the durable journal and its repairs, refusals, and kill -9 at random moments.

In-process tests run ``watch_folder(once=True)`` over real reader processes; the process tests run the real
``cpam-reader watch`` command and kill it.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import hmac
import io
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cpam_reader.base.errors import JournalError, WatchError
from cpam_reader.interfaces.journal import open_journal, parse_jsonl
from cpam_reader.interfaces.watch import MAX_BYTES, Watcher, watch_folder
from cpam_reader.jobs.local import ReaderPool
from cpam_reader.number import nir
from tests.conftest import ROOT, expected_for, fixture_letters

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

PDFS = fixture_letters(".pdf")
SCANS = fixture_letters(".png")
NUMBERED = next(p for p in PDFS if expected_for(p)["nir"])


@pytest.fixture(scope="module")
def runner(tesseract_available: None) -> Iterator[ReaderPool]:
    with ReaderPool(2, timeout_s=60) as pool:
        yield pool


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return inbox, tmp_path / "out"


def copy_of(letter: Path, number: int) -> bytes:
    """A letter made distinct: a comment after %%EOF keeps a PDF valid and changes its bytes."""
    return letter.read_bytes() + f"\n% copy {number}\n".encode()


def watch_once(inbox: Path, out: Path, runner: ReaderPool) -> None:
    watch_folder(inbox, out, runner, interval_s=0.05, settle_s=0, once=True)


def lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def csv_ids(out: Path) -> list[str]:
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8"))))
    return [row["document_id"] for row in rows]


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


# --- settling ---------------------------------------------------------------------------------------------------


def test_a_settled_file_is_taken_and_a_growing_one_is_not(folders, runner):
    inbox, out = folders
    (inbox / "still.pdf").write_bytes(b"%PDF-1.7 done")
    (inbox / "growing.pdf").write_bytes(b"%PDF-1.7 start")
    for busy in ("~lock.pdf", "scan.pdf.part", "scan.tmp", "page.crdownload", ".hidden.pdf"):
        (inbox / busy).write_bytes(b"being written")
    out.mkdir()
    with open_journal(out) as journal:
        watcher = Watcher(inbox, out, runner, journal)
        assert watcher.scan(now=0.0, settle_s=1.0) == ([], True)  # first sight: nothing has settled yet
        with open(inbox / "growing.pdf", "ab") as stream:
            stream.write(b" more pages")
        assert watcher.scan(now=1.5, settle_s=1.0)[0] == ["still.pdf"]
        assert sorted(watcher.scan(now=2.6, settle_s=1.0)[0]) == ["growing.pdf", "still.pdf"]


# --- the journal and its repairs -------------------------------------------------------------------------------


def test_results_are_recorded_then_originals_moved(folders, runner):
    inbox, out = folders
    letters = {f"{i}-{p.name}": p for i, p in enumerate(PDFS[:3])}
    for name, letter in letters.items():
        (inbox / name).write_bytes(letter.read_bytes())
    (inbox / "broken.pdf").write_bytes(PDFS[0].read_bytes()[:300])
    watch_once(inbox, out, runner)
    results = {r["source"]: r for r in lines(out)}
    assert set(results) == {*letters, "broken.pdf"}
    assert all(next(iter(r)) == "document_id" for r in results.values())
    assert all(results[name]["nir"] == expected_for(p)["nir"] for name, p in letters.items())
    assert names(inbox) == set()
    assert names(out / "processed") == set(letters)
    assert names(out / "failed") == {"broken.pdf", "broken.pdf.error.json"}
    note = json.loads((out / "failed" / "broken.pdf.error.json").read_text())
    assert note == {"code": "corrupt_file", "message": results["broken.pdf"]["error"]["message"]}
    assert csv_ids(out) == [r["document_id"] for r in lines(out)]


def test_a_torn_last_line_is_truncated_and_its_letter_read_again(folders, runner):
    inbox, out = folders
    for i, letter in enumerate(PDFS[:3]):
        (inbox / f"{i}.pdf").write_bytes(letter.read_bytes())
    watch_once(inbox, out, runner)
    last = lines(out)[-1]
    # killed in the middle of the last append, before its original moved
    data = (out / "results.jsonl").read_bytes()
    (out / "results.jsonl").write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 40])
    os.replace(out / "processed" / last["source"], inbox / last["source"])
    watch_once(inbox, out, runner)
    after = lines(out)
    assert len(after) == 3 and len({r["document_id"] for r in after}) == 3
    assert after[-1]["document_id"] == last["document_id"]
    assert csv_ids(out) == [r["document_id"] for r in after]
    assert names(inbox) == set() and len(names(out / "processed")) == 3


def test_parse_jsonl_refuses_damage_a_kill_cannot_make():
    with pytest.raises(JournalError, match="line 1"):
        parse_jsonl(b'not json\n{"document_id": "a"}\n')


@pytest.mark.parametrize("damage", ["row missing", "row too many", "torn row", "file missing"])
def test_the_csv_is_rebuilt_from_the_json_lines(folders, runner, damage):
    inbox, out = folders
    for i, letter in enumerate(PDFS[:3]):
        (inbox / f"{i}.pdf").write_bytes(letter.read_bytes())
    watch_once(inbox, out, runner)
    table = out / "results.csv"
    good = table.read_bytes()
    rows = good.splitlines(keepends=True)
    table.write_bytes(
        {
            "row missing": b"".join(rows[:-1]),  # killed between the JSON line and the CSV row
            "row too many": good + rows[1],
            "torn row": good[:-25],
            "file missing": b"",
        }[damage]
    )
    if damage == "file missing":
        table.unlink()
    watch_once(inbox, out, runner)
    assert table.read_bytes() == good
    assert csv_ids(out) == [r["document_id"] for r in lines(out)]
    assert not list(out.glob(".results.csv.tmp"))


def test_a_recorded_letter_back_in_the_inbox_is_only_moved(folders, runner, caplog):
    inbox, out = folders
    (inbox / "good.pdf").write_bytes(NUMBERED.read_bytes())
    (inbox / "bad.jpg").write_bytes(random.Random(1).randbytes(5000))
    watch_once(inbox, out, runner)
    before = (out / "results.jsonl").read_bytes()
    # killed after the append, before the move (and before the error note)
    os.replace(out / "processed" / "good.pdf", inbox / "good.pdf")
    os.replace(out / "failed" / "bad.jpg", inbox / "bad.jpg")
    (out / "failed" / "bad.jpg.error.json").unlink()
    caplog.set_level(logging.INFO, logger="cpam_reader.interfaces.watch")
    watch_once(inbox, out, runner)
    assert (out / "results.jsonl").read_bytes() == before
    assert names(out / "processed") == {"good.pdf"}
    assert names(out / "failed") == {"bad.jpg", "bad.jpg.error.json"}
    assert json.loads((out / "failed" / "bad.jpg.error.json").read_text())["code"] == "unsupported_format"
    assert caplog.text.count("already recorded, moved") == 2


def test_the_same_content_is_reported_once(folders, runner, caplog):
    inbox, out = folders
    data = NUMBERED.read_bytes()
    (inbox / "letter.pdf").write_bytes(data)
    (inbox / "letter (copy).pdf").write_bytes(data)
    caplog.set_level(logging.INFO, logger="cpam_reader.interfaces.watch")
    watch_once(inbox, out, runner)
    (inbox / "letter.pdf").write_bytes(data)  # the scanner sends it again, same name
    watch_once(inbox, out, runner)
    recorded = lines(out)
    assert len(recorded) == 1
    prefix = recorded[0]["document_id"][:8]
    assert names(out / "processed") == {"letter.pdf", "letter (copy).pdf", f"{prefix}-letter.pdf"}
    assert names(inbox) == set()
    assert caplog.text.count("already recorded, moved") == 2


def test_a_file_over_the_size_limit_is_not_read(folders, runner):
    inbox, out = folders
    with open(inbox / "huge.pdf", "wb") as stream:
        stream.write(b"%PDF-1.7\n")
        stream.truncate(MAX_BYTES + 1)  # sparse: no disk used
    watch_once(inbox, out, runner)
    (result,) = lines(out)
    assert result["error"]["code"] == "too_large"
    assert names(out / "failed") == {"huge.pdf", "huge.pdf.error.json"}


def test_a_move_to_another_file_system_copies_then_removes(folders, runner, monkeypatch):
    inbox, out = folders
    (inbox / "a.pdf").write_bytes(NUMBERED.read_bytes())
    os.utime(inbox / "a.pdf", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    rename = os.replace

    def across_devices(source, target):  # fault injection: the output folder on another disk
        if Path(source).parent == inbox:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        rename(source, target)

    monkeypatch.setattr(os, "replace", across_devices)
    watch_once(inbox, out, runner)
    moved = out / "processed" / "a.pdf"
    assert moved.read_bytes() == NUMBERED.read_bytes()
    assert moved.stat().st_mtime_ns == 1_700_000_000_000_000_000
    assert names(inbox) == set() and names(out / "processed") == {"a.pdf"}


# --- refusals --------------------------------------------------------------------------------------------------


def test_links_and_special_files_are_refused_and_left_in_place(folders, runner, tmp_path, caplog):
    inbox, out = folders
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(NUMBERED.read_bytes())
    (inbox / "link.pdf").symlink_to(outside)
    os.mkfifo(inbox / "pipe.pdf")
    (inbox / "folder").mkdir()
    (inbox / "folder" / "deeper.pdf").write_bytes(PDFS[1].read_bytes())
    (inbox / "real.pdf").write_bytes(PDFS[2].read_bytes())
    caplog.set_level(logging.INFO, logger="cpam_reader.interfaces.watch")
    watch_once(inbox, out, runner)
    assert [r["source"] for r in lines(out)] == ["real.pdf"]
    assert names(inbox) == {"link.pdf", "pipe.pdf", "folder"}
    assert (inbox / "link.pdf").is_symlink() and outside.exists()
    for refused in ("refused, a symbolic link", "refused, not a regular file", "refused, a folder"):
        assert caplog.text.count(refused) == 1
    for name in ("link.pdf", "pipe.pdf", "folder:", "real.pdf"):  # named by a keyed hash of the name only
        assert name not in caplog.text


@pytest.mark.parametrize(
    "where", [lambda inbox: inbox, lambda inbox: inbox / "results", lambda inbox: inbox / ".." / "inbox" / "x"]
)
def test_an_output_folder_inside_the_inbox_is_refused(folders, runner, where: Callable[[Path], Path]):
    inbox, _ = folders
    with pytest.raises(WatchError, match="inside it"):
        watch_once(inbox, where(inbox), runner)
    assert names(inbox) == set()


def test_a_missing_inbox_and_a_busy_output_folder_are_refused(folders, runner):
    inbox, out = folders
    with pytest.raises(WatchError, match="does not exist"):
        watch_once(inbox / "nope", out, runner)
    out.mkdir()
    with open_journal(out), pytest.raises(WatchError, match="another process"):
        watch_once(inbox, out, runner)


def test_a_lost_key_is_not_silently_replaced(folders, runner):
    inbox, out = folders
    (inbox / "a.pdf").write_bytes(NUMBERED.read_bytes())
    watch_once(inbox, out, runner)
    (out / ".cpam-reader-key").unlink()
    with pytest.raises(WatchError, match="missing"):
        watch_once(inbox, out, runner)


def test_the_cli_says_a_misplaced_folder_with_exit_code_2(folders):
    inbox, _ = folders
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cpam_reader.interfaces.cli",
            "watch",
            str(inbox),
            "--out",
            str(inbox / "out"),
            "--once",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2 and "inside it" in proc.stderr


# --- privacy ---------------------------------------------------------------------------------------------------


def test_ids_are_keyed_hashes_under_a_private_key(folders, runner):
    inbox, out = folders
    data = NUMBERED.read_bytes()
    (inbox / "a.pdf").write_bytes(data)
    watch_once(inbox, out, runner)
    key_file = out / ".cpam-reader-key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = bytes.fromhex(key_file.read_text())
    (result,) = lines(out)
    assert result["document_id"] == hmac.new(key, data, hashlib.sha256).hexdigest()
    assert result["document_id"] != hashlib.sha256(data).hexdigest()


def test_the_number_is_in_the_results_never_in_the_log(folders, runner, caplog):
    inbox, out = folders
    (inbox / "a.pdf").write_bytes(NUMBERED.read_bytes())
    caplog.set_level(logging.DEBUG)
    watch_once(inbox, out, runner)
    number = expected_for(NUMBERED)["nir"]
    assert number in (out / "results.jsonl").read_text() and number in (out / "results.csv").read_text()
    assert ": recorded (" in caplog.text and "a.pdf" not in caplog.text
    for shown in (number, nir.format(number), number[:13]):
        assert shown not in caplog.text


# --- the real command, killed -----------------------------------------------------------------------------------


def start_watch(inbox: Path, out: Path, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cpam_reader.interfaces.cli", "watch", str(inbox), "--out", str(out)]
    with open(log, "ab") as stream:
        return subprocess.Popen(
            [*command, "--jobs", "2", "--interval", "0.2", "--settle", "0.2", *extra],
            cwd=ROOT,
            stdout=stream,
            stderr=stream,
            start_new_session=True,  # its own process group: the readers can be killed with it
        )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


DAMAGED = {"broken.pdf": "corrupt_file", "noise.jpg": "unsupported_format", "empty.pdf": "empty_file"}


def make_letters(inbox: Path) -> dict[str, str | None]:
    """50 letters: 41 distinct copies of the PDFs, 6 scans, 3 damaged files. Name → expected number or error."""
    expected: dict[str, str | None] = {}
    for i in range(41):
        letter = PDFS[i % len(PDFS)]
        (inbox / f"{i:02d}-{letter.name}").write_bytes(copy_of(letter, i))
        expected[f"{i:02d}-{letter.name}"] = expected_for(letter)["nir"]
    for scan in SCANS[:6]:
        shutil.copy(scan, inbox / scan.name)
        expected[scan.name] = expected_for(scan)["nir"]
    (inbox / "broken.pdf").write_bytes(PDFS[0].read_bytes()[:300])
    (inbox / "noise.jpg").write_bytes(random.Random(7).randbytes(20_000))
    (inbox / "empty.pdf").write_bytes(b"")
    return {**expected, **dict.fromkeys(DAMAGED)}


def test_kill_9_at_random_moments_loses_no_letter_and_reports_none_twice(tmp_path):
    inbox, out, log = tmp_path / "inbox", tmp_path / "out", tmp_path / "watch.log"
    inbox.mkdir()
    expected = make_letters(inbox)
    assert len(expected) == 50
    rng = random.Random(20261127)
    started = time.monotonic()
    kills = 0
    for _ in range(5):
        proc = start_watch(inbox, out, log)
        try:
            wait_for(lambda runs=kills: log.read_text().count("watching") > runs, 60, "the watch to start")
            time.sleep(rng.uniform(0.3, 3.0))  # the random moment of the kill
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        kills += 1
    recorded_before_last_run = len(lines(out)) if (out / "results.jsonl").exists() else 0
    final = start_watch(inbox, out, log, "--once")
    assert final.wait(timeout=180) == 0, log.read_text()[-3000:]
    duration = time.monotonic() - started

    results = lines(out)
    ids = [r["document_id"] for r in results]
    by_source = {r["source"]: r for r in results}
    processed, failed = names(out / "processed"), names(out / "failed")
    failed_files = {n for n in failed if not n.endswith(".error.json")}
    text = log.read_text()
    print(
        f"\nchaos: {kills} kills, {recorded_before_last_run} results before the last run, {len(results)} results, "
        f"{len(processed)} processed, {len(failed_files)} failed, {duration:.1f} s; "
        f"{text.count(': reading (id')} readings started for 50 letters; repairs at restart: "
        f"{text.count('unfinished last line')} torn lines, {text.count('rebuilt from')} CSV rebuilds, "
        f"{text.count('already recorded (id')} recorded letters only moved"
    )
    assert len(results) == 50 and len(set(ids)) == 50
    assert all(next(iter(r)) == "document_id" for r in results)
    assert sorted(csv_ids(out)) == sorted(ids)
    assert set(by_source) == set(expected)
    assert names(inbox) == set()
    assert processed | failed_files == set(expected) and len(processed) + len(failed_files) == 50
    assert failed_files == set(DAMAGED)
    for name, code in DAMAGED.items():
        assert by_source[name]["error"]["code"] == code
        assert json.loads((out / "failed" / f"{name}.error.json").read_text())["code"] == code
    assert {name: by_source[name]["nir"] for name in expected if name not in DAMAGED} == {
        name: number for name, number in expected.items() if name not in DAMAGED
    }


KILLED_AT = """
import os, signal, sys
from cpam_reader.interfaces import cli, journal, watch

def die(*_):
    os.kill(os.getpid(), signal.SIGKILL)

point, append, move = sys.argv[1], journal._append, watch.move
if point == "in the middle of a JSON line":
    journal._append = lambda path, data: (append(path, data[:40]), die()) if data[:1] == b"{" else append(path, data)
elif point == "between the JSON line and the CSV row":
    journal._append = lambda path, data: die() if path.name.endswith(".csv") else append(path, data)
elif point == "between the record and the move":
    watch.move = die
elif point == "between the error note and the move":
    watch.move = lambda source, target: die() if target.parent.name == "failed" else move(source, target)
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.mark.parametrize(
    ("point", "repair"),
    [
        ("in the middle of a JSON line", "unfinished last line removed"),
        ("between the JSON line and the CSV row", "results.csv: rebuilt"),
        ("between the record and the move", "already recorded, moved"),
        ("between the error note and the move", "already recorded, moved"),
    ],
)
def test_kill_9_at_each_step_of_recording_is_repaired_at_restart(tmp_path, point, repair):
    inbox, out, log = tmp_path / "inbox", tmp_path / "out", tmp_path / "watch.log"
    inbox.mkdir()
    letters = {"a.pdf": PDFS[0].read_bytes(), "b.pdf": PDFS[1].read_bytes(), "broken.pdf": PDFS[0].read_bytes()[:300]}
    for name, data in letters.items():
        (inbox / name).write_bytes(data)
    args = ["watch", str(inbox), "--out", str(out), "--jobs", "1", "--interval", "0.1", "--settle", "0", "--once"]
    with open(log, "ab") as stream:
        killed = subprocess.run(
            [sys.executable, "-c", KILLED_AT, point, *args], cwd=ROOT, stderr=stream, timeout=120, check=False
        )
    assert killed.returncode == -signal.SIGKILL
    final = start_watch(inbox, out, log, "--once")
    assert final.wait(timeout=120) == 0, log.read_text()
    assert repair in log.read_text()
    results = lines(out)
    assert sorted(r["source"] for r in results) == sorted(letters)
    assert csv_ids(out) == [r["document_id"] for r in results]
    assert names(inbox) == set()
    assert names(out / "processed") == {"a.pdf", "b.pdf"}
    assert names(out / "failed") == {"broken.pdf", "broken.pdf.error.json"}


@pytest.mark.parametrize("how", ["SIGTERM to the watch", "Ctrl-C to every process"])
def test_a_stop_finishes_the_letters_in_flight_and_exits_0(tmp_path, how):
    inbox, out, log = tmp_path / "inbox", tmp_path / "out", tmp_path / "watch.log"
    inbox.mkdir()
    for scan in SCANS[:8]:  # about a second each: several are in flight when the signal comes
        shutil.copy(scan, inbox / scan.name)
    proc = start_watch(inbox, out, log)
    try:
        if how == "SIGTERM to the watch":
            wait_for(lambda: ": reading" in log.read_text(), 60, "a letter to be taken")
            proc.send_signal(signal.SIGTERM)
        else:
            wait_for(lambda: ": recorded" in log.read_text(), 60, "the readers to be at work")
            os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the readers too: they die
        assert proc.wait(timeout=60) == 0, log.read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = log.read_text()
    taken = {line.split(": reading")[0].rsplit(" ", 1)[-1] for line in text.splitlines() if ": reading" in line}
    results = lines(out)
    recorded = {r["source"] for r in results}
    assert all(r["error"] is None for r in results)  # a reader stopped by Ctrl-C does not make a letter "failed"
    assert names(out / "failed") == set()
    assert names(out / "processed") == recorded
    assert names(inbox) == {s.name for s in SCANS[:8]} - recorded
    assert names(inbox), "the stop came after every letter was taken"
    if how == "SIGTERM to the watch":  # the log names a letter by its id, never by its file name
        assert {r["document_id"][:12] for r in results} == taken  # each letter in flight was finished
    assert "stopping" in text and "stopped" in text
