"""Speed, measured fairly: cpam-reader beside the afternoon baseline, letter by letter (``benchmark.py --speed``).

Each pipeline has one warm reader process (Tesseract single-threaded, ``OMP_THREAD_LIMIT=1``); the letters are
read in turn, cpam then baseline on the same letter, one at a time, so that a busy moment on a shared machine
slows both alike and neither competes with the other for a core. Per class: median and p95 seconds per document
inside the reader, and the ratio of the medians. Then whole processes as a user starts them: ``cpam-reader scan``
on one digital PDF and on one scan against ``python scripts/baseline.py`` on the same file, ``--help`` and
``validate``; then cpam's throughput with one and two readers on the same letters, and each reader's peak memory.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CPAM = [sys.executable, "-m", "cpam_reader.interfaces.cli"]
BASELINE = [sys.executable, str(ROOT / "scripts" / "baseline.py")]


def _read(pipeline: str, path: str) -> tuple[float, float, str | None]:
    """In a reader process: seconds to read ``path``, the process's peak memory (MB), and the number read."""
    if pipeline == "cpam":
        from cpam_reader.jobs.job import read_safely

        started = time.perf_counter()
        number = read_safely(path).nir
    else:
        from baseline import read_letter_baseline

        started = time.perf_counter()
        number = read_letter_baseline(path)["nir"]  # type: ignore[assignment]
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, number


def _init(pipeline: str) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    sys.path.insert(0, str(ROOT / "scripts"))
    if pipeline == "cpam":
        from cpam_reader.jobs.job import init_worker

        init_worker()
    else:
        import cv2

        cv2.setNumThreads(1)


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def interleaved(paths: Sequence[tuple[str, str]]) -> dict[str, dict[str, list[float]]]:
    """(class, path) read by both pipelines in turn, one warm reader each: seconds per class and pipeline."""
    seconds: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    readers = {p: ProcessPoolExecutor(1, initializer=_init, initargs=(p,)) for p in ("cpam", "baseline")}
    try:
        for pipeline, reader in readers.items():  # warm: imports done, OCR model loaded
            reader.submit(_read, pipeline, paths[0][1]).result()
        for cls, path in paths:
            for pipeline, reader in readers.items():
                took, _, _ = reader.submit(_read, pipeline, path).result()
                seconds[cls][pipeline].append(took)
    finally:
        for reader in readers.values():
            reader.shutdown()
    return seconds


def whole_process(command: list[str], runs: int = 5) -> float:
    """Median wall seconds of ``command`` run from start to exit."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def throughput(paths: Sequence[str], readers: int) -> tuple[float, float]:
    """Documents per minute with ``readers`` warm cpam readers, and their highest peak memory (MB)."""
    with ProcessPoolExecutor(readers, initializer=_init, initargs=("cpam",)) as pool:
        list(pool.map(time.sleep, [0.5] * readers))
        for _ in pool.map(_read, ["cpam"] * readers, paths[:readers]):
            pass
        started = time.perf_counter()
        rows = list(pool.map(_read, ["cpam"] * len(paths), paths))
        wall = time.perf_counter() - started
    return len(paths) / wall * 60, max(mb for _, mb, _ in rows)


def speed(by_class: dict[str, list[Path]], per_class: int) -> dict[str, Any]:
    """Every figure of the speed mode, printed as it is measured; returned for ``--json``."""
    chosen = [(cls, str(p)) for cls, found in sorted(by_class.items()) for p in found[:per_class]]
    figures: dict[str, Any] = {"classes": {}}
    seconds = interleaved(chosen)
    print(f"\nSpeed, {per_class} letters per class, one warm reader each, letter by letter (seconds per document):\n")
    print("| class | cpam median | cpam p95 | baseline median | baseline p95 | ratio |")
    print("|---|---|---|---|---|---|")
    for cls, runs in seconds.items():
        cpam, base = runs["cpam"], runs["baseline"]
        row = {
            "cpam_median_s": statistics.median(cpam),
            "cpam_p95_s": _p95(cpam),
            "baseline_median_s": statistics.median(base),
            "baseline_p95_s": _p95(base),
        }
        row["ratio"] = row["cpam_median_s"] / row["baseline_median_s"]
        figures["classes"][cls] = row
        print(
            f"| {cls} | {row['cpam_median_s']:.3f} | {row['cpam_p95_s']:.3f} | {row['baseline_median_s']:.3f} | "
            f"{row['baseline_p95_s']:.3f} | {row['ratio']:.2f} |"
        )
    print("\nWhole processes, median of 5 (seconds, wall):\n")
    print("| command | cpam-reader | baseline |")
    print("|---|---|---|")
    processes: dict[str, dict[str, float | None]] = {}
    for cls in ("digital_pdf", "clean_scan"):
        if by_class.get(cls):
            path = str(by_class[cls][0])
            processes[f"scan one {cls}"] = {
                "cpam": whole_process([*CPAM, "scan", path, "--jobs", "1"]),
                "baseline": whole_process([*BASELINE, path]),
            }
    processes["--help"] = {"cpam": whole_process([*CPAM, "--help"]), "baseline": None}
    processes["validate"] = {"cpam": whole_process([*CPAM, "validate", "185057800608436"]), "baseline": None}
    for label, row in processes.items():
        base = f"{row['baseline']:.2f}" if row["baseline"] is not None else "-"
        print(f"| {label} | {row['cpam']:.2f} | {base} |")
    figures["processes"] = processes
    mixed = [path for _, path in chosen]
    one, one_mb = throughput(mixed, 1)
    two, two_mb = throughput(mixed, 2)
    peak = max(one_mb, two_mb)
    figures["throughput"] = {"one_per_min": one, "two_per_min": two, "scaling": two / one, "peak_mb": peak}
    print(
        f"\ncpam throughput on these {len(mixed)} letters: {one:.1f}/min with one reader, {two:.1f}/min with two "
        f"({two / one:.2f}x); peak memory per reader {peak:.0f} MB"
    )
    return figures
