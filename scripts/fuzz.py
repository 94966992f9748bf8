"""Fuzz cpam-reader for minutes: the properties of tests/fuzz_properties.py on fresh inputs (issue 7).

The short run lives in tests/test_fuzz.py (derandomized, a few hundred inputs a target); this is the long run.
Each target runs for ``--minutes`` in batches of Hypothesis examples, each batch with its own seed (printed, so a
batch can be replayed with ``--seed``). Loaders read every input in a child process with a time limit and a
memory limit, so a hang or a crash of a native library is reported, not suffered. Every failure is shrunk by
Hypothesis and written to ``--out`` (the bytes of a file, or the repr of a text input) with its traceback.

    .venv/bin/python scripts/fuzz.py --minutes 3 --target finder
    .venv/bin/python scripts/fuzz.py --minutes 2 --target all --out out/fuzz
    .venv/bin/python scripts/fuzz.py --target loaders --minutes 5 --timeout 20
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import multiprocessing.connection
import random
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests import fuzz_properties as fp  # noqa: E402

PURE_TIMEOUT = 60.0
"""A pure stage still running after this long on one input is interrupted and reported as a hang."""
CHILD_MEMORY = 3 * 1024**3
"""Address-space limit of the loading child: a decoder asking for more fails there (and is reported)."""


class Hang(Exception):
    """A pure stage ran past PURE_TIMEOUT on one input."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"still running after {PURE_TIMEOUT:.0f} s")


# --- loading in a child process -------------------------------------------------------------------------------


def _child(conn: multiprocessing.connection.Connection, stderr: str) -> None:
    import os
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    # libtiff and libjpeg complain on stderr about every damaged file: keep that out of the report.
    os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644), 2)
    while True:
        try:
            data = conn.recv_bytes()
        except EOFError:
            return
        started = time.perf_counter()
        outcome = fp.load_outcome(data)
        conn.send((outcome, time.perf_counter() - started))


class Loader:
    """One child process that loads documents, restarted after a hang or a death."""

    def __init__(self, timeout: float, stderr: Path) -> None:
        self.timeout = timeout
        self.stderr = stderr
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.conn: multiprocessing.connection.Connection | None = None
        self.restarts = 0

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=_child, args=(child, str(self.stderr)), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
            self.restarts += 1
        self.process = self.conn = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.process is not None:
            self.process.join(5)
            if self.process.is_alive():
                self.process.kill()

    def load(self, data: bytes) -> tuple[fp.Outcome, float]:
        if self.process is None or not self.process.is_alive():
            self._start()
        assert self.conn is not None
        started = time.perf_counter()
        try:
            self.conn.send_bytes(data)
            if self.conn.poll(self.timeout):
                outcome, elapsed = self.conn.recv()
                return outcome, elapsed
        except (EOFError, OSError):  # the child died on this input (a signal from a native library)
            self.process.join(5)
            code = self.process.exitcode
            self._stop()
            return ("crash", (f"child died (exit code {code})", "", "")), time.perf_counter() - started
        self._stop()
        return ("hang", f"no answer after {self.timeout:.0f} s"), time.perf_counter() - started


# --- targets --------------------------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], object]
    batch: int = 200
    tried: int = 0
    failures: list[str] = field(default_factory=list)


def targets(loader: Loader | None, small: bool, long: int) -> dict[str, Target]:
    def with_loader(blob: fp.Blob) -> None:
        assert loader is not None
        outcome, elapsed = loader.load(blob.data)
        if outcome[0] == "hang":
            raise AssertionError(f"hang: {outcome[1]}")
        fp.check_outcome(outcome, elapsed)

    return {
        "finder": Target("finder", fp.text_lines(long), fp.check_finder),
        "nir": Target(
            "nir",
            st.one_of(fp.any_texts(long), st.none(), st.integers(), st.binary(max_size=20), fp.number_like_texts()),
            fp.check_nir,
            batch=500,
        ),
        "status": Target(
            "status",
            st.tuples(fp.text_lines(long), st.lists(fp.number_candidates(), max_size=4)),
            lambda args: fp.check_status(*args),
        ),
        "classify": Target(
            "classify",
            fp.text_lines(long),
            lambda lines: fp.check_classify("\n".join(line.text for line in lines), lines),
            batch=100,
        ),
        "ocr_rows": Target("ocr_rows", fp.ocr_words(), fp.check_ocr_rows),
        "second_look": Target(
            "second_look",
            st.tuples(
                fp.ocr_words(realistic=True), st.lists(fp.number_like_texts(6), max_size=4), fp.number_like_texts(20)
            ),
            lambda args: fp.check_second_look(*args),
        ),
        "loaders": Target(
            "loaders", fp.loader_inputs(fp.seed_files(small=small), max_edits=8, odd_pages=True), with_loader, batch=100
        ),
    }


