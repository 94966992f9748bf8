"""Compare the reader's own flattening of curled and folded photos with ``page-dewarp`` (the cubic-sheet model).

Why: issue 15 asked to measure page-dewarp (PyPI, MIT; SciPy, SymPy and Matplotlib) before writing a dewarp of
our own. For every photo of a corpus tagged ``curl`` or ``fold``: the reader as it is (its ``dewarp`` stage); then the
page as the reader prepares it up to that stage (the sheet cut out or cropped to its text, upright, its light
evened: page-dewarp finds no text on a whole photo, table included) flattened by page-dewarp's own command line
(installed apart: it is no dependency of the reader) and read by the reader as a flat scan. The numbers read
right (of the photos whose letter has one) and the seconds each flattening took.

    python -m venv /tmp/pdw && /tmp/pdw/bin/pip install page-dewarp
    .venv/bin/python scripts/dewarp_compare.py /tmp/hp --page-dewarp /tmp/pdw/bin/page-dewarp
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from cpam_reader import read_letter
from cpam_reader.base.stages import StageTimer
from cpam_reader.image import dewarp
from cpam_reader.image.ocr import default_engine
from cpam_reader.image.reading import prepare
from cpam_reader.jobs.job import read_safely
from cpam_reader.load.loaders import load_document


def _prepared_unflattened(path: Path) -> np.ndarray:
    """The photo's page as the reader prepares it, every stage but its own flattening."""
    original = dewarp.flatten
    dewarp.flatten = lambda gray: gray  # type: ignore[assignment]  # the stage left out, for this one call
    try:
        page, _, _ = prepare(load_document(path).pages[0].image, default_engine(), StageTimer(), lambda s, i: None)
    finally:
        dewarp.flatten = original  # type: ignore[assignment]
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--page-dewarp", required=True, help="page-dewarp's command")
    parser.add_argument("--cases", nargs="+", default=["curl", "fold"])
    parser.add_argument(
        "--options", default="-z 0.5 -nb 1", help="page-dewarp options (default: half its zoom, gray, not thresholded)"
    )
    args = parser.parse_args()
    rows = []
    for truth_path in sorted(p for folder in args.folders for p in folder.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if not set(args.cases) & set(truth.get("tags") or ()):
            continue
        path = truth_path.with_name(truth["file"])
        started = time.perf_counter()
        ours = read_letter(path).nir
        ours_s = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            upright = Path(tmp) / "page.png"
            cv2.imwrite(str(upright), _prepared_unflattened(path))
            started = time.perf_counter()
            command = [args.page_dewarp, *args.options.split(), "-o", tmp, str(upright)]
            done = subprocess.run(command, capture_output=True, check=False)
            outputs = [p for p in Path(tmp).glob("*") if p.name != upright.name and p.suffix == ".png"]
            dewarp_s = time.perf_counter() - started
            theirs = read_safely(outputs[0]).nir if done.returncode == 0 and outputs else None
        rows.append((path.name, truth["nir"], ours, theirs, ours_s, dewarp_s))
        print(
            f"{path.name:48} ours {'ok ' if ours == truth['nir'] else 'BAD'} {ours_s:5.1f} s   page-dewarp "
            f"{'ok ' if theirs == truth['nir'] else 'BAD'} (+{dewarp_s:5.1f} s to flatten)",
            flush=True,
        )
    if not rows:
        print("no photo with these cases", file=sys.stderr)
        return 1
    rows = [row for row in rows if row[1]]  # the letters with a number: a failed flattening reads none
    n = len(rows)
    print(f"\n{n} photos ({', '.join(args.cases)}):")
    ours_median = statistics.median(r[4] for r in rows)
    print(f"  reader's own dewarp: {sum(r[2] == r[1] for r in rows)}/{n} numbers, median {ours_median:.1f} s per photo")
    print(
        f"  page-dewarp, then the reader: {sum(r[3] == r[1] for r in rows)}/{n} numbers, median "
        f"{statistics.median(r[5] for r in rows):.1f} s to flatten alone"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
