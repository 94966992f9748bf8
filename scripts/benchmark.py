"""Measure cpam-reader on letters with known answers: accuracy and speed per degradation class.

Every document beside a ``<name>.json`` ground truth (``letter_type``, ``nir``, ``nir_status``, and optionally
``degradation``) is read through the real pipeline, ``--jobs`` documents at a time. Without a ``degradation``
field, a PDF counts as ``digital_pdf`` and an image as ``clean_scan``.

    python scripts/benchmark.py [FOLDER ...] [--jobs 2] [--json out.json]

Figures per class: number exact-match rate, wrong-number rate (a number reported that is not the true one),
missed-number rate, status accuracy, letter-type accuracy, seconds per document (median, p95).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from cpam_reader.cli import collect
from cpam_reader.jobs import run_documents
from cpam_reader.ocr import tesseract_info

ROOT = Path(__file__).resolve().parents[1]


def degradation(path: Path, truth: dict) -> str:
    return truth.get("degradation") or ("digital_pdf" if path.suffix.lower() == ".pdf" else "clean_scan")


def score(rows: list[dict]) -> dict[str, float]:
    n = len(rows)
    with_number = [r for r in rows if r["truth"]["nir"]]
    return {
        "documents": n,
        "number_exact": sum(r["result"]["nir"] == r["truth"]["nir"] for r in rows) / n,
        "wrong_number": sum(bool(r["result"]["nir"]) and r["result"]["nir"] != r["truth"]["nir"] for r in rows) / n,
        "missed_number": sum(not r["result"]["nir"] for r in with_number) / max(len(with_number), 1),
        "status_accuracy": sum(r["result"]["nir_status"] == r["truth"]["nir_status"] for r in rows) / n,
        "type_accuracy": sum(r["result"]["letter_type"] == r["truth"]["letter_type"] for r in rows) / n,
        "errors": sum(r["result"]["error"] is not None for r in rows),
        "median_s": statistics.median(r["seconds"] for r in rows),
        "p95_s": sorted(r["seconds"] for r in rows)[max(0, round(0.95 * n) - 1)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "fixtures" / "letters")])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--failures", action="store_true", help="list every document read wrongly")
    args = parser.parse_args()
    paths = [Path(p) for p in collect(args.folders) if Path(p).with_suffix(".json").exists()]
    if not paths:
        print("no documents with a ground-truth .json beside them", file=sys.stderr)
        return 2
    started = time.perf_counter()
    rows = []
    for path, result in zip(paths, run_documents([str(p) for p in paths], args.jobs), strict=True):
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        data = result.to_dict()
        rows.append(
            {
                "path": path,
                "truth": truth,
                "result": data,
                "seconds": sum(data["timings_ms"].values()) / 1000,
                "class": degradation(path, truth),
            }
        )
    wall = time.perf_counter() - started
    classes = defaultdict(list)
    for row in rows:
        classes[row["class"]].append(row)
    report = {name: score(group) for name, group in sorted(classes.items())}
    report["overall"] = score(rows)
    version, _ = tesseract_info()
    header = (
        f"{len(rows)} documents, --jobs {args.jobs}, {wall:.1f} s wall, {60 * len(rows) / wall:.1f} docs/min; "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, Tesseract {version}"
    )
    print(header)
    print(
        "| class | docs | number exact | wrong number | missed | status acc. | type acc. | errors | median s | p95 s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, s in report.items():
        print(
            f"| {name} | {s['documents']} | {s['number_exact']:.1%} | {s['wrong_number']:.1%} | "
            f"{s['missed_number']:.1%} | {s['status_accuracy']:.1%} | {s['type_accuracy']:.1%} | {s['errors']} | "
            f"{s['median_s']:.2f} | {s['p95_s']:.2f} |"
        )
    if args.failures:
        for row in rows:
            r, t = row["result"], row["truth"]
            if (r["nir"], r["nir_status"], r["letter_type"]) != (t["nir"], t["nir_status"], t["letter_type"]):
                print(
                    f"{row['path'].name}: got {r['nir']} {r['nir_status']} {r['letter_type']}, "
                    f"expected {t['nir']} {t['nir_status']} {t['letter_type']} {r['error'] or ''}"
                )
    if args.json:
        args.json.write_text(json.dumps({"header": header, "classes": report}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