def _write_reproducer(out: Path, target: str, example: Any, error: BaseException) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    if isinstance(example, fp.Blob):
        digest = hashlib.sha256(example.data).hexdigest()[:12]
        path = out / f"{target}-{digest}.bin"
        path.write_bytes(example.data)
    else:
        text = repr(example)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        path = out / f"{target}-{digest}.txt"
        path.write_text(text + "\n", encoding="utf-8", errors="surrogatepass")
    details = "".join(traceback.format_exception(error))
    path.with_suffix(path.suffix + ".log").write_text(f"{example!r}\n\n{details}", encoding="utf-8", errors="replace")
    return path


def signature(error: BaseException) -> str:
    """What a failure is, numbers aside: the same bug found again on another input has the same signature."""
    lines = str(error).splitlines()
    return f"{type(error).__name__}: {re.sub(r'[0-9]+', 'N', lines[0] if lines else '')[:160]}"


def run(target: Target, minutes: float, base_seed: int, out: Path, shrink: bool) -> None:
    """Batches of examples until the time is up; a failure already reported passes afterwards (counted)."""
    deadline = time.monotonic() + 60 * minutes
    last_failing: list[Any] = []
    known: dict[str, int] = {}

    def prop(example: Any) -> None:
        target.tried += 1
        try:
            signal.setitimer(signal.ITIMER_REAL, PURE_TIMEOUT)
            try:
                target.check(example)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except Exception as error:
            if signature(error) in known:
                known[signature(error)] += 1
                return
            last_failing[:] = [example]
            raise

    phases = [Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    batch_number = 0
    while time.monotonic() < deadline:
        batch_seed = base_seed + batch_number
        batch_number += 1
        test = settings(
            max_examples=target.batch,
            deadline=None,
            database=None,
            derandomize=False,
            phases=phases,
            report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
        )(given(target.strategy)(prop))
        test = hypothesis_seed(batch_seed)(test)
        try:
            test()
        except Exception as error:  # Hang included
            example = last_failing[0] if last_failing else None
            path = _write_reproducer(out, target.name, example, error)
            summary = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            known[signature(error)] = known.get(signature(error), 0) + 1
            target.failures.append(f"seed {batch_seed}: {summary} -> {path}")
            print(f"[{target.name}] FAILURE (batch seed {batch_seed}): {summary}", flush=True)
            print(f"    input: {example!r}"[:2000], flush=True)
            print(f"    reproducer: {path}", flush=True)
            if len(target.failures) >= 20:
                print(f"[{target.name}] 20 failures: stopping this target", flush=True)
                break
    print(
        f"[{target.name}] {target.tried} inputs in {batch_number} batches, {len(target.failures)} failures", flush=True
    )
    for name, count in known.items():
        print(f"    {count} inputs failed as: {name}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = ["finder", "nir", "status", "classify", "ocr_rows", "second_look", "loaders"]
    parser.add_argument("--target", choices=[*names, "all"], default="all")
    parser.add_argument("--minutes", type=float, default=2.0, help="per target (default 2)")
    parser.add_argument("--seed", type=int, default=None, help="first batch seed (default: random, printed)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "fuzz", help="where reproducers are written")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to load one file in the child")
    parser.add_argument("--small", action="store_true", help="loaders: only the small seed files (faster)")
    parser.add_argument(
        "--long", type=int, default=400, help="pieces in a long line, lines in a long page (default 400; 20: faster)"
    )
    parser.add_argument("--no-shrink", action="store_true", help="report failing inputs as found, unshrunk")
    args = parser.parse_args(argv)

    base_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"seed {base_seed}, {args.minutes} min per target, reproducers in {args.out}", flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    args.out.mkdir(parents=True, exist_ok=True)
    loader = Loader(args.timeout, args.out / "loader-stderr.log") if args.target in ("loaders", "all") else None
    chosen = names if args.target == "all" else [args.target]
    all_targets = targets(loader, args.small, args.long)
    try:
        for name in chosen:
            run(all_targets[name], args.minutes, base_seed, args.out, shrink=not args.no_shrink)
    finally:
        if loader is not None:
            loader.close()
    print("\nsummary")
    for name in chosen:
        target = all_targets[name]
        print(f"  {name:12} {target.tried:8d} inputs  {len(target.failures)} failures")
        for failure in target.failures:
            print(f"      {failure}")
    if loader is not None:
        print(f"  loader child restarts (hangs or deaths): {loader.restarts}")
    return 1 if any(all_targets[name].failures for name in chosen) else 0


if __name__ == "__main__":
    sys.exit(main())
