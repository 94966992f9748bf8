"""Documents per minute on this machine: 1 and 2 local reader processes, and 2 Celery workers through Redis.

Each configuration reads the same stratified sample (``--per-class`` documents of each degradation class of the
corpus) on warm readers (processes started, OCR model loaded), three times; the median is reported. The Celery
run starts its own ``redis-server`` and two ``cpam-reader worker --concurrency 1`` processes. Then an estimate
of the machines needed for ``--letters-per-day`` letters.

    python scripts/make_corpus.py --out corpus
    python scripts/scale_benchmark.py corpus

A benchmark: prints measured figures, never run by the test suite.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from cpam_reader.interfaces.cli import collect
from cpam_reader.jobs.base import Runner, make_runner
from cpam_reader.jobs.job import BATCH, Job

ROOT = Path(__file__).resolve().parents[1]


def sample(folders: list[str], per_class: int) -> list[str]:
    """``per_class`` documents of each class (the second part of ``NNNN-class-type.ext``)."""
    taken: dict[str, int] = defaultdict(int)
    chosen = []
    for path in collect(folders):
        parts = Path(path).stem.split("-")
        cls = parts[1] if len(parts) > 2 else "other"
        if taken[cls] < per_class:
            taken[cls] += 1
            chosen.append(path)
    return chosen


def docs_per_minute(runner: Runner, paths: list[str], rounds: int) -> float:
    """The median over ``rounds`` of documents per minute, after a warm-up of one document per reader."""
    warm = [runner.submit(Job(p), priority=BATCH) for p in paths[: max(2, runner.workers)]]
    for future in warm:
        future.result()
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        futures = [runner.submit(Job(p), priority=BATCH) for p in paths]
        failed = sum(not f.result().ok for f in futures)
        rates.append(60 * len(paths) / (time.perf_counter() - started))
        if failed:
            print(f"  ({failed} documents failed)", file=sys.stderr)
    return statistics.median(rates)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def celery_workers(count: int, log_dir: Path) -> Iterator[str]:
    """A redis-server and ``count`` workers of one reader each; yields the broker URL."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    workers = []
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        for i in range(count):
            log = log_dir / f"worker-{i}.log"
            with open(log, "w") as stream:
                workers.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "cpam_reader.interfaces.cli",
                            "worker",
                            "--broker",
                            url,
                            "--concurrency",
                            "1",
                        ],
                        stdout=stream,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            while "ready." not in log.read_text(errors="replace"):
                time.sleep(0.2)
        yield url
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(30)
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "fixtures" / "corpus")])
    parser.add_argument("--per-class", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--letters-per-day", type=int, default=10_000)
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        print("redis-server is missing: apt-get install redis-server", file=sys.stderr)
        return 2
    paths = sample(args.folders, args.per_class)
    print(f"{platform.machine()}, {os.cpu_count()} cores; {len(paths)} documents x {args.rounds} rounds, median\n")
    figures = {}
    for jobs in (1, 2):
        with make_runner(jobs) as runner:
            figures[f"local, {jobs} reader process{'es' if jobs > 1 else ''}"] = docs_per_minute(
                runner, paths, args.rounds
            )
    with (
        tempfile.TemporaryDirectory() as tmp,
        celery_workers(2, Path(tmp)) as url,
        make_runner(2, broker=url) as runner,
    ):
        figures["Celery, 2 workers of 1 reader, Redis on this machine"] = docs_per_minute(runner, paths, args.rounds)
    print("| configuration | documents per minute |")
    print("|---|---|")
    for name, rate in figures.items():
        print(f"| {name} | {rate:.1f} |")
    per_machine_day = figures["local, 2 reader processes"] * 60 * 24
    per_machine_8h = figures["local, 2 reader processes"] * 60 * 8
    print(
        f"\n{args.letters_per_day} letters a day: one 2-core machine reads {per_machine_day:.0f} in 24 h "
        f"({per_machine_8h:.0f} in an 8-hour day): "
        f"{math.ceil(args.letters_per_day / per_machine_day)} machine(s) around the clock, "
        f"{math.ceil(args.letters_per_day / per_machine_8h)} to finish within 8 hours."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
